import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlyError, type Ply } from '@ply/core';
import { createTestPly, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { ALERT, fakeSekoiaAlerts } from './fake-sekoia.js';
import { fakeMattermost } from './fake-mattermost.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const SEKOIA_KEY = 'sk-test-7f3a9c2e1b';

describe('Mattermost plugin through the executor', () => {
  // A fresh fake, runtime and log per test: no test sees the posts, faults or log lines of another.
  let mattermost: ReturnType<typeof fakeMattermost>;
  let mattermostServer: FakeServer;
  let sekoiaServer: FakeServer;
  let ply: Ply;
  let logs: ReturnType<typeof createTestPly>['logs'];
  let hookUrl: string;

  beforeEach(async () => {
    mattermost = fakeMattermost();
    mattermostServer = await startFakeServer(mattermost.app.fetch);
    sekoiaServer = await startFakeServer(fakeSekoiaAlerts(SEKOIA_KEY).app.fetch);
    hookUrl = `${mattermostServer.url}hooks/xoxo-hook-secret-42`;
    ({ ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] }));
  });
  afterEach(async () => {
    await mattermostServer.close();
    await sekoiaServer.close();
  });

  it('posts a message with channel and username to the incoming webhook', async () => {
    const result = await ply.run({
      action: 'mattermost.post_message',
      arguments: { message: 'Alert triaged', channel: 'soc', username: 'ply' },
      configuration: { hook_url: hookUrl },
    });
    expect(result.results).toEqual({ text: 'Alert triaged', channel: 'soc', username: 'ply' });
    const post = mattermost.received.at(-1)!;
    expect(post.path).toBe('/hooks/xoxo-hook-secret-42');
    expect(post.contentType).toContain('application/json');
    expect(post.body).toEqual({ text: 'Alert triaged', channel: 'soc', username: 'ply' });
  });

  it('renders templated arguments from the playbook context', async () => {
    await ply.run({
      action: 'mattermost.post_message',
      arguments: { message: 'New alert {{ trigger.short_id }} on {{ node.1.entity.name }}' },
      configuration: { hook_url: hookUrl },
      templateContext: { trigger: { short_id: 'ALxyz123' }, node: { '1': { entity: { name: 'Main entity' } } } },
    });
    expect(mattermost.received.at(-1)!.body).toEqual({ text: 'New alert ALxyz123 on Main entity' });
  });

  it('reads the alert from Sekoia.io with the Bearer key, then posts it as an attachment', async () => {
    const result = await ply.run({
      action: 'mattermost.post_alert',
      arguments: { alert_uuid: ALERT.uuid, api_key: SEKOIA_KEY, base_url: sekoiaServer.url, channel: 'soc', pretext: 'Heads up' },
      configuration: { hook_url: hookUrl },
    });
    expect(result.results).toEqual({});
    const body = mattermost.received.at(-1)!.body as { channel: string; attachments: Array<Record<string, unknown>> };
    expect(body.channel).toBe('soc');
    expect(body.attachments[0]).toMatchObject({
      pretext: 'Heads up',
      title: 'Alert ALxyz123: PowerShell download cradle',
      color: '#d32f2f',
      fields: expect.arrayContaining([{ short: true, title: 'Urgency', value: '80' }, { short: true, title: 'Status', value: 'Pending' }]),
    });
  });

  it('fails with the vendor status when the Sekoia.io key is wrong, and never shows the key', async () => {
    const error = await ply
      .run({
        action: 'mattermost.post_alert',
        arguments: { alert_uuid: ALERT.uuid, api_key: 'wrong-key-123456', base_url: sekoiaServer.url },
        configuration: { hook_url: hookUrl },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlyError);
    expect((error as PlyError).code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect((error as PlyError).details['status']).toBe(401);
    expect(JSON.stringify(error)).not.toContain('wrong-key-123456');
    expect((error as PlyError).message).toContain('Unauthorized');
  });

  it('fails with 404 for an unknown alert', async () => {
    const error = (await ply
      .run({
        action: 'mattermost.post_alert',
        arguments: { alert_uuid: 'nope', api_key: SEKOIA_KEY, base_url: sekoiaServer.url },
        configuration: { hook_url: hookUrl },
      })
      .catch((e: unknown) => e)) as PlyError;
    expect(error.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error.details['status']).toBe(404);
  });

  it('does not post again when the webhook answers 503: the message may have been posted', async () => {
    mattermost.failNext.push(503);
    const before = mattermost.received.length;
    const error = (await ply.run({ action: 'mattermost.post_message', arguments: { message: 'maybe posted' }, configuration: { hook_url: hookUrl } }).catch((e: unknown) => e)) as PlyError;
    expect(error).toMatchObject({ code: 'PLY_VENDOR_HTTP_ERROR', details: { status: 503, attempts: 1 } });
    expect(mattermost.received.length).toBe(before);
    expect(mattermost.failNext).toHaveLength(0);
  });

  it('refuses a missing message before calling Mattermost', async () => {
    const before = mattermost.received.length;
    const error = (await ply.run({ action: 'mattermost.post_message', arguments: {}, configuration: { hook_url: hookUrl } }).catch((e: unknown) => e)) as PlyError;
    expect(error.code).toBe('PLY_ARGUMENTS_INVALID');
    expect(error.message).toContain('/message');
    expect(mattermost.received.length).toBe(before);
  });

  it('refuses a configuration without the hook URL, naming it', async () => {
    const error = (await ply.run({ action: 'mattermost.post_message', arguments: { message: 'x' }, configuration: {} }).catch((e: unknown) => e)) as PlyError;
    expect(error.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(error.message).toContain('hook_url');
  });

  it('keeps the webhook URL and the Sekoia.io key out of every log line', async () => {
    // The lines checked are made here: a post retried after a 429 (its line names the URL) and a failed alert read with the key.
    mattermost.failNext.push(429);
    await ply.run({ action: 'mattermost.post_message', arguments: { message: 'after a retry' }, configuration: { hook_url: hookUrl } });
    await ply.run({ action: 'mattermost.post_alert', arguments: { alert_uuid: 'nope', api_key: SEKOIA_KEY, base_url: sekoiaServer.url }, configuration: { hook_url: hookUrl } }).catch(() => undefined);
    const lines = logs.lines.map((line) => JSON.parse(line) as { msg: string; url?: string });
    // The hook URL is a secret value as a whole: the retry line shows where it would have been.
    expect(lines.find((line) => line.msg === 'HTTP request failed, retrying')?.url).toBe('[REDACTED]');
    expect(lines.map((line) => line.msg)).toContain('action failed');
    expect(logs.text()).not.toContain('xoxo-hook-secret-42');
    expect(logs.text()).not.toContain(SEKOIA_KEY);
  });
});
