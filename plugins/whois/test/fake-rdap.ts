// Specifications: https://www.rfc-editor.org/rfc/rfc9224 (bootstrap), https://www.rfc-editor.org/rfc/rfc9082 (queries),
// https://www.rfc-editor.org/rfc/rfc9083 (responses).
import { Hono } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake RDAP service on 127.0.0.1: IANA's bootstrap files (RFC 9224: `dns.json`, `ipv4.json`,
 * `ipv6.json`, `{"version": "1.0", "services": [[entries], [base URLs]]}`) naming this server as
 * the RDAP service of `.org` and of 198.51.100.0/24, and that registry's lookups (RFC 9082:
 * `GET /rdap/domain/<name>`, `GET /rdap/ip/<address>`) answering RFC 9083 objects
 * (`application/rdap+json`: ldhName, status, events, nameservers, secureDNS, entities with roles
 * and jCard vcardArray) or 404 with an RFC 9083 error object. `failNext` makes the registry fail.
 */
export function fakeRdap() {
  const requests: string[] = [];
  const faults = faultInjection();
  const app = new Hono();
  const rdap = (body: unknown, status: 200 | 404 = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/rdap+json' } });
  app.use('*', async (c, next) => {
    requests.push(new URL(c.req.url).pathname);
    await next();
  });
  app.get('/bootstrap/dns.json', (c) => c.json({ version: '1.0', publication: '2026-11-30T00:00:00Z', services: [[['org', 'ngo'], [`${new URL(c.req.url).origin}/rdap/`]], [['com', 'net'], []]] }));
  app.get('/bootstrap/ipv4.json', (c) => c.json({ version: '1.0', services: [[['198.51.100.0/24'], [`${new URL(c.req.url).origin}/rdap/`]]] }));
  app.get('/bootstrap/ipv6.json', (c) => c.json({ version: '1.0', services: [[['2001:db8::/32'], [`${new URL(c.req.url).origin}/rdap/`]]] }));
  app.use('/rdap/*', faults.middleware((_c, failure) => new Response(JSON.stringify({ errorCode: failure.status, title: 'Service unavailable' }), { status: failure.status, headers: { 'content-type': 'application/rdap+json' } })));
  app.get('/rdap/domain/:name', (c) => {
    const name = c.req.param('name').toLowerCase();
    if (name !== 'example.org') return rdap({ errorCode: 404, title: 'Not Found', description: [`${name} is not registered`] }, 404);
    return rdap({
      objectClassName: 'domain',
      ldhName: 'EXAMPLE.ORG',
      status: ['client transfer prohibited', 'server delete prohibited'],
      events: [
        { eventAction: 'registration', eventDate: '1995-08-31T04:00:00Z' },
        { eventAction: 'expiration', eventDate: '2030-08-30T04:00:00Z' },
        { eventAction: 'last changed', eventDate: '2026-08-14T07:01:34Z' },
      ],
      nameservers: [{ objectClassName: 'nameserver', ldhName: 'A.IANA-SERVERS.NET' }, { objectClassName: 'nameserver', ldhName: 'B.IANA-SERVERS.NET' }],
      secureDNS: { delegationSigned: true },
      entities: [
        { objectClassName: 'entity', roles: ['registrar'], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'Example Registrar, Inc.']]], entities: [{ objectClassName: 'entity', roles: ['abuse'], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['email', {}, 'text', 'abuse@registrar.example']]] }] },
        { objectClassName: 'entity', roles: ['registrant'], vcardArray: ['vcard', [['version', {}, 'text', '4.0'], ['fn', {}, 'text', 'Internet Assigned Numbers Authority'], ['email', {}, 'text', 'iana@iana.org']]] },
      ],
    });
  });
  app.get('/rdap/ip/:ip', () =>
    rdap({
      objectClassName: 'ip network',
      handle: 'NET-198-51-100-0-1',
      startAddress: '198.51.100.0',
      endAddress: '198.51.100.255',
      name: 'TEST-NET-2',
      status: ['active'],
      events: [{ eventAction: 'registration', eventDate: '2010-01-01T00:00:00Z' }],
      entities: [{ roles: ['registrant'], vcardArray: ['vcard', [['fn', {}, 'text', 'Documentation Networks']]] }, { roles: ['abuse'], vcardArray: ['vcard', [['email', {}, 'text', 'abuse@test-net.example']]] }],
    }),
  );
  return { app, requests, faults };
}
