import type { Runtime } from './runtime.js';

/** Id of the demo playbook created on first start (fixed, so its webhook URL is stable). */
export const DEMO_PLAYBOOK_ID = 'demo';
const DEMO_ACCOUNT = 'demo';

/** What the first start created, to print once. */
export interface FirstStart {
  adminToken?: string;
  demoCreated: boolean;
}

function demoPlaybook(): Record<string, unknown> {
  return {
    name: 'Demo: post webhook alerts to Mattermost',
    description: 'Created by the first `ply serve`: a webhook posts a message through the Mattermost module',
    trigger: { type: 'webhook', next: ['notify'] },
    nodes: {
      notify: {
        type: 'action',
        module: 'mattermost',
        action: 'post_message',
        account: DEMO_ACCOUNT,
        arguments: { message: 'Alert {{ trigger.alert_uuid | default("(none)") }}: {{ trigger.title | default("no title") }}', channel: 'soc' },
        retry: { max_attempts: 3, delay_ms: 200 },
      },
    },
  };
}

/** Runs `create`; undefined when another process created the same row first. */
async function firstOnly<T>(create: () => Promise<T>): Promise<T | undefined> {
  try {
    return await create();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'PLY_ACCOUNT_EXISTS' || code === 'PLY_INVALID_INPUT' || code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return undefined;
    throw error;
  }
}

/**
 * On a store with no API token, creates an admin token (returned to be printed once). On a store
 * with no playbook, creates the demo playbook and its Mattermost account when the module is
 * available. On every start, points the demo account at `receiverUrl` unless `PLY_DEMO_HOOK_URL`
 * chose another target, since the built-in receiver moves with the port.
 */
export async function prepareFirstStart(runtime: Runtime, hookUrl: { url: string; builtIn: boolean }): Promise<FirstStart> {
  const { store, engine, ply } = runtime;
  const result: FirstStart = { demoCreated: false };
  // In a cluster several API processes may start at once: the one whose insert wins prints the token.
  if ((await store.tokens.list()).length === 0) {
    const created = await firstOnly(() => store.tokens.create('admin', 'admin'));
    if (created) result.adminToken = created.token;
  }
  const hasMattermost = ply.catalog.versions('mattermost').length > 0;
  if (!hasMattermost) return result;
  const secretKeys = ['hook_url'];
  const account = await store.accounts.find('mattermost', DEMO_ACCOUNT);
  if ((await store.playbooks.list()).length === 0) {
    if (!account) await firstOnly(() => store.accounts.create({ module: 'mattermost', name: DEMO_ACCOUNT, configuration: { hook_url: hookUrl.url }, secretKeys }));
    if (await firstOnly(() => engine.create(demoPlaybook(), { id: DEMO_PLAYBOOK_ID }))) {
      await engine.enable(DEMO_PLAYBOOK_ID);
      result.demoCreated = true;
    }
  } else if (account && hookUrl.builtIn) {
    const current = (await store.accounts.configurationForRun('mattermost', DEMO_ACCOUNT)).configuration['hook_url'];
    if (typeof current === 'string' && current.endsWith('/demo/receiver') && current !== hookUrl.url) {
      await store.accounts.update(account.id, { configuration: { hook_url: hookUrl.url }, secretKeys });
    }
  }
  return result;
}
