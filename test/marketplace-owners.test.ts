import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from './cli-helpers.js';
import { bumpedTarball, cleanEnv, MATTERMOST_NEXT_PATCH, MATTERMOST_VERSION, createPublisher, npmLogin, PUBLISHER_PASSWORD, run, serveRegistry } from './marketplace-helpers.js';

const NAME = '@ply/plugin-mattermost';
const V = MATTERMOST_VERSION;
const NEXT = MATTERMOST_NEXT_PATCH;

describe('package owners, scopes and logins with the real npm client', { timeout: 90_000 }, () => {
  let work: string;
  let tarball: string;
  let bumped: string;
  let registry: ChildProcess | undefined;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ply-owners-'));
    const packed = await run(process.execPath, [CLI, 'pack', join(REPO_ROOT, 'plugins/mattermost'), '--out-dir', work, '--json'], { env: cleanEnv({ PLY_WORKSPACE: '' }) });
    expect(packed.code, packed.stderr).toBe(0);
    tarball = (JSON.parse(packed.stdout) as { file: string }).file;
    bumped = bumpedTarball(tarball, work, NEXT);
  });
  afterEach(() => {
    registry?.kill('SIGTERM');
    registry = undefined;
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A fresh registry where alice and bob are members of the organisation ply (owner of @ply), each with a publish token and an .npmrc. */
  async function marketplace() {
    const dir = mkdtempSync(join(work, 'market-'));
    const storage = join(dir, 'storage');
    const env = cleanEnv({ PLY_HOME: join(dir, 'home'), PLY_WORKSPACE: '', PLY_LOG_LEVEL: 'info' });
    const tokens = {
      alice: await createPublisher(storage, env, { user: 'alice', org: 'ply', email: 'alice@example.com' }),
      bob: await createPublisher(storage, env, { user: 'bob', email: 'bob@example.com' }),
    };
    const joined = await run(process.execPath, [CLI, 'registry', 'org', 'add', 'ply', 'bob', '--storage', storage], { env });
    expect(joined.code, joined.stderr).toBe(0);
    const served = await serveRegistry(storage, env);
    registry = served.child;
    const npmrc = (user: string, token?: string) => {
      const file = join(dir, `${user}.npmrc`);
      writeFileSync(file, `registry=${served.url}\n${token ? `${served.url.replace(/^http:/, '')}:_authToken=${token}\n` : ''}`);
      return file;
    };
    const npmArgs = (rc: string) => ['--userconfig', rc, '--cache', join(work, 'npm-cache'), '--no-audit', '--no-fund', '--no-update-notifier'];
    const npm = (user: keyof typeof tokens, args: string[]) => run('npm', [...args, ...npmArgs(npmrc(user, tokens[user]))], { cwd: dir, env: cleanEnv() });
    const ply = (args: string[]) => run(process.execPath, [CLI, ...args, '--storage', storage], { env });
    return { url: served.url, logs: served.logs, tokens, npm, ply, npmrc, npmArgs };
  }

  it('refuses `npm publish` of a new version by a member who does not own the package, with the reason', async () => {
    const { npm } = await marketplace();
    const first = await npm('alice', ['publish', tarball]);
    expect(first.code, first.stderr).toBe(0);
    const refused = await npm('bob', ['publish', bumped]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`403 Forbidden - PUT`);
    expect(refused.stderr).toContain(`bob is not an owner of ${NAME} (owners: alice): an owner can add you with \`npm owner add bob ${NAME}\``);
    const viewed = await npm('alice', ['view', NAME, 'versions', '--json']);
    expect(JSON.parse(viewed.stdout)).toEqual([V]);
  });

  it('lets an owner add and remove owners with `npm owner`, and `npm owner ls` lists them', async () => {
    const { npm } = await marketplace();
    expect((await npm('alice', ['publish', tarball])).code).toBe(0);
    expect((await npm('alice', ['owner', 'ls', NAME])).stdout.trim()).toBe('alice <alice@example.com>');
    const added = await npm('alice', ['owner', 'add', 'bob', NAME]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`+ bob (${NAME})`);
    expect((await npm('bob', ['owner', 'ls', NAME])).stdout.trim().split('\n')).toEqual(['alice <alice@example.com>', 'bob <bob@example.com>']);
    const published = await npm('bob', ['publish', bumped]);
    expect(published.code, published.stderr).toBe(0);
    const removed = await npm('bob', ['owner', 'rm', 'alice', NAME]);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await npm('alice', ['owner', 'ls', NAME])).stdout.trim()).toBe('bob <bob@example.com>');
    const notOwner = await npm('alice', ['owner', 'add', 'alice', NAME]);
    expect(notOwner.code).not.toBe(0);
    expect(notOwner.stderr).toContain(`alice is not an owner of ${NAME}`);
  });

  it('gives `npm login` a token for a real password only, and `ply registry token revoke` ends it while the registry runs', async () => {
    const { tokens, npmArgs, npmrc, ply, logs } = await marketplace();
    const rc = npmrc('alice-login');
    const loggedIn = await npmLogin(npmArgs(rc), 'alice', PUBLISHER_PASSWORD, cleanEnv());
    expect(loggedIn.code, loggedIn.stderr).toBe(0);
    expect(readFileSync(rc, 'utf8')).toMatch(/:_authToken=ply_/);
    const whoami = () => run('npm', ['whoami', ...npmArgs(rc)], { env: cleanEnv() });
    expect((await whoami()).stdout.trim()).toBe('alice');

    const withToken = await npmLogin(npmArgs(npmrc('alice-token')), 'alice', tokens.alice, cleanEnv());
    expect(withToken.code).not.toBe(0);
    expect(withToken.stderr).toContain('401 Unauthorized');
    expect(withToken.stderr).toContain('a token is not a password');

    const listed = JSON.parse((await ply(['--json', 'registry', 'token', 'list', '--user', 'alice'])).stdout) as { tokens: Array<{ id: string; createdBy: string }> };
    const fromLogin = listed.tokens.find((token) => token.createdBy === 'npm login')!;
    expect(listed.tokens.map((token) => token.createdBy).sort()).toEqual(['cli', 'npm login']);
    expect((await ply(['registry', 'token', 'revoke', fromLogin.id])).code).toBe(0);
    const refused = await whoami();
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('401');

    // `ply registry serve` logs at PLY_LOG_LEVEL: one JSON line per request, no token or password in any.
    const lines = logs().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'request', service: 'registry', method: 'PUT', route: '/-/user/org.couchdb.user:*', status: 201, requestId: expect.any(String) }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'token created by npm login', user: 'alice', tokenId: fromLogin.id }));
    const loginToken = /:_authToken=(\S+)/.exec(readFileSync(rc, 'utf8'))![1]!;
    for (const secret of [PUBLISHER_PASSWORD, tokens.alice, loginToken]) expect(logs()).not.toContain(secret);
  });
});
