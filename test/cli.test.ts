import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { startFakeServer, type FakeServer } from '@ply/kit/testing';
import { runCli } from './cli-helpers.js';

describe('the ply CLI (built, run as a subprocess)', () => {
  // Shared: one webhook receiver and an empty $PLY_HOME (the CLI runs the workspace plugins);
  // each test sees only the posts of its own run.
  const received: unknown[] = [];
  let webhook: FakeServer;
  let home: string;
  const env = () => ({ PLY_HOME: home });
  beforeEach(() => {
    received.length = 0;
  });

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'ply-cli-'));
    const app = new Hono();
    app.post('/hooks/:key', async (c) => {
      received.push(await c.req.json());
      return c.text('ok');
    });
    webhook = await startFakeServer(app.fetch);
  });
  afterAll(() => webhook.close());

  it('lists the workspace modules as JSON', async () => {
    const { code, stdout } = await runCli(['modules', '--json'], { env: env() });
    expect(code).toBe(0);
    const { modules } = JSON.parse(stdout) as { modules: Array<{ slug: string; status: string; actions: number }> };
    expect(modules.find((m) => m.slug === 'mattermost')).toMatchObject({ status: 'runs', runs: true, actions: 2 });
  });

  it('describes an action with its arguments table', async () => {
    const { code, stdout } = await runCli(['describe', 'mattermost.post_alert'], { env: env() });
    expect(code).toBe(0);
    expect(stdout).toContain('Post Sekoia.io Alert');
    expect(stdout).toMatch(/api_key \(secret\)/);
    expect(stdout).toMatch(/alert_uuid\s*│\s*string\s*│\s*yes/);
  });

  it('runs Post Message against a webhook and prints the results', async () => {
    const hookUrl = `${webhook.url}hooks/cli-hook-secret-77`;
    const { code, stdout, stderr } = await runCli(['run', 'mattermost.post_message', '--arg', 'message=42', '--arg', 'channel=soc', '--config', `hook_url=${hookUrl}`], { env: env() });
    expect(stderr).not.toContain('cli-hook-secret-77');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ text: '42', channel: 'soc', icon_url: 'https://app.sekoia.io/user/favicon.ico' });
    expect(received).toEqual([{ text: '42', channel: 'soc', icon_url: 'https://app.sekoia.io/user/favicon.ico' }]);
  });

  it('reads arguments and configuration from files and answers in JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ply-cli-files-'));
    writeFileSync(join(dir, 'args.json'), JSON.stringify({ message: 'Alert {{ trigger.short_id }}' }));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ hook_url: `${webhook.url}hooks/x` }));
    writeFileSync(join(dir, 'context.json'), JSON.stringify({ trigger: { short_id: 'ALxyz' } }));
    const { code, stdout } = await runCli(
      ['run', 'mattermost.post_message', '--args-file', join(dir, 'args.json'), '--config-file', join(dir, 'config.json'), '--context-file', join(dir, 'context.json'), '--json'],
      { env: env() },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ module: { slug: 'mattermost' }, action: { slug: 'post_message' }, results: { text: 'Alert ALxyz' } });
    expect(received).toEqual([{ text: 'Alert ALxyz', icon_url: 'https://app.sekoia.io/user/favicon.ico' }]);
  });

  it('exits 5 with the pointer of an invalid argument', async () => {
    const { code, stderr } = await runCli(['run', 'mattermost.post_message', '--config', `hook_url=${webhook.url}hooks/x`], { env: env() });
    expect(code).toBe(5);
    expect(stderr).toContain('PLY_ARGUMENTS_INVALID');
    expect(stderr).toContain('/message');
  });

  it('exits 3 for an unknown action, naming the ones the module has', async () => {
    const { code, stderr } = await runCli(['run', 'mattermost.nope'], { env: env() });
    expect(code).toBe(3);
    expect(stderr).toContain('post_message');
  });

  it('exits 6 with the vendor status when the webhook refuses, without leaking the URL', async () => {
    const { code, stdout } = await runCli(['run', 'mattermost.post_message', '--arg', 'message=x', '--config', `hook_url=${webhook.url}nothing-here/secret-path-99`, '--json'], { env: env() });
    expect(code).toBe(6);
    const { error } = JSON.parse(stdout) as { error: { code: string; details: { status: number } } };
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details.status).toBe(404);
    expect(stdout).not.toContain('secret-path-99');
  });

  it('exits 2 on a malformed option', async () => {
    const { code, stderr } = await runCli(['run', 'mattermost.post_message', '--arg', 'no-equals-sign'], { env: env() });
    expect(code).toBe(2);
    expect(stderr).toContain('key=value');
  });

  it('reports committed manifests as up to date', async () => {
    const { code, stderr } = await runCli(['manifest', 'check', 'plugins/mattermost'], { env: env() });
    expect(code).toBe(0);
    expect(stderr).toContain('up to date');
  });
});
