import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeServer, type FakeServer } from '@ply/kit/testing';
import { createConsoleApp } from '@ply/console';
import { mountConsoleLazily } from '@ply/console/mount';
import { PLY_CORE_VERSION } from '@ply/core';
import { ModuleInstaller } from '@ply/installer';
import { createServerApp, openRuntime, type Runtime } from '@ply/runtime';
import { CLI, REPO_ROOT } from './cli-helpers.js';
import { cleanEnv, createPublisher, run, serveRegistry } from './marketplace-helpers.js';

const NAME = '@ply/plugin-mattermost';
/** The packed plugin's version, and the next minor release the test makes of it, with a breaking change. */
const V = (JSON.parse(readFileSync(join(REPO_ROOT, 'plugins/mattermost/package.json'), 'utf8')) as { version: string }).version;
const B = V.replace(/^(\d+)\.(\d+)\.\d+$/, (_match, major: string, minor: string) => `${major}.${Number(minor) + 1}.0`);
const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'screenshots');
/**
 * The pictures docs/console.md shows: remade into docs/images only when asked
 * (PLY_UPDATE_DOC_IMAGES=1), so an ordinary test run leaves the tracked files alone.
 */
const DOC_SCREENSHOTS = process.env['PLY_UPDATE_DOC_IMAGES'] === '1' ? join(REPO_ROOT, 'docs', 'images') : join(SCREENSHOTS, 'docs');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function editJson(file: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

/**
 * The next minor version of the packed plugin, where Post Message's `channel` becomes required: an upgrade
 * with one breaking argument change, for the Module page to list before upgrading.
 */
function breakingRelease(tarball: string, work: string): string {
  const dir = join(work, `v${B}`);
  mkdirSync(dir);
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  editJson(join(dir, 'package', 'package.json'), (json) => (json['version'] = B));
  editJson(join(dir, 'package', 'module', 'manifest.json'), (json) => (json['version'] = B));
  editJson(join(dir, 'package', 'module', 'action_post_message.json'), (json) => ((json['arguments'] as { required: string[] }).required.push('channel')));
  const out = join(work, `ply-plugin-mattermost-${B}.tgz`);
  execFileSync('tar', ['-czf', out, '-C', dir, 'package']);
  return out;
}

/** Issue #21 item 4: another package declaring Mattermost's module slug, as a local tarball (installed offline). */
const IMPOSTOR = 'handy-helpers2';
function impostorRelease(tarball: string, work: string): string {
  const dir = join(work, 'impostor');
  mkdirSync(dir);
  execFileSync('tar', ['-xzf', tarball, '-C', dir]);
  editJson(join(dir, 'package', 'package.json'), (json) => (json['name'] = IMPOSTOR));
  const out = join(work, `${IMPOSTOR}-${V}.tgz`);
  execFileSync('tar', ['-czf', out, '-C', dir, 'package']);
  return out;
}

describe('the web console in headless Chromium', () => {
  // Shared, never changed by a test: the registry with versions V and B published, and the browser.
  let work: string;
  let registry: ChildProcess;
  let registryUrl: string;
  let impostor: string;
  let browser: Browser;
  // Fresh for each test: its own $PLY_HOME, runtime, console, webhook and browser context.
  let runtime: Runtime;
  let consoleServer: FakeServer;
  let webhook: FakeServer;
  let context: BrowserContext;
  let page: Page;
  let tokens: { admin: string; viewer: string };
  let received: Array<Record<string, unknown>>;
  const cleanups: Array<() => Promise<unknown>> = [];
  const url = (path: string) => new URL(path, consoleServer.url).href;
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ply-console-e2e-'));
    const env = cleanEnv({ PLY_HOME: join(work, 'cli-home'), PLY_WORKSPACE: '' });
    const storage = join(work, 'storage');
    const packed = await run(process.execPath, [CLI, 'pack', join(REPO_ROOT, 'plugins/mattermost'), '--out-dir', work, '--json'], { env });
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = (JSON.parse(packed.stdout) as { file: string }).file;
    impostor = impostorRelease(tarball, work);
    const registryToken = await createPublisher(storage, env, { org: 'ply' });
    ({ url: registryUrl, child: registry } = await serveRegistry(storage, env));
    for (const file of [tarball, breakingRelease(tarball, work)]) {
      const published = await run(process.execPath, [CLI, 'publish', file, '--registry', registryUrl, '--token', registryToken], { env });
      expect(published.code, published.stderr).toBe(0);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    registry?.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  });

  /**
   * A console on a fresh `$PLY_HOME` with the given Mattermost versions installed from the
   * registry first (the last one given active, or `active`), and a fresh browser page. No
   * workspace plugins: Mattermost must come from the registry.
   */
  async function startConsole(options: { installed?: string[]; active?: string; withApi?: boolean; impostor?: boolean } = {}): Promise<void> {
    const home = mkdtempSync(join(work, 'home-'));
    const installer = new ModuleInstaller({ home, coreVersion: PLY_CORE_VERSION, registry: registryUrl });
    if (options.impostor) await installer.installFile(impostor);
    for (const version of options.installed ?? []) await installer.install(`${NAME}@${version}`);
    if (options.active && options.active !== options.installed?.at(-1)) installer.rollback('mattermost');
    runtime = await openRuntime({ settings: { home } });
    const opened = runtime;
    cleanups.push(() => opened.close());
    tokens = { admin: (await runtime.store.tokens.create('alice', 'admin')).token, viewer: (await runtime.store.tokens.create('victor', 'viewer')).token };
    const consoleApp = createConsoleApp(runtime, { registry: registryUrl });
    // With the API: the runtime's app (webhooks under /hooks) with the console mounted on it, as `ply serve` does.
    const server = options.withApi ? createServerApp(runtime, {}) : undefined;
    if (server) mountConsoleLazily(server, async () => consoleApp);
    consoleServer = await startFakeServer(server ? server.fetch : consoleApp.fetch);
    cleanups.push(consoleServer.close);
    received = [];
    const hooks = new Hono();
    hooks.post('/hooks/:key', async (c) => {
      received.push((await c.req.json()) as Record<string, unknown>);
      return c.text('ok');
    });
    webhook = await startFakeServer(hooks.fetch);
    cleanups.push(webhook.close);
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const opening = context;
    cleanups.push(() => opening.close());
    page = await context.newPage();
  }

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function signIn(token: string): Promise<void> {
    await page.goto(url('/sign-in'));
    await page.getByLabel('API token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }

  it('sends an admin to the sign-in page, then in with an API token', async () => {
    await startConsole();
    await page.goto(url('/marketplace'));
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await shot('01-sign-in');
    await page.getByLabel('API token').fill(tokens.admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(url('/marketplace'));
    await expect(page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Marketplace' }).getAttribute('aria-current')).resolves.toBe('page');
    expect(await page.content()).not.toContain(tokens.admin);
  });

  it('finds Mattermost in the marketplace by text and category, with its latest version and counts', async () => {
    await startConsole();
    await signIn(tokens.admin);
    await page.goto(url('/marketplace'));
    await page.getByLabel('Search', { exact: true }).fill('matter');
    await page.getByLabel('Category').selectOption('Applicative');
    await page.getByRole('button', { name: 'Search' }).click();
    const card = page.getByRole('list', { name: 'Modules' }).getByRole('listitem');
    await expect(card.count()).resolves.toBe(1);
    const text = await card.innerText();
    expect(text).toContain(`latest ${B}`);
    expect(text).toContain('2 actions · 0 triggers · 0 connectors');
    expect(text).toContain('not installed');
    await shot('02-marketplace');
  });

  it(`installs version ${V}, shows the breaking change of ${B} before upgrading, upgrades and rolls back`, async () => {
    await startConsole();
    await signIn(tokens.admin);
    await page.goto(url('/marketplace'));
    await page.getByRole('link', { name: 'mattermost' }).click();
    await page.getByRole('link', { name: `${V}` }).click();
    await page.getByRole('button', { name: `Install mattermost ${V}` }).click();
    await expect(page.getByRole('status').first().innerText()).resolves.toContain(`mattermost ${V} installed (integrity and signature verified)`);

    await page.goto(url(`/marketplace/${NAME}`));
    const upgrade = page.getByRole('region', { name: `Upgrade ${V} → ${B}` });
    await expect(upgrade.innerText()).resolves.toContain('post_message: argument "channel" is now required');
    await shot('03-module-upgrade-preview');
    await page.getByRole('button', { name: `Upgrade to ${B} anyway` }).click();
    await expect(page.getByRole('status').first().innerText()).resolves.toContain(`upgraded from ${V} to ${B} with 1 breaking argument change(s)`);
    await page.getByRole('button', { name: `Roll back to ${V}` }).click();
    await expect(page.getByRole('status').first().innerText()).resolves.toContain(`rolled back from ${B} to ${V}`);
    const actions = page.getByRole('region', { name: 'Actions' });
    await actions.getByText('Post Message', { exact: true }).click();
    await expect(actions.getByRole('table').first().innerText()).resolves.toContain('message');
    expect(runtime.ply.catalog.module('mattermost').manifest.version).toBe(V);
    await shot('04-module-installed');
  });

  it('rejects an account form with the schema\'s message, then creates the account with its secret write-only', async () => {
    await startConsole({ installed: [V] });
    await signIn(tokens.admin);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Module').selectOption('mattermost');
    await page.getByRole('button', { name: 'Configure…' }).click();
    await page.getByLabel('Account name (required)').fill('soc');
    await page.getByLabel('hook_url (required)').fill('not a url');
    await page.getByRole('button', { name: 'Create account' }).click();
    const field = page.getByLabel('hook_url (required)');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#f-config--hook_url-error').innerText()).resolves.toBe('must match format "uri"');
    expect(await runtime.store.accounts.list()).toEqual([]);
    await shot('05-account-invalid');
    const hookUrl = `${webhook.url}hooks/console-secret-hook-42`;
    await field.fill(hookUrl);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('Account "soc" created.');
    await expect(page.getByText('Secret: set. Leave empty to keep the stored value.').count()).resolves.toBe(1);
    expect(await page.content()).not.toContain('console-secret-hook-42');
    expect((await runtime.store.accounts.configurationForRun('mattermost', 'soc')).configuration).toEqual({ hook_url: hookUrl });
    await page.goto(url('/accounts'));
    await shot('06-accounts');
  });

  it('runs Post Message against the webhook and shows the result, then the execution with its node timeline', async () => {
    await startConsole({ installed: [V] });
    await runtime.store.accounts.create({ module: 'mattermost', name: 'soc', configuration: { hook_url: `${webhook.url}hooks/console-secret-hook-42` }, secretKeys: ['hook_url'] });
    await signIn(tokens.admin);
    await page.goto(url('/run'));
    await page.getByRole('link', { name: 'Post Message' }).click();
    await page.getByLabel('Account').selectOption('soc');
    await page.getByLabel('message (required)').fill('Alert ALxyz123 needs a look');
    await page.getByLabel('channel').fill('soc');
    await page.getByRole('button', { name: 'Run Post Message' }).click();
    await expect(page.getByRole('region', { name: 'Result: succeeded' }).count()).resolves.toBe(1);
    expect(received).toEqual([{ text: 'Alert ALxyz123 needs a look', channel: 'soc', icon_url: 'https://app.sekoia.io/user/favicon.ico' }]);
    await shot('07-run-result');
    await page.getByRole('region', { name: 'Result: succeeded' }).getByRole('link').click();
    await expect(page.locator('ol.timeline').innerText()).resolves.toContain('1. action');
    expect(await page.content()).not.toContain('console-secret-hook-42');
    await shot('08-execution');
    await page.goto(url('/executions'));
    await expect(page.getByRole('table').innerText()).resolves.toContain('Console run: mattermost.post_message');
    await shot('09-executions');
    await page.goto(url('/playbooks'));
    await shot('10-playbooks');
  });

  it('shows a viewer no install or uninstall button, and answers a forged POST with 403', async () => {
    await startConsole({ installed: [V] });
    await signIn(tokens.viewer);
    await page.goto(url(`/marketplace/${NAME}`));
    expect(await page.getByRole('button', { name: /Install|Uninstall|Upgrade|Roll back/ }).count()).toBe(0);
    await expect(page.getByRole('region', { name: 'Installation' }).innerText()).resolves.toContain('needs the admin role');
    await shot('11-module-as-viewer');
    const csrf = await page.locator('input[name="_csrf"]').first().getAttribute('value');
    for (const operation of ['install', 'uninstall']) {
      // Forged: no CSRF token, or one that is not this session's.
      for (const token of [undefined, 'x'.repeat(csrf!.length)]) {
        const forged = await page.request.post(url(`/marketplace/${operation}`), { form: { ...(token ? { _csrf: token } : {}), name: NAME, slug: 'mattermost' }, maxRedirects: 0 });
        expect(forged.status()).toBe(403);
        expect(await forged.text()).toContain('did not come from this console');
      }
      // With this session's own token, the viewer's role is refused.
      const refused = await page.request.post(url(`/marketplace/${operation}`), { form: { _csrf: csrf!, name: NAME, slug: 'mattermost' }, maxRedirects: 0 });
      expect(refused.status()).toBe(403);
      expect(await refused.text()).toContain('This needs the admin role; you are signed in as viewer.');
    }
    expect(runtime.ply.catalog.module('mattermost').manifest.version).toBe(`${V}`);
  });

  it(`offers to replace ${IMPOSTOR}, which holds the slug mattermost, when installing ${NAME}, and replaces it when the admin says so`, async () => {
    await startConsole({ impostor: true });
    expect(runtime.ply.catalog.module('mattermost').source).toBe('installed');
    await signIn(tokens.admin);
    await page.goto(url(`/marketplace/${NAME}`));
    await page.getByRole('link', { name: `${V}` }).click();
    await page.getByRole('button', { name: `Install mattermost ${V}` }).click();
    const choice = page.getByRole('region', { name: 'Module slug taken' });
    await expect(page.getByRole('alert').first().innerText()).resolves.toContain(`Install refused: PLY_SLUG_TAKEN: ${NAME} declares the module slug "mattermost", which belongs to ${IMPOSTOR}`);
    await expect(choice.innerText()).resolves.toContain(`Replacing it removes every version of ${IMPOSTOR}`);
    await shot('12-install-slug-taken');
    expect(new ModuleInstaller({ home: runtime.ply.settings.home, coreVersion: PLY_CORE_VERSION }).store.find('mattermost')?.name).toBe(IMPOSTOR);
    await choice.getByRole('button', { name: `Replace ${IMPOSTOR}` }).click();
    await expect(page.getByRole('status').first().innerText()).resolves.toContain(`mattermost ${V} installed, replacing ${IMPOSTOR} (integrity and signature verified)`);
    const installed = new ModuleInstaller({ home: runtime.ply.settings.home, coreVersion: PLY_CORE_VERSION }).list();
    expect(installed.map((module) => [module.name, module.slug, module.active])).toEqual([[NAME, 'mattermost', V]]);
  });

  it(`answers the install refused for the slug with a 409 page whose replace form needs the admin's CSRF token (HTTP)`, async () => {
    await startConsole({ impostor: true });
    await signIn(tokens.admin);
    const csrf = await (await page.request.get(url(`/marketplace/${NAME}`))).text().then((text) => /name="_csrf" value="([^"]+)"/.exec(text)![1]!);
    const refused = await page.request.post(url('/marketplace/install'), { form: { _csrf: csrf, name: NAME, version: V }, maxRedirects: 0 });
    expect(refused.status()).toBe(409);
    const body = await refused.text();
    expect(body).toContain(`<input type="hidden" name="replace" value="${IMPOSTOR}"/>`);
    expect(body).toContain(`<input type="hidden" name="_csrf" value="${csrf}"/>`);
    // Forged: the replace without this session's token is refused, and nothing changes.
    for (const token of [undefined, 'x'.repeat(csrf.length)]) {
      const forged = await page.request.post(url('/marketplace/install'), { form: { ...(token ? { _csrf: token } : {}), name: NAME, version: V, replace: IMPOSTOR }, maxRedirects: 0 });
      expect(forged.status()).toBe(403);
    }
    // A viewer cannot replace either.
    const viewer = await browser.newContext();
    cleanups.push(() => viewer.close());
    const viewerPage = await viewer.newPage();
    await viewerPage.goto(url('/sign-in'));
    await viewerPage.getByLabel('API token').fill(tokens.viewer);
    await viewerPage.getByRole('button', { name: 'Sign in' }).click();
    await viewerPage.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    const viewerCsrf = /name="_csrf" value="([^"]+)"/.exec(await (await viewerPage.request.get(url(`/marketplace/${NAME}`))).text())![1]!;
    const asViewer = await viewerPage.request.post(url('/marketplace/install'), { form: { _csrf: viewerCsrf, name: NAME, version: V, replace: IMPOSTOR }, maxRedirects: 0 });
    expect(asViewer.status()).toBe(403);
    expect(new ModuleInstaller({ home: runtime.ply.settings.home, coreVersion: PLY_CORE_VERSION }).store.find('mattermost')?.name).toBe(IMPOSTOR);
    const replaced = await page.request.post(url('/marketplace/install'), { form: { _csrf: csrf, name: NAME, version: V, replace: IMPOSTOR }, maxRedirects: 0 });
    expect(replaced.status()).toBe(303);
    expect(new ModuleInstaller({ home: runtime.ply.settings.home, coreVersion: PLY_CORE_VERSION }).store.find('mattermost')?.name).toBe(NAME);
  });

  it('lets an admin uninstall the module, which leaves the runtime at once', async () => {
    await startConsole({ installed: [V, B], active: V });
    await signIn(tokens.admin);
    await page.goto(url(`/marketplace/${NAME}`));
    await page.getByRole('button', { name: 'Uninstall mattermost' }).click();
    await expect(page.getByRole('status').first().innerText()).resolves.toContain(`mattermost uninstalled (removed ${B}, ${V})`);
    await expect(page.getByRole('button', { name: `Install mattermost ${B}` }).count()).resolves.toBe(1);
    expect(runtime.ply.catalog.modules().map((module) => module.manifest.slug)).not.toContain('mattermost');
  });

  it("takes a new admin from the marketplace to an execution's picture: install, account and its check, editor, dry run, enable, webhook", async () => {
    await startConsole({ withApi: true });
    await signIn(tokens.admin);
    const docShot = (name: string) => page.screenshot({ path: join(DOC_SCREENSHOTS, `${name}.png`), fullPage: true });
    mkdirSync(DOC_SCREENSHOTS, { recursive: true });
    // One click on the marketplace card.
    await page.goto(url('/marketplace'));
    await page.getByRole('button', { name: 'Install mattermost' }).click();
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('mattermost 1.2.0 installed (integrity and signature verified)');
    // Its account, and the check (Mattermost declares no validation request: the page says so).
    await page.goto(url('/accounts/new?module=mattermost'));
    await page.getByLabel('Account name (required)').fill('soc');
    await page.getByLabel('hook_url (required)').fill(`${webhook.url}hooks/console-secret-hook-42`);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: 'Check credentials' }).click();
    await expect(page.getByRole('alert').first().innerText()).resolves.toContain('Not checked: module mattermost declares no validation request.');
    // The editor: a wrong action is shown at its line, then fixed; a dry run shows the rendered message.
    await page.goto(url('/playbooks/new'));
    await page.getByText('Mattermost mattermost').click();
    await page.getByText('post_message Post Message').click();
    await expect(page.locator('#action-mattermost-post_message').innerText()).resolves.toContain('message');
    const text = (action: string) =>
      `name: Alert to Mattermost\ntrigger:\n  type: webhook\n  next: [notify]\nnodes:\n  notify:\n    type: action\n    module: mattermost\n    action: ${action}\n    account: soc\n    arguments:\n      message: "Alert {{ trigger.alert_uuid }}: {{ trigger.title }}"\n      channel: soc\n    next: [remember]\n  remember:\n    type: store\n    set:\n      last: "{{ node.notify }}"\n`;
    await page.getByLabel('Playbook (YAML or JSON)').fill(text('post_mesage'));
    await page.getByLabel('Id (optional)').fill('alerts');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('#line-9').innerText()).resolves.toContain('has no action "post_mesage"');
    await docShot('console-editor-problems');
    await page.goto(url('/playbooks/alerts/edit'));
    await page.getByLabel('Playbook (YAML or JSON)').fill(text('post_message'));
    await page.getByText('Sample trigger event and results for the dry run').click();
    await page.getByLabel('Sample trigger event (JSON)').fill('{"alert_uuid": "AL42", "title": "Odd login"}');
    await page.getByRole('button', { name: 'Dry run' }).click();
    const dry = page.getByRole('region', { name: 'Dry run' });
    await expect(dry.locator('[data-node="notify"]').innerText()).resolves.toContain('"Alert AL42: Odd login"');
    await expect(dry.locator('[data-node="remember"]').innerText()).resolves.toContain('Not known in a dry run: node.notify');
    expect(received).toEqual([]);
    await docShot('console-editor');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('Saved as version 2. It is valid.');
    // Enabled from its page, with its picture; then its webhook fires.
    await page.goto(url('/playbooks/alerts'));
    await expect(page.locator('svg [data-node="notify"]').getAttribute('class')).resolves.toContain('kind-action');
    await expect(page.locator('svg [data-node="remember"]').getAttribute('class')).resolves.toContain('kind-store');
    await page.getByRole('button', { name: 'Enable' }).click();
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('Alert to Mattermost enabled.');
    await docShot('console-playbook-graph');
    await page.getByText('Show the webhook token').click();
    const curl = await page.locator('pre', { hasText: 'curl -X POST' }).innerText();
    const hookToken = /x-ply-token: ([^']+)'/.exec(curl)![1]!;
    const fired = await page.request.post(url('/hooks/alerts'), { headers: { 'x-ply-token': hookToken }, data: { alert_uuid: 'AL43', title: 'Odd login' } });
    expect(fired.status()).toBe(202);
    const { executionId } = (await fired.json()) as { executionId: string };
    await runtime.engine.shutdown(5000);
    // Post Message sends Sekoia.io's icon, as the reference does.
    expect(received).toEqual([{ text: 'Alert AL43: Odd login', channel: 'soc', icon_url: 'https://app.sekoia.io/user/favicon.ico' }]);
    // The execution as a picture: every node succeeded; a click on one shows its masked arguments.
    await page.goto(url(`/executions/${executionId}`));
    for (const node of ['notify', 'remember']) await expect(page.locator(`svg [data-node="${node}"]`).getAttribute('data-status')).resolves.toBe('succeeded');
    await expect(page.locator('#node-notify').isVisible()).resolves.toBe(false);
    await page.locator('svg a[href="#node-notify"]').click();
    await expect(page.locator('#node-notify').isVisible()).resolves.toBe(true);
    await expect(page.locator('#node-notify').innerText()).resolves.toContain('Alert AL43: Odd login');
    expect(await page.content()).not.toContain('console-secret-hook-42');
    await docShot('console-execution-graph');
  });
});
