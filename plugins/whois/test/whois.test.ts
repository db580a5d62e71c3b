import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf, startFakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { fakeRdap } from './fake-rdap.js';
import { ARIN_8888, IANA_COM, IANA_IP, IANA_ORG, IANA_UK, MARKMONITOR_GOOGLE, NOMINET_EXAMPLE, NO_MATCH, PIR_EXAMPLE, VERISIGN_GOOGLE, startWhoisServer, type FakeWhoisServer } from './fake-whois-servers.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function server(answer: (query: string) => string | 'hang'): Promise<FakeWhoisServer> {
  const started = await startWhoisServer(answer);
  cleanups.push(started.close);
  return started;
}

/** IANA, the registries and registrars the tests reach, each a TCP server routed to by hostname; an RDAP service. */
async function setup(options: { registrarDown?: boolean; hang?: boolean } = {}) {
  const iana = await server((query) => (query.endsWith('.com') ? IANA_COM : query.endsWith('.uk') ? IANA_UK : query.endsWith('.org') ? IANA_ORG : IANA_IP));
  const verisign = await server((query) => (options.hang ? 'hang' : query === 'google.com' ? VERISIGN_GOOGLE : NO_MATCH));
  const markmonitor = await server(() => MARKMONITOR_GOOGLE);
  const nominet = await server(() => NOMINET_EXAMPLE);
  const pir = await server(() => PIR_EXAMPLE);
  const arin = await server(() => ARIN_8888);
  const rdap = fakeRdap();
  const rdapServer = await startFakeServer(rdap.app.fetch);
  cleanups.push(rdapServer.close);
  if (options.registrarDown) await markmonitor.close();
  const configuration = {
    iana_server: 'whois.iana.org',
    rdap_bootstrap_url: `${rdapServer.url}bootstrap/`,
    timeout_seconds: 5,
    servers: {
      'whois.iana.org': iana.address,
      'whois.verisign-grs.com': verisign.address,
      'whois.markmonitor.com': markmonitor.address,
      'whois.nic.uk': nominet.address,
      'whois.publicinterestregistry.org': pir.address,
      'whois.arin.net': arin.address,
    },
  };
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const run = (query: string, extra: { configuration?: Record<string, unknown>; timeoutMs?: number } = {}) =>
    ply.run({ action: 'whois.whois', arguments: { query }, configuration: { ...configuration, ...extra.configuration }, ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}) });
  return { iana, verisign, markmonitor, nominet, pir, arin, rdap, run, logs };
}

type Result = { Domain: { Name: string; Whois: Record<string, unknown> } };

describe('Whois over TCP 43 with referrals (IANA → registry → registrar)', () => {
  it("follows IANA's referral to the registry and the registry's to the registrar, in the reference's result shape", async () => {
    const { iana, verisign, markmonitor, run } = await setup();
    const { Domain } = (await run('google.com')).results as Result;
    expect([iana.queries, verisign.queries, markmonitor.queries]).toEqual([['google.com'], ['google.com'], ['google.com']]);
    expect(Domain.Name).toBe('GOOGLE.COM');
    expect(Domain.Whois).toMatchObject({
      Domain: 'GOOGLE.COM',
      DomainStatus: ['clientDeleteProhibited', 'serverTransferProhibited'],
      DNSSec: 'unsigned',
      NameServers: ['ns1.google.com', 'ns2.google.com'],
      CreationDate: '1997-09-15 04:00:00',
      UpdatedDate: '2019-09-09 15:39:04',
      ExpirationDate: '2028-09-14 04:00:00',
      Registrar: { Name: 'MarkMonitor, Inc.', AbuseEmail: 'abusecomplaints@markmonitor.com' },
      Registrant: { Name: 'Google LLC', Email: 'Select Request Email Form at https://domains.markmonitor.com/whois/google.com' },
      Source: 'whois',
      Servers: ['whois.verisign-grs.com', 'whois.markmonitor.com'],
    });
    expect(Domain.Whois['Raw']).toBe(`${VERISIGN_GOOGLE}\n${MARKMONITOR_GOOGLE}`);
  });

  it('reduces a URL to its registered domain with the Public Suffix List', async () => {
    const { iana, nominet, run } = await setup();
    const { Domain } = (await run('https://www.shop.example.co.uk/basket?id=1')).results as Result;
    expect(iana.queries).toEqual(['example.co.uk']);
    expect(nominet.queries).toEqual(['example.co.uk']);
    expect(Domain.Name).toBe('example.co.uk');
  });

  it('answers {} for a domain the registry does not know, as the reference did', async () => {
    const { markmonitor, run, logs } = await setup();
    expect((await run('nowhere-example.com')).results).toEqual({});
    expect(markmonitor.queries).toEqual([]);
    expect(logs.text()).toContain('no registration found');
  });

  it("keeps the registry's answer when the registrar cannot be reached", async () => {
    const { run, logs } = await setup({ registrarDown: true });
    const { Domain } = (await run('google.com')).results as Result;
    expect(Domain.Whois).toMatchObject({ Registrar: { Name: 'MarkMonitor Inc.' }, Servers: ['whois.verisign-grs.com'] });
    expect(logs.text()).toContain('a referred WHOIS server did not answer');
  });

  it('gives up on a WHOIS server that does not answer, naming it', async () => {
    const { run } = await setup({ hang: true });
    const error = await plyErrorOf(run('google.com', { configuration: { timeout_seconds: 0.2 } }));
    expect(error.code).toBe('PLY_HTTP_TIMEOUT');
    expect(error.message).toBe('WHOIS server whois.verisign-grs.com did not answer within 0.2 s');
  });

  it("looks an IP address up at IANA, then the RIR it refers to (RDAP off)", async () => {
    const { arin, run } = await setup();
    const { Domain } = (await run('8.8.8.8', { configuration: { rdap: false } })).results as Result;
    expect(arin.queries).toEqual(['8.8.8.8']);
    expect(Domain).toMatchObject({ Name: '8.8.8.8', Whois: { Registrant: { Name: 'Google LLC' }, Registrar: { AbuseEmail: 'network-abuse@google.com' }, CreationDate: '2014-03-14 00:00:00', Source: 'whois' } });
  });

  it('refuses a query that is neither a domain, a URL nor an IP address', async () => {
    const { iana, run } = await setup();
    const error = await plyErrorOf(run('not a domain'));
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('neither a domain, a URL nor an IP address');
    expect(iana.queries).toEqual([]);
  });
});

describe('Whois over RDAP where the registry offers it', () => {
  it('asks the RDAP service the IANA bootstrap names for the TLD, and maps the RDAP object', async () => {
    const { iana, rdap, run } = await setup();
    const { Domain } = (await run('www.example.org')).results as Result;
    expect(iana.queries).toEqual([]);
    expect(rdap.requests).toEqual(['/bootstrap/dns.json', '/rdap/domain/example.org']);
    expect(Domain.Whois).toMatchObject({
      Domain: 'EXAMPLE.ORG',
      DomainStatus: ['client transfer prohibited', 'server delete prohibited'],
      DNSSec: 'signedDelegation',
      NameServers: ['a.iana-servers.net', 'b.iana-servers.net'],
      CreationDate: '1995-08-31 04:00:00',
      ExpirationDate: '2030-08-30 04:00:00',
      UpdatedDate: '2026-08-14 07:01:34',
      Registrar: { Name: 'Example Registrar, Inc.', AbuseEmail: 'abuse@registrar.example' },
      Registrant: { Name: 'Internet Assigned Numbers Authority', Email: 'iana@iana.org' },
      Source: 'rdap',
    });
    expect(JSON.parse(Domain.Whois['Raw'] as string)).toMatchObject({ objectClassName: 'domain', ldhName: 'EXAMPLE.ORG' });
  });

  it('answers {} for a domain the RDAP registry does not know (404)', async () => {
    const { run } = await setup();
    expect((await run('unregistered.org')).results).toEqual({});
  });

  it('uses WHOIS when the bootstrap lists no RDAP service for the TLD', async () => {
    const { rdap, verisign, run } = await setup();
    expect(((await run('google.com')).results as Result).Domain.Whois['Source']).toBe('whois');
    expect(rdap.requests).toEqual(['/bootstrap/dns.json']);
    expect(verisign.queries).toEqual(['google.com']);
  });

  it('falls back to WHOIS when the RDAP service keeps failing', async () => {
    const { rdap, pir, run, logs } = await setup();
    rdap.faults.failNext.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const { Domain } = (await run('example.org')).results as Result;
    expect(Domain.Whois).toMatchObject({ Source: 'whois', DNSSec: 'signedDelegation', Registrar: { Name: 'Example Registrar, Inc.' } });
    expect(pir.queries).toEqual(['example.org']);
    expect(logs.text()).toContain('RDAP failed; asking WHOIS');
  });

  it("finds an address's RDAP service by its prefix in the bootstrap", async () => {
    const { rdap, run } = await setup();
    const { Domain } = (await run('198.51.100.23')).results as Result;
    expect(rdap.requests).toEqual(['/bootstrap/ipv4.json', '/rdap/ip/198.51.100.23']);
    expect(Domain).toMatchObject({ Name: 'NET-198-51-100-0-1', Whois: { Registrant: { Name: 'Documentation Networks' }, Registrar: { AbuseEmail: 'abuse@test-net.example' }, Source: 'rdap' } });
  });
});
