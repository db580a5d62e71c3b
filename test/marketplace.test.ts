import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { startFakeServer, type FakeServer } from '@ply/kit/testing';
import { CLI, REPO_ROOT } from './cli-helpers.js';
import { bumpedTarball, cleanEnv, MATTERMOST_NEXT_PATCH, MATTERMOST_VERSION, createPublisher, run, serveRegistry, writeTufOfflineShim } from './marketplace-helpers.js';

const NAME = '@ply/plugin-mattermost';
const V = MATTERMOST_VERSION;
const NEXT = MATTERMOST_NEXT_PATCH;

describe('the marketplace with the real npm client and the ply CLI (built)', () => {
  // Shared, never changed: the tarball `ply pack` made once.
  let work: string;
  let tarball: string;
  // Fresh for each test: its own registry (storage, token, server), npm configuration and cache, and $PLY_HOME.
  let dir: string;
  let registryUrl: string;
  let registry: ChildProcess;
  let npmrc: string;
  let token: string;
  const home = () => join(dir, 'ply-home');
  const plyEnv = (extra: Record<string, string> = {}) => cleanEnv({ PLY_HOME: home(), PLY_WORKSPACE: '', ...extra });
  const ply = (args: string[], extra: Record<string, string> = {}) => run(process.execPath, [CLI, ...args], { env: plyEnv(extra) });
  const npm = (args: string[], cwd: string, extra: Record<string, string> = {}) =>
    run('npm', [...args, '--userconfig', npmrc, '--cache', join(dir, 'npm-cache'), '--no-audit', '--no-fund', '--no-update-notifier'], { cwd, env: cleanEnv(extra) });
  const publish = async (file: string) => {
    const published = await ply(['publish', file, '--registry', registryUrl, '--token', token]);
    expect(published.code, published.stderr).toBe(0);
  };
  /** The packed tarball at another version (package.json and manifest alike). */
  const releaseOf = (version: string): string => bumpedTarball(tarball, dir, version);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ply-marketplace-'));
    const packed = await run(process.execPath, [CLI, 'pack', join(REPO_ROOT, 'plugins/mattermost'), '--out-dir', work, '--json'], { env: cleanEnv({ PLY_HOME: join(work, 'pack-home'), PLY_WORKSPACE: '' }) });
    expect(packed.code, packed.stderr).toBe(0);
    tarball = (JSON.parse(packed.stdout) as { file: string }).file;
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(work, 'test-'));
    const storage = join(dir, 'storage');
    token = await createPublisher(storage, plyEnv(), { user: 'admin', org: 'ply' });
    ({ url: registryUrl, child: registry } = await serveRegistry(storage, plyEnv()));
    npmrc = join(dir, '.npmrc');
    writeFileSync(npmrc, `registry=${registryUrl}\n${registryUrl.replace(/^http:/, '')}:_authToken=${token}\n`);
  });
  afterEach(async () => {
    const exited = new Promise((resolve) => registry.once('exit', resolve));
    registry.kill('SIGTERM');
    await exited;
  });

  it('accepts `npm publish` of a tarball made by `ply pack`, and `npm view` shows it signed', async () => {
    const published = await npm(['publish', tarball], dir);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toContain(`+ ${NAME}@${V}`);
    const viewed = await npm(['view', NAME, '--json'], dir);
    expect(viewed.code, viewed.stderr).toBe(0);
    const view = JSON.parse(viewed.stdout) as { name: string; version: string; engines: Record<string, string>; dist: { signatures: unknown[]; integrity: string } };
    expect(view).toMatchObject({ name: NAME, version: V, engines: { ply: '>=0.1.0 <1.0.0' } });
    expect(view.dist.signatures).toHaveLength(1);
    const whoami = await npm(['whoami'], dir);
    expect(whoami.stdout.trim()).toBe('admin');
  });

  it('refuses to publish the same version again, with the reason', async () => {
    await publish(tarball);
    const again = await ply(['publish', tarball, '--registry', registryUrl, '--token', token]);
    expect(again.code).toBe(6);
    expect(again.stderr).toMatch(/409.*immutable/);
  });

  it('serves `npm install` into an empty folder, and `npm audit signatures` verifies the registry signature', async () => {
    await publish(tarball);
    const project = join(dir, 'npm-project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name":"consumer","version":"1.0.0","private":true}');
    const installed = await npm(['install', NAME], project);
    expect(installed.code, installed.stderr).toBe(0);
    expect(existsSync(join(project, 'node_modules', NAME, 'module', 'manifest.json'))).toBe(true);
    expect(existsSync(join(project, 'node_modules', NAME, 'dist', 'index.js'))).toBe(true);
    const audit = await npm(['audit', 'signatures'], project, { NODE_OPTIONS: `--require ${writeTufOfflineShim(dir)}` });
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    expect(audit.stdout).toContain('1 package has a verified registry signature');
  });

  it('installs the same package with `ply install`, and the installed bundle runs against a webhook', async () => {
    await publish(tarball);
    const installed = await ply(['install', NAME, '--registry', registryUrl, '--json']);
    expect(installed.code, installed.stdout + installed.stderr).toBe(0);
    expect(JSON.parse(installed.stdout)).toMatchObject({ installed: [{ name: NAME, slug: 'mattermost', version: V, status: 'installed' }] });
    const received: unknown[] = [];
    const app = new Hono();
    app.post('/hooks/x', async (c) => {
      received.push(await c.req.json());
      return c.text('ok');
    });
    const webhook: FakeServer = await startFakeServer(app.fetch);
    try {
      const result = await ply(['run', 'mattermost.post_message', '--arg', 'message=hello', '--arg', 'channel=soc', '--config', `hook_url=${webhook.url}hooks/x`, '--json']);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(received).toEqual([{ text: 'hello', channel: 'soc', icon_url: 'https://app.sekoia.io/user/favicon.ico' }]);
    } finally {
      await webhook.close();
    }
  });

  it('upgrades to a newer published version and rolls back, with `ply list` following', async () => {
    await publish(tarball);
    const installed = await ply(['install', NAME, '--registry', registryUrl, '--json']);
    expect(installed.code, installed.stdout + installed.stderr).toBe(0);
    await publish(releaseOf(NEXT));
    const upgraded = await ply(['upgrade', 'mattermost', '--safe', '--registry', registryUrl, '--json']);
    expect(upgraded.code, upgraded.stdout + upgraded.stderr).toBe(0);
    expect(JSON.parse(upgraded.stdout)).toMatchObject({ upgrades: [{ version: NEXT, previous: V, status: 'installed', breaking: [] }] });
    const rolled = await ply(['rollback', 'mattermost']);
    expect(rolled.stdout).toContain(`rolled back mattermost from ${NEXT} to ${V}`);
    const listed = await ply(['list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual({ modules: [{ slug: 'mattermost', name: NAME, active: V, versions: [NEXT, V] }] });
    const modules = await ply(['modules', '--json']);
    expect((JSON.parse(modules.stdout) as { modules: Array<{ slug: string; version: string }> }).modules).toEqual([
      expect.objectContaining({ slug: 'mattermost', version: V, runs: true, status: 'runs' }),
      expect.objectContaining({ slug: 'mattermost', version: NEXT, runs: false, status: `not active (${V} is)` }),
    ]);
  });

  it('installs a .tgz offline and searches the registry, which names the latest version', async () => {
    const offlineHome = join(dir, 'offline-home');
    const installed = await ply(['install', tarball, '--json'], { PLY_HOME: offlineHome });
    expect(installed.code, installed.stderr).toBe(0);
    expect(JSON.parse(installed.stdout)).toMatchObject({ installed: [{ slug: 'mattermost', version: V, source: `file:${tarball}` }] });
    await publish(tarball);
    await publish(releaseOf(NEXT));
    const found = await ply(['search', 'mattermost', '--registry', registryUrl, '--json']);
    expect(JSON.parse(found.stdout)).toMatchObject({ results: [{ name: NAME, version: NEXT }] });
  });
});
