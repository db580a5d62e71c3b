import { isIP } from 'node:net';
import { Hono, type Context } from 'hono';
import { faultInjection } from '@ply/kit/testing';

/**
 * A fake of IKnowWhatYouDownload's Peer API, as documented in its implementation guide
 * (https://iknowwhatyoudownload.com/assets/docs/PeerAPI.html) and as the reference module's tests
 * (automation-library IKnowWhatYouDownload/tests) exchange with it:
 * - every request carries the API key as the `key` GET parameter; a wrong key is refused (401
 *   `{ error: "INVALID_KEY" }`: the guide does not give the status, the fake says 401);
 * - `GET /history/peer/?ip=&days=&contents=&lang=`: the IP's history (`days` 1-30, `contents`
 *   1-100, `lang` en|ru), shaped as the guide's example (numeric coordinates and torrent size);
 * - `GET /history/exist?ip=`: `{ ip, exists, date? }`;
 * - `GET /history/peers?cidr=`: `{ CIDR, peers: [{ ip, date }] }`;
 * - an invalid value is answered 200 with an error body, `{ error: "INVALID_CIDR", message:
 *   "value of cidr is invalid" }`, as in the reference's tests.
 * `failNext` / `delayNextMs` inject 429/5xx answers and slowness; `malformedNext` an HTML page;
 * `echoNext` an error that quotes the key raw, URL-encoded and in a header (the canary).
 */
export function fakePeerApi(apiKey: string) {
  const received: Array<{ path: string; query: Record<string, string> }> = [];
  const faults = faultInjection();
  const state = { malformedNext: false, echoNext: false };
  const app = new Hono();
  app.use('*', async (c, next) => {
    received.push({ path: c.req.path, query: c.req.query() });
    await next();
  });
  app.use('*', faults.middleware((c, failure) => c.json({ error: failure.status === 429 ? 'LIMIT_EXCEEDED' : 'INTERNAL_ERROR', message: `injected failure ${failure.status}` }, failure.status)));
  app.use('*', async (c, next) => {
    const key = c.req.query('key');
    if (state.echoNext) {
      state.echoNext = false;
      c.header('X-Requested-Key', key ?? '');
      return c.json({ error: 'INVALID_REQUEST', message: `request with key ${key} (${encodeURIComponent(key ?? '')}) rejected` }, 400);
    }
    if (key !== apiKey) return c.json({ error: 'INVALID_KEY', message: 'key is invalid' }, 401);
    if (state.malformedNext) {
      state.malformedNext = false;
      return c.html('<html><body>Service temporarily unavailable</body></html>');
    }
    return next();
  });

  const invalid = (c: Context, name: string) => c.json({ error: `INVALID_${name.toUpperCase()}`, message: `value of ${name} is invalid` });

  app.get('/history/exist', (c) => {
    const ip = c.req.query('ip') ?? '';
    if (isIP(ip) === 0) return invalid(c, 'ip');
    return c.json(KNOWN.has(ip) ? { ip, exists: true, date: '2016-12-17T16:49:04.000Z' } : { ip, exists: false });
  });

  app.get('/history/peer/', (c) => {
    const ip = c.req.query('ip') ?? '';
    if (isIP(ip) === 0) return invalid(c, 'ip');
    const days = c.req.query('days');
    if (days !== undefined && !(Number.isInteger(Number(days)) && Number(days) >= 1 && Number(days) <= 30)) return invalid(c, 'days');
    const contents = Number(c.req.query('contents') ?? 20);
    if (!(Number.isInteger(contents) && contents >= 1 && contents <= 100)) return invalid(c, 'contents');
    const lang = c.req.query('lang') ?? 'en';
    if (lang !== 'en' && lang !== 'ru') return invalid(c, 'lang');
    if (!KNOWN.has(ip)) return c.json({ ip, hasPorno: false, hasChildPorno: false, contents: [] });
    return c.json({ ...HISTORY, ip, contents: HISTORY.contents.slice(0, contents) });
  });

  app.get('/history/peers', (c) => {
    const cidr = c.req.query('cidr') ?? '';
    const [network, bits] = cidr.split('/');
    if (isIP(network ?? '') !== 4 || !/^\d+$/.test(bits ?? '') || Number(bits) > 32) return invalid(c, 'cidr');
    const prefix = network!.split('.').slice(0, 3).join('.');
    return c.json({ CIDR: cidr, peers: [1, 2, 15].map((host, index) => ({ ip: `${prefix}.${host}`, date: `2016-12-1${index}T16:49:04.000Z` })) });
  });

  return { app, received, faults, state };
}

const KNOWN = new Set(['200.55.191.39', '185.122.161.248']);

/** The guide's example answer. */
const HISTORY = {
  ip: '200.55.191.39',
  isp: 'Empresa de Telecomunicaciones de Cuba, S.A.',
  hasPorno: false,
  hasChildPorno: false,
  geoData: { country: 'Cuba', city: 'Havana', latitude: 23.13302, longitude: -82.38304 },
  contents: [
    {
      category: 'Movies',
      imdbId: 'tt2204340',
      name: 'Si Da Ming Bu 3 (2014) HDRip',
      startDate: '2016-12-17T16:49:04.000Z',
      endDate: '2016-12-10T16:49:04.000Z',
      torrent: { infohash: '71cefb01a173147094744dada9a234f43405d4ec', size: 1572610110, name: ' Four 3 (2014) HDRip.avi' },
    },
    {
      category: 'Music',
      name: 'Stardust - Music Sounds Better With You (1999) 192kbps [PsychO_Path].mp3',
      startDate: '2016-12-11T10:01:00.000Z',
      endDate: '2016-12-12T10:01:00.000Z',
      torrent: { infohash: 'f2b2f3ad9c1a5bb1f1c8ac0d0e1e0b0a4e1c2d3e', size: 7340032, name: 'Stardust - Music Sounds Better With You.mp3' },
    },
  ],
};
