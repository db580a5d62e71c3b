import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ModuleAdmin } from '@ply/console';
import { PLY_CORE_VERSION } from '@ply/core';
import { plyErrorOf, startFakeServer, WAIT_FOR } from '@ply/kit/testing';
import { ClusterArtifacts, ModuleInstaller } from '@ply/installer';
import { clusterSettings, openRuntime, type Runtime } from '@ply/runtime';
import { fakeMattermost } from '../../plugins/mattermost/test/fake-mattermost.js';
import { freshDatabaseUrl, testRedisUrl } from '../../runtime/test/test-servers.js';
import { CLI, REPO_ROOT } from '../cli-helpers.js';
import { bumpedTarball, cleanEnv, createPublisher, run, serveRegistry } from '../marketplace-helpers.js';

const NAME = '@ply/plugin-mattermost';
/** A post to a webhook nobody listens on: for the runs that must be refused before any call. */
const POST = { action: 'mattermost.post_message', arguments: { message: 'hello' }, configuration: { hook_url: 'http://127.0.0.1:9/hooks/never-called' } };

/**
 * Issue #22 item 4: what one process installs, every process of the cluster fetches from the
 * registry by its integrity, verifies and runs; a process that cannot fetch it refuses the runs.
 * Real pieces: the registry served by the built CLI, the installer, PostgreSQL (a fresh schema
 * per test) and Redis (the change bus) of the test servers, two runtimes with their own homes.
 */
describe('cluster-consistent modules', () => {
  // Shared, never changed: the registry with Mattermost 1.0.0 and 1.0.1 published, and the 1.0.1 tarball.
  let work: string;
  let registryUrl: string;
  let registry: ChildProcess;
  let release: string;
  const previousKeyFile = process.env['PLY_SECRET_KEY_FILE'];
  const opened: Runtime[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ply-cluster-modules-'));
    const env = cleanEnv({ PLY_HOME: join(work, 'cli-home'), PLY_WORKSPACE: '' });
    const storage = join(work, 'storage');
    const packed = await run(process.execPath, [CLI, 'pack', join(REPO_ROOT, 'plugins/mattermost'), '--out-dir', work, '--json'], { env });
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = bumpedTarball((JSON.parse(packed.stdout) as { file: string }).file, work, '1.0.0');
    release = bumpedTarball(tarball, mkdtempSync(join(work, 'next-')), '1.0.1');
    const token = await createPublisher(storage, env, { org: 'ply' });
    ({ url: registryUrl, child: registry } = await serveRegistry(storage, env));
    for (const file of [tarball, release]) {
      const published = await run(process.execPath, [CLI, 'publish', file, '--registry', registryUrl, '--token', token], { env });
      expect(published.code, published.stderr).toBe(0);
    }
    // The processes of one cluster share one secret key (openRuntime refuses a shared store without it).
    const keyFile = join(work, 'secret.key');
    writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    process.env['PLY_SECRET_KEY_FILE'] = keyFile;
  });

  afterAll(() => {
    registry?.kill('SIGTERM');
    if (previousKeyFile === undefined) delete process.env['PLY_SECRET_KEY_FILE'];
    else process.env['PLY_SECRET_KEY_FILE'] = previousKeyFile;
    rmSync(work, { recursive: true, force: true });
  });

  afterEach(async () => {
    for (const runtime of opened.splice(0)) await runtime.close(0);
  });

  /** One process of a cluster: its own `$PLY_HOME`, the shared store and Redis, modules fetched through the installer. */
  async function processOf(databaseUrl: string, queue: string): Promise<{ runtime: Runtime; home: string; installer: ModuleInstaller }> {
    const home = mkdtempSync(join(work, 'home-'));
    const installer = new ModuleInstaller({ home, coreVersion: PLY_CORE_VERSION, registry: registryUrl });
    const cluster = clusterSettings('all', { PLY_DATABASE_URL: databaseUrl, PLY_REDIS_URL: testRedisUrl(), PLY_QUEUE: queue });
    const runtime = await openRuntime({ settings: { home }, cluster, moduleArtifacts: new ClusterArtifacts(installer) });
    opened.push(runtime);
    return { runtime, home, installer };
  }

  async function cluster() {
    const databaseUrl = await freshDatabaseUrl();
    const queue = `ply-modules-${randomBytes(4).toString('hex')}`;
    return { first: await processOf(databaseUrl, queue), join: () => processOf(databaseUrl, queue) };
  }

  it('records an install from the console in the shared store, with the integrity the registry signed', async () => {
    const { first } = await cluster();
    const outcome = await createModuleAdmin(first.runtime).install(`${NAME}@1.0.0`);
    expect(await first.runtime.store.modules.list()).toEqual([expect.objectContaining({ slug: 'mattermost', name: NAME, version: '1.0.0', integrity: outcome.integrity, registry: registryUrl })]);
    expect(first.runtime.ply.catalog.module('mattermost').dir).toBe(join(first.home, 'modules', 'mattermost', '1.0.0', 'module'));
  });

  it('a process joining later fetches the recorded artifact from the registry, verified, and runs that one', async () => {
    const { first, join: joinCluster } = await cluster();
    const outcome = await createModuleAdmin(first.runtime).install(`${NAME}@1.0.0`);
    const second = await joinCluster();
    expect(second.runtime.modules?.status()).toEqual([{ slug: 'mattermost', version: '1.0.0', integrity: outcome.integrity, status: 'synced' }]);
    expect(second.installer.activeRecord('mattermost')).toMatchObject({ version: '1.0.0', integrity: outcome.integrity, source: registryUrl });
    const mattermost = fakeMattermost(['k3y']);
    const hook = await startFakeServer(mattermost.app.fetch);
    try {
      const result = await second.runtime.ply.run({ ...POST, configuration: { hook_url: `${hook.url}hooks/k3y` } });
      expect(result.module).toEqual({ slug: 'mattermost', version: '1.0.0' });
      expect(mattermost.received).toEqual([expect.objectContaining({ key: 'k3y', body: expect.objectContaining({ text: 'hello' }) })]);
    } finally {
      await hook.close();
    }
    expect(second.runtime.ply.catalog.module('mattermost').dir).toBe(join(second.home, 'modules', 'mattermost', '1.0.0', 'module'));
  });

  it('an upgrade on one process reaches the others through the change bus, and they run the new version only', async () => {
    const { first, join: joinCluster } = await cluster();
    const admin = createModuleAdmin(first.runtime);
    await admin.install(`${NAME}@1.0.0`);
    const second = await joinCluster();
    await admin.upgrade('mattermost');
    await vi.waitFor(() => expect(second.runtime.modules?.status()).toEqual([expect.objectContaining({ version: '1.0.1', status: 'synced' })]), WAIT_FOR);
    expect(second.installer.list()).toEqual([expect.objectContaining({ slug: 'mattermost', versions: ['1.0.1', '1.0.0'], active: '1.0.1' })]);
    expect(second.runtime.ply.catalog.module('mattermost').manifest.version).toBe('1.0.1');
  });

  it('refuses the runs of a module it cannot fetch, naming why, instead of running the older copy it holds', async () => {
    const { first, join: joinCluster } = await cluster();
    const admin = createModuleAdmin(first.runtime);
    await admin.install(`${NAME}@1.0.0`);
    const second = await joinCluster();
    // An admin installs 1.0.1 on the first process from a local tarball: no other process can fetch that.
    await first.installer.installFile(release);
    await first.runtime.store.modules.recordActive('mattermost', first.installer.activeRecord('mattermost'));
    await vi.waitFor(() => expect(second.runtime.modules?.status()).toEqual([expect.objectContaining({ version: '1.0.1', status: 'unavailable' })]), WAIT_FOR);
    const error = await plyErrorOf(second.runtime.ply.run(POST));
    expect(error.code).toBe('PLY_MODULE_UNAVAILABLE');
    expect(error.message).toContain(`module "mattermost" cannot run on this process: ${NAME}@1.0.1`);
    expect(error.message).toContain('was installed from a local file');
    // The older copy is still on its disk, and still not run.
    expect(second.installer.list()).toEqual([expect.objectContaining({ versions: ['1.0.0'] })]);
  });

  it('refuses an artifact whose recorded integrity the registry does not serve (other bytes under that version)', async () => {
    const { first, join: joinCluster } = await cluster();
    const outcome = await createModuleAdmin(first.runtime).install(`${NAME}@1.0.0`);
    const forged = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
    await first.runtime.store.modules.record({ slug: 'mattermost', name: NAME, version: '1.0.0', integrity: forged, registry: registryUrl });
    const second = await joinCluster();
    const [state] = second.runtime.modules?.status() ?? [];
    expect(state).toMatchObject({ status: 'unavailable', integrity: forged });
    expect(state?.reason).toContain(`serves ${NAME}@1.0.0 as ${outcome.integrity}, not the recorded ${forged}`);
    expect(second.installer.list()).toEqual([]);
    expect((await plyErrorOf(second.runtime.ply.run(POST))).code).toBe('PLY_MODULE_UNAVAILABLE');
  });

  it('`ply install` with PLY_DATABASE_URL records the install for the cluster, and says so', async () => {
    const databaseUrl = await freshDatabaseUrl();
    const env = cleanEnv({ PLY_HOME: mkdtempSync(join(work, 'cli-install-')), PLY_WORKSPACE: '', PLY_DATABASE_URL: databaseUrl, PLY_SECRET_KEY_FILE: process.env['PLY_SECRET_KEY_FILE']! });
    const installed = await run(process.execPath, [CLI, 'install', `${NAME}@1.0.1`, '--registry', registryUrl], { env });
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stderr).toContain('recorded in the cluster: every process runs mattermost@1.0.1 (sha512-');
    const joined = await processOf(databaseUrl, `ply-modules-${randomBytes(4).toString('hex')}`);
    expect(joined.runtime.modules?.status()).toEqual([expect.objectContaining({ slug: 'mattermost', version: '1.0.1', status: 'synced' })]);
  });

  it('an uninstall removes the record, and the other processes stop pinning the module', async () => {
    const { first, join: joinCluster } = await cluster();
    const admin = createModuleAdmin(first.runtime);
    await admin.install(`${NAME}@1.0.0`);
    const second = await joinCluster();
    expect(second.runtime.ply.catalog.pinOf('mattermost')).toMatchObject({ version: '1.0.0' });
    await admin.uninstall('mattermost');
    expect(await first.runtime.store.modules.list()).toEqual([]);
    await vi.waitFor(() => expect(second.runtime.modules?.status()).toEqual([]), WAIT_FOR);
    expect(second.runtime.ply.catalog.pinOf('mattermost')).toBeUndefined();
  });

  /** The console's module administration of a process (what its Marketplace buttons call). */
  function createModuleAdmin(runtime: Runtime): ModuleAdmin {
    return new ModuleAdmin(runtime, registryUrl);
  }
});
