// (h) REST action overhead: a declared GET with two query arguments and bearer auth, run through
// the executor (arguments and configuration validated, the request placed, authenticated and
// sent by the kernel's HTTP client, the JSON answer checked against the results schema), against
// a plain node:http request to the same local server that reads and parses the same answer.
// Both pay the same loopback round trip; the ratio is what the REST path and the executor add.
// Two more rows say where that goes: the kernel's HTTP client alone on the same request, and an
// action that sends nothing (returns the same results) through the executor.
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { NodeHttpClient, Ply, buildModuleFiles, captureNothing, defineModule, writeModuleFiles } from './bench-core.mjs';
import { median, percentile, row, timeBatchesWithCpu } from './stats.mjs';

const TOKEN = 'bench-token-5c1d';
const ITEMS = Array.from({ length: 10 }, (_, i) => ({ id: `h-${i}`, name: `host-${i}`, score: i }));
const ANSWER = JSON.stringify({ items: ITEMS, total: ITEMS.length });

/** The vendor: checks the bearer token and both query arguments, answers ten items. */
function startServer() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://bench.invalid');
    const ok = req.headers.authorization === `Bearer ${TOKEN}` && url.pathname === '/api/hosts' && url.searchParams.get('q') === 'port:22' && url.searchParams.get('limit') === '10';
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ok ? ANSWER : '{}') });
    res.end(ok ? ANSWER : '{}');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const ARGUMENTS = z.object({ q: z.string(), limit: z.number().int() });
const RESULTS = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), score: z.number() })), total: z.number() });

const bench = defineModule({
  uuid: '5d0c2f1e-0000-4000-8000-00000000c000',
  slug: 'bench-rest',
  name: 'Bench REST',
  description: 'A declared REST call',
  categories: ['Generic'],
  configuration: z.object({ base_url: z.url(), token: z.string().meta({ secret: true }) }),
  engines: { ply: '*' },
  http: { baseUrl: (config) => config.base_url, auth: { type: 'bearer', token: (config) => config.token } },
});
const searchHosts = bench.restAction({
  uuid: '5d0c2f1e-0000-4000-8000-00000000c001',
  slug: 'search_hosts',
  name: 'Search Hosts',
  description: 'GET api/hosts?q=&limit=',
  docker_parameters: 'search_hosts',
  method: 'GET',
  path: 'api/hosts',
  arguments: ARGUMENTS,
  results: RESULTS,
});
const PARSED = JSON.parse(ANSWER);
const sendNothing = bench.action({
  uuid: '5d0c2f1e-0000-4000-8000-00000000c002',
  slug: 'send_nothing',
  name: 'Send Nothing',
  description: 'The same arguments and results, no request',
  docker_parameters: 'send_nothing',
  arguments: ARGUMENTS,
  results: RESULTS,
  run: () => PARSED,
});
const plugin = bench.plugin({ actions: [searchHosts, sendNothing] });

/** The baseline: the same request with node:http (the global keep-alive agent, as the kernel's client uses), body read and parsed. */
function plainRequest(url) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The two calls to compare, against one local server (`close` stops it). */
export async function restOverheadParts() {
  const server = await startServer();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const home = mkdtempSync(join(tmpdir(), 'ply-bench-rest-'));
  const moduleDir = join(home, 'module');
  writeModuleFiles(moduleDir, buildModuleFiles(plugin, '1.0.0'));
  const ply = new Ply({ settings: { home }, logger: captureNothing() });
  ply.addPlugin(moduleDir, plugin);
  const request = { action: 'bench-rest.search_hosts', arguments: { q: 'port:22', limit: 10 }, configuration: { base_url: base, token: TOKEN } };
  const url = new URL('api/hosts?q=port%3A22&limit=10', base);
  const viaPly = async () => {
    const run = await ply.run(request);
    if (run.results.total !== 10) throw new Error('unexpected results');
  };
  const plain = () => plainRequest(url);
  const client = new NodeHttpClient({ logger: captureNothing() });
  const viaClient = async () => {
    const response = await client.request(url, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/json' } });
    if (response.body.total !== 10) throw new Error('unexpected answer');
  };
  const nothing = { ...request, action: 'bench-rest.send_nothing' };
  const viaExecutorOnly = async () => {
    const run = await ply.run(nothing);
    if (run.results.total !== 10) throw new Error('unexpected results');
  };
  return { viaPly, plain, viaClient, viaExecutorOnly, close: () => new Promise((resolve) => server.close(resolve)) };
}

export async function restOverhead() {
  const { viaPly, plain, viaClient, viaExecutorOnly, close } = await restOverheadParts();
  const parts = { plain, viaClient, viaExecutorOnly, viaPly };
  // Warm-up: JIT, schema and scope caches, sockets.
  for (const fn of Object.values(parts)) for (let i = 0; i < 2000; i++) await fn();
  // One batch of each part per round, in alternating order; the ratio is taken within each round
  // (the speed of a shared core drifts from one second to the next, and both sides of a ratio
  // then met the same drift), and its median over the rounds is reported.
  const times = Object.fromEntries(Object.keys(parts).map((name) => [name, { wall: [], cpu: [] }]));
  const names = Object.keys(parts);
  for (let round = 0; round < 40; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      const batch = await timeBatchesWithCpu(parts[name], { batches: 1, size: 200 });
      times[name].wall.push(batch.wall[0]);
      times[name].cpu.push(batch.cpu[0]);
    }
  }
  await close();
  const wall = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t.wall)]));
  const cpu = Object.fromEntries(Object.entries(times).map(([name, t]) => [name, median(t.cpu)]));
  const paired = (kind) => times.viaPly[kind].map((value, round) => value / times.plain[kind][round]);
  const spread = (ratios) => `x (rounds' middle half ${percentile(ratios, 25).toFixed(2)}-${percentile(ratios, 75).toFixed(2)})`;
  const wallRatios = paired('wall');
  const cpuRatios = paired('cpu');
  process.stdout.write('\n(h) REST action overhead, a declared GET with two query arguments and bearer auth, local server\n');
  row('plain node:http request (median)', wall.plain.toFixed(1), ` µs/call (CPU ${cpu.plain.toFixed(1)} µs, client + server)`);
  row('the kernel HTTP client alone, same request', wall.viaClient.toFixed(1), ` µs/call (CPU ${cpu.viaClient.toFixed(1)} µs)`);
  row('an action sending nothing, through the executor', wall.viaExecutorOnly.toFixed(1), ` µs/call (CPU ${cpu.viaExecutorOnly.toFixed(1)} µs)`);
  row('declared REST action through the executor (median)', wall.viaPly.toFixed(1), ` µs/call (CPU ${cpu.viaPly.toFixed(1)} µs)`);
  row('REST action / plain request, wall time (target ≤ 1.3)', median(wallRatios).toFixed(2), spread(wallRatios));
  row('REST action / plain request, CPU time', median(cpuRatios).toFixed(2), spread(cpuRatios));
  return { wall, cpu, ratio: median(wallRatios), cpuRatio: median(cpuRatios) };
}

if (import.meta.url === `file://${process.argv[1]}`) await restOverhead();
