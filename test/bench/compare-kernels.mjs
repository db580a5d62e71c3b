// `node test/bench/compare-kernels.mjs <other checkout>`: the kernel's hot path of another built
// checkout (a commit before a change, say) against this one's, in ONE process: (a)'s executor run
// with 5 templated arguments and (h)'s declared REST GET against a local server, each timed in
// short batches alternated with the other build (and with a plain node:http request for (h)), in
// both orders. On a shared machine the speed of a core changes by up to 2x from one minute to the
// next; the median of paired ratios is what stays comparable, where two separate runs are not.
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { z } from 'zod';
import { median } from './stats.mjs';

const other = process.argv[2];
if (!other) {
  process.stderr.write('usage: node test/bench/compare-kernels.mjs <path of another built checkout>\n');
  process.exit(2);
}
const TOKEN = 'bench-token-5c1d';
const ANSWER = JSON.stringify({ items: Array.from({ length: 10 }, (_, i) => ({ id: `h-${i}`, name: `host-${i}`, score: i })), total: 10 });
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://bench.invalid');
  const ok = req.headers.authorization === `Bearer ${TOKEN}` && url.searchParams.get('q') === 'port:22' && url.searchParams.get('limit') === '10';
  res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' }).end(ok ? ANSWER : '{}');
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}/`;

/** An executor run and a REST run of the kernel bundled at `bundle`. */
async function kernel(bundle) {
  const { Ply, PinoLogger, buildModuleFiles, defineModule, writeModuleFiles } = await import(pathToFileURL(bundle).href);
  const bench = defineModule({
    uuid: '5d0c2f1e-0000-4000-8000-00000000d000', slug: 'bench', name: 'Bench', description: 'Benchmark module', categories: ['Generic'],
    configuration: z.object({ base_url: z.url(), token: z.string().meta({ secret: true }) }), engines: { ply: '*' },
    http: { baseUrl: (config) => config.base_url, auth: { type: 'bearer', token: (config) => config.token } },
  });
  const noop = bench.action({
    uuid: '5d0c2f1e-0000-4000-8000-00000000d001', slug: 'noop', name: 'No-op', description: 'Returns at once', docker_parameters: 'noop',
    arguments: z.object({ a: z.string(), b: z.number(), c: z.array(z.string()), d: z.string(), e: z.boolean() }), results: z.object({ ok: z.boolean() }), run: () => ({ ok: true }),
  });
  const search = bench.restAction({
    uuid: '5d0c2f1e-0000-4000-8000-00000000d002', slug: 'search_hosts', name: 'Search Hosts', description: 'GET api/hosts', docker_parameters: 'search_hosts', method: 'GET', path: 'api/hosts',
    arguments: z.object({ q: z.string(), limit: z.number().int() }), results: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), score: z.number() })), total: z.number() }),
  });
  const plugin = bench.plugin({ actions: [noop, search] });
  const home = mkdtempSync(join(tmpdir(), 'ply-compare-'));
  writeModuleFiles(join(home, 'module'), buildModuleFiles(plugin, '1.0.0'));
  const ply = new Ply({ settings: { home }, logger: new PinoLogger(pino({ level: 'warn' }, new Writable({ write: (_c, _e, done) => done() }))) });
  ply.addPlugin(join(home, 'module'), plugin);
  const configuration = { base_url: base, token: TOKEN };
  const templated = { action: 'bench.noop', configuration, arguments: { a: '{{ trigger.name }}', b: '{{ node.1.count }}', c: '{{ store.tags }}', d: 'alert {{ trigger.id }} from {{ node.1.source }}', e: '{{ trigger.flag }}' }, templateContext: { trigger: { name: 'n', id: 'AL1', flag: true }, node: { 1: { count: 3, source: 'edr' } }, store: { tags: ['x', 'y'] } } };
  const rest = { action: 'bench.search_hosts', configuration, arguments: { q: 'port:22', limit: 10 } };
  return { executor: () => ply.run(templated), rest: () => ply.run(rest) };
}

const plainUrl = new URL('api/hosts?q=port%3A22&limit=10', base);
const plain = () => new Promise((done, fail) => {
  http.request(plainUrl, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' } }, (res) => {
    let text = '';
    res.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => done(JSON.parse(text)));
  }).on('error', fail).end();
});

/** CPU µs per call of `n` calls (this process: user + system, the local server included). */
async function cpu(fn, n) {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / n;
}

const theirs = await kernel(resolve(other, 'core/dist/bundle/index.js'));
const ours = await kernel(new URL('../../core/dist/bundle/index.js', import.meta.url).pathname);
process.stdout.write(`kernel of ${resolve(other)} (A) against this checkout's (B), CPU time, median of 40 paired batches\n`);
for (const [part, n, withPlain] of [['executor', 4000, false], ['rest', 300, true]]) {
  for (const fn of [theirs[part], ours[part], plain]) for (let i = 0; i < n / 2; i++) await fn();
  const a = [], b = [], ratio = [], plainA = [], plainB = [];
  for (let round = 0; round < 40; round++) {
    const p = withPlain ? await cpu(plain, n) : 1;
    const [x, y] = round % 2 ? [await cpu(theirs[part], n), await cpu(ours[part], n)] : [await cpu(ours[part], n), await cpu(theirs[part], n)].reverse();
    a.push(x);
    b.push(y);
    ratio.push(y / x);
    plainA.push(x / p);
    plainB.push(y / p);
  }
  const label = part === 'executor' ? '(a) executor run, 5 templated arguments' : '(h) declared REST GET';
  process.stdout.write(`  ${label.padEnd(42)} A ${median(a).toFixed(2)} µs  B ${median(b).toFixed(2)} µs  B/A ${median(ratio).toFixed(3)}`);
  process.stdout.write(withPlain ? `  (/ plain node:http: A ${median(plainA).toFixed(2)}x, B ${median(plainB).toFixed(2)}x)\n` : '\n');
}
server.close();
