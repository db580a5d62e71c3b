// (c) Registry: packument requests per second with 50 concurrent keep-alive connections on
// loopback, and the median time of `ply install` of the Mattermost plugin from a local registry
// (as a CLI process, and in-process), next to `npm install` of the same package from the same
// registry and the Verdaccio figures. The registry runs in its own process, like Verdaccio.
import { spawn, execFileSync } from 'node:child_process';
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModuleInstaller, PLY_CORE_VERSION } from './bench-core.mjs';
import { median, percentile, row } from './stats.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'cli/dist/bundle/main.js');
const NAME = '@ply/plugin-mattermost';
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));

function ply(args, extraEnv = {}, input = undefined) {
  return execFileSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...env, PLY_WORKSPACE: '', ...extraEnv }, encoding: 'utf8', ...(input === undefined ? {} : { input }) });
}

/** A publisher as an admin makes one: a user, the organisation owning @ply with that user, a publish token. */
function publishToken(storage) {
  ply(['registry', 'user', 'add', 'bench', '--password-stdin', '--storage', storage], {}, 'bench password, not a secret\n');
  ply(['registry', 'org', 'create', 'ply', '--member', 'bench', '--storage', storage]);
  return ply(['registry', 'token', 'create', '--user', 'bench', '--role', 'publish', '--storage', storage]).trim().split('\n').at(-1);
}

function serve(storage) {
  return new Promise((resolve, reject) => {
    // --no-seed: the libraries plugin authors install are not what this measures.
    const child = spawn(process.execPath, [CLI, 'registry', 'serve', '--port', '0', '--storage', storage, '--no-seed'], { cwd: ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+\/)/.exec(output)?.[1];
      if (url) resolve({ url, child });
    });
    child.on('exit', (code) => reject(new Error(`registry exited with ${code}: ${output}`)));
  });
}

/** `connections` loops, each sending the next request when the previous answer is read. */
async function load(url, { connections = 50, seconds = 5 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  const once = () =>
    new Promise((resolve, reject) => {
      const start = performance.now();
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
            latencies.push(performance.now() - start);
            resolve();
          });
        })
        .on('error', reject);
    });
  const loop = async () => {
    while (performance.now() < deadline) await once();
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - begin) / 1000;
  agent.destroy();
  return { rate: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function timeRuns(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn(i);
    times.push(performance.now() - start);
  }
  return times;
}

export async function registryBenchmarks() {
  process.stdout.write('\n(c) registry (Verdaccio 6.8 on this kind of machine: ~4,300 packument req/s, p99 25 ms; npm install ~285 ms)\n');
  const work = mkdtempSync(join(tmpdir(), 'ply-bench-registry-'));
  const storage = join(work, 'storage');
  let server;
  try {
    const packed = JSON.parse(ply(['pack', join(ROOT, 'plugins/mattermost'), '--out-dir', work, '--json']));
    const token = publishToken(storage);
    server = await serve(storage);
    ply(['publish', packed.file, '--registry', server.url, '--token', token]);
    const packumentUrl = `${server.url}@ply%2fplugin-mattermost`;

    await load(packumentUrl, { seconds: 1 });
    const measured = await load(packumentUrl, { seconds: 5 });
    row('packument GET, 50 connections (target >= 8,600/s)', Math.round(measured.rate).toLocaleString('en'), ' req/s');
    row('  latency p50 / p99', `${measured.p50.toFixed(1)} / ${measured.p99.toFixed(1)}`, ' ms');

    const runs = 7;
    const cli = timeRuns(runs, (i) => ply(['install', NAME, '--registry', server.url], { PLY_HOME: join(work, `cli-home-${i}`) }));
    row('ply install (CLI process, median of 7)', median(cli).toFixed(0), ' ms');

    const inProcess = [];
    for (let i = 0; i < runs; i++) {
      const installer = new ModuleInstaller({ home: join(work, `lib-home-${i}`), coreVersion: PLY_CORE_VERSION, registry: server.url });
      const start = performance.now();
      await installer.install(NAME);
      inProcess.push(performance.now() - start);
    }
    row('ply install (in-process installer, median of 7)', median(inProcess).toFixed(0), ' ms');

    const npmrc = join(work, '.npmrc');
    writeFileSync(npmrc, `registry=${server.url}\n`);
    const npm = timeRuns(runs, (i) => {
      const project = join(work, `npm-project-${i}`);
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), '{"name":"consumer","version":"1.0.0","private":true}');
      execFileSync('npm', ['install', NAME, '--userconfig', npmrc, '--cache', join(work, 'npm-cache'), '--no-audit', '--no-fund', '--no-update-notifier'], { cwd: project, env, stdio: 'ignore' });
    });
    row('npm install of the same package, same registry (median of 7)', median(npm).toFixed(0), ' ms');
    row('ply install / npm install (target < 0.5)', (median(cli) / median(npm)).toFixed(2), 'x');
  } finally {
    server?.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
}
