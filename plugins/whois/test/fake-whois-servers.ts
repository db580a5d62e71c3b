import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * Fake WHOIS servers on 127.0.0.1 (RFC 3912, https://www.rfc-editor.org/rfc/rfc3912): each reads
 * one query line ended by CRLF, writes its answer and closes the connection. The answers follow
 * what the real servers publish: IANA's `refer:` to the registry (https://www.iana.org/whois),
 * the Verisign registry's thin record with `Registrar WHOIS Server:`, the registrar's full record
 * (ICANN's RDDS output format, as in the reference module's test fixture), "No match for" for an
 * unknown domain, and ARIN's `NetRange`/`OrgName` record for an address.
 */
export interface FakeWhoisServer {
  /** `127.0.0.1:<port>`, for the configuration's `servers` routes. */
  address: string;
  queries: string[];
  close(): Promise<void>;
}

export async function startWhoisServer(answer: (query: string) => string | 'hang'): Promise<FakeWhoisServer> {
  const queries: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      const end = received.indexOf('\r\n');
      if (end < 0) return;
      const query = received.slice(0, end);
      queries.push(query);
      const text = answer(query);
      if (text !== 'hang') socket.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    queries,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export const IANA_COM = `% IANA WHOIS server
% for more information on IANA, visit http://www.iana.org
% This query returned 1 object

refer:        whois.verisign-grs.com

domain:       COM

organisation: VeriSign Global Registry Services
whois:        whois.verisign-grs.com

status:       ACTIVE
remarks:      Registration information: http://www.verisigninc.com
`;

export const IANA_UK = `% IANA WHOIS server

refer:        whois.nic.uk

domain:       UK
organisation: Nominet UK
`;

export const IANA_ORG = `% IANA WHOIS server

refer:        whois.publicinterestregistry.org

domain:       ORG
`;

export const IANA_IP = `% IANA WHOIS server

refer:        whois.arin.net

inetnum:      8.0.0.0 - 8.255.255.255
organisation: ARIN
status:       LEGACY
`;

export const VERISIGN_GOOGLE = `   Domain Name: GOOGLE.COM
   Registry Domain ID: 2138514_DOMAIN_COM-VRSN
   Registrar WHOIS Server: whois.markmonitor.com
   Registrar URL: http://www.markmonitor.com
   Updated Date: 2019-09-09T15:39:04Z
   Creation Date: 1997-09-15T04:00:00Z
   Registry Expiry Date: 2028-09-14T04:00:00Z
   Registrar: MarkMonitor Inc.
   Registrar IANA ID: 292
   Registrar Abuse Contact Email: abusecomplaints@markmonitor.com
   Domain Status: clientDeleteProhibited https://icann.org/epp#clientDeleteProhibited
   Domain Status: serverTransferProhibited https://icann.org/epp#serverTransferProhibited
   Name Server: NS1.GOOGLE.COM
   Name Server: NS2.GOOGLE.COM
   DNSSEC: unsigned
>>> Last update of whois database: 2025-02-10T09:25:48Z <<<
`;

export const MARKMONITOR_GOOGLE = `Domain Name: google.com
Registrar WHOIS Server: whois.markmonitor.com
Updated Date: 2024-08-02T02:17:33+0000
Creation Date: 1997-09-15T07:00:00+0000
Registrar Registration Expiration Date: 2028-09-13T07:00:00+0000
Registrar: MarkMonitor, Inc.
Registrar Abuse Contact Email: abusecomplaints@markmonitor.com
Registrant Organization: Google LLC
Registrant Email: Select Request Email Form at https://domains.markmonitor.com/whois/google.com
Name Server: ns1.google.com
Name Server: ns2.google.com
DNSSEC: unsigned
`;

export const NO_MATCH = `No match for "NOWHERE-EXAMPLE.COM".
>>> Last update of whois database: 2025-02-10T09:25:48Z <<<
`;

export const NOMINET_EXAMPLE = `
    Domain name:
        example.co.uk

    Registrar:
        Nominet UK

    Relevant dates:
        Registered on: 26-Nov-1996
`;

export const ARIN_8888 = `NetRange:       8.8.8.0 - 8.8.8.255
CIDR:           8.8.8.0/24
NetName:        GOGL
OrgName:        Google LLC
RegDate:        2014-03-14
Updated:        2014-03-14
OrgAbuseEmail:  network-abuse@google.com
`;

export const PIR_EXAMPLE = `Domain Name: example.org
Registrar: Example Registrar, Inc.
Creation Date: 1995-08-31T04:00:00Z
Registry Expiry Date: 2030-08-30T04:00:00Z
Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited
Name Server: A.IANA-SERVERS.NET
DNSSEC: signedDelegation
`;
