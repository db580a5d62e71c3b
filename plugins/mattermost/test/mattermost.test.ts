import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestPly, plyErrorOf, startFakeServer, type FakeServer } from '@ply/kit/testing';
import plugin from '../src/index.js';
import { urgencyColour } from '../src/urgency-colour.js';
import { ALERT, fakeSekoiaAlerts } from './fake-sekoia.js';
import { fakeMattermost } from './fake-mattermost.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));
const SEKOIA_KEY = 'sk-test-7f3a9c2e1b';
const HOOK_KEY = 'xoxo-hook-secret-42';
const ICON = 'https://app.sekoia.io/user/favicon.ico';

describe('Mattermost plugin through the executor', () => {
  let mattermost: ReturnType<typeof fakeMattermost>;
  let servers: FakeServer[];
  let hookUrl: string;
  let sekoiaUrl: string;
  let test: ReturnType<typeof createTestPly>;
  const run = (action: string, args: Record<string, unknown>, configuration: Record<string, unknown> = { hook_url: hookUrl }) => test.ply.run({ action: `mattermost.${action}`, arguments: args, configuration });

  beforeEach(async () => {
    mattermost = fakeMattermost([HOOK_KEY]);
    servers = [await startFakeServer(mattermost.app.fetch), await startFakeServer(fakeSekoiaAlerts(SEKOIA_KEY).app.fetch)];
    hookUrl = `${servers[0]!.url}hooks/${HOOK_KEY}`;
    sekoiaUrl = servers[1]!.url;
    test = createTestPly({ plugins: [{ moduleDir, plugin }] });
  });
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it('posts a message with channel, username and the Sekoia.io icon, and returns the payload', async () => {
    const { results } = await run('post_message', { message: 'Alert triaged', channel: 'soc', username: 'ply' });
    const payload = { text: 'Alert triaged', channel: 'soc', username: 'ply', icon_url: ICON };
    expect(results).toEqual(payload);
    expect(mattermost.received.at(-1)).toEqual({ key: HOOK_KEY, contentType: 'application/json', body: payload });
  });

  it('renders templated arguments from the playbook context', async () => {
    await test.ply.run({
      action: 'mattermost.post_message',
      arguments: { message: 'New alert {{ trigger.short_id }} on {{ node.1.entity.name }}' },
      configuration: { hook_url: hookUrl },
      templateContext: { trigger: { short_id: 'ALxyz123' }, node: { '1': { entity: { name: 'Main entity' } } } },
    });
    expect(mattermost.received.at(-1)!.body).toEqual({ text: 'New alert ALxyz123 on Main entity', icon_url: ICON });
  });

  it("posts the reference's alert card, read from Sekoia.io with the Bearer key, and returns it", async () => {
    const { results } = await run('post_alert', { alert_uuid: ALERT.uuid, api_key: SEKOIA_KEY, base_url: sekoiaUrl });
    const card = {
      username: 'Blue boat',
      icon_url: ICON,
      attachments: [
        {
          fallback: 'Super test alert',
          color: '#1c8d00',
          author_name: 'Blue boat',
          title: 'Super test alert',
          title_link: 'https://app.sekoia.io/operations/alerts/AL13426AYUU',
          fields: [
            { short: true, title: 'Alert type', value: 'malicious-code - malware' },
            { short: true, title: 'Urgency', value: 'low - 10' },
            { short: true, title: 'Source', value: '10.10.10.10' },
            { short: true, title: 'Target', value: 'test.com.fake' },
            { short: false, title: 'Description', value: 'no detail provided' },
          ],
        },
      ],
    };
    expect(mattermost.received.at(-1)!.body).toEqual(card);
    expect(results).toEqual(card);
  });

  it('puts the pretext above the card and in its fallback, posts to the channel, and links to the region app', async () => {
    await run('post_alert', { alert_uuid: 'AL13426AYUU', api_key: SEKOIA_KEY, base_url: sekoiaUrl, channel: 'soc', pretext: 'Heads up', app_url: 'https://app.usa1.sekoia.io' });
    const body = mattermost.received.at(-1)!.body as { channel: string; attachments: Array<Record<string, unknown>> };
    expect(body.channel).toBe('soc');
    expect(body.attachments[0]).toMatchObject({ pretext: 'Heads up', fallback: 'Heads up - Super test alert', title_link: 'https://app.usa1.sekoia.io/operations/alerts/AL13426AYUU' });
  });

  it.each([
    [0, '#008000'],
    [10, '#1c8d00'],
    [50, '#bfbf00'],
    [100, '#f00'],
  ])("colours an urgency of %i as the reference's green-to-red scale does: %s", (urgency, colour) => {
    expect(urgencyColour(urgency)).toBe(colour);
  });

  it('fails with the vendor status when the Sekoia.io key is wrong, and never shows the key', async () => {
    const error = await plyErrorOf(run('post_alert', { alert_uuid: ALERT.uuid, api_key: 'wrong-key-123456', base_url: sekoiaUrl }));
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 401]);
    expect(test.logs.text()).toContain('action failed');
    expect(JSON.stringify([error, test.logs.lines])).not.toContain('wrong-key-123456');
    expect(mattermost.received).toHaveLength(0);
  });

  it('fails with 404 for an unknown alert', async () => {
    const error = await plyErrorOf(run('post_alert', { alert_uuid: 'nope', api_key: SEKOIA_KEY, base_url: sekoiaUrl }));
    expect([error.code, error.details['status']]).toEqual(['PLY_VENDOR_HTTP_ERROR', 404]);
  });

  it("passes Mattermost's refusals on: a hook key it did not issue, a channel it does not have", async () => {
    const wrongHook = await plyErrorOf(run('post_message', { message: 'x' }, { hook_url: `${servers[0]!.url}hooks/other-key-77` }));
    expect([wrongHook.details['status'], wrongHook.message]).toEqual([400, expect.stringContaining('Invalid webhook.')]);
    const wrongChannel = await plyErrorOf(run('post_message', { message: 'x', channel: 'nowhere' }));
    expect(wrongChannel.message).toContain("Couldn't find the channel.");
    expect(test.logs.text()).toContain('action failed');
    expect(JSON.stringify([wrongHook, test.logs.lines])).not.toContain('other-key-77');
  });

  it('does not post again when the webhook answers 503: the message may have been posted', async () => {
    mattermost.faults.failNext.push({ status: 503, retryAfter: '0' });
    const error = await plyErrorOf(run('post_message', { message: 'maybe posted' }));
    expect(error).toMatchObject({ code: 'PLY_VENDOR_HTTP_ERROR', details: { status: 503, attempts: 1 } });
    expect(mattermost.received).toHaveLength(0);
  });

  it('retries a 429 from the webhook', async () => {
    mattermost.faults.failNext.push({ status: 429, retryAfter: '0' });
    await run('post_message', { message: 'after a 429' });
    expect(mattermost.received).toHaveLength(1);
  });

  it('ends at the run timeout when Mattermost does not answer', async () => {
    mattermost.faults.delayNextMs = 2_000;
    const error = await plyErrorOf(test.ply.run({ action: 'mattermost.post_message', arguments: { message: 'slow' }, configuration: { hook_url: hookUrl }, timeoutMs: 100 }));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
  });

  it('refuses a missing message before calling Mattermost', async () => {
    const error = await plyErrorOf(run('post_message', {}));
    expect([error.code, error.message]).toEqual(['PLY_ARGUMENTS_INVALID', expect.stringContaining('/message')]);
    expect(mattermost.received).toHaveLength(0);
  });

  it('refuses a configuration without the hook URL, naming it', async () => {
    const error = await plyErrorOf(run('post_message', { message: 'x' }, {}));
    expect([error.code, error.message]).toEqual(['PLY_CONFIGURATION_INVALID', expect.stringContaining('hook_url')]);
  });

  it('keeps the webhook URL and the Sekoia.io key out of every log line', async () => {
    await run('post_alert', { alert_uuid: ALERT.uuid, api_key: SEKOIA_KEY, base_url: sekoiaUrl });
    expect(test.logs.text()).toContain('alert posted');
    expect(test.logs.text()).not.toContain(HOOK_KEY);
    expect(test.logs.text()).not.toContain(SEKOIA_KEY);
  });
});
