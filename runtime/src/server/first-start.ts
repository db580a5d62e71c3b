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

/**
 * On a store with no API token, creates an admin token (returned to be printed once). On a store
 * with no playbook, creates the demo playbook and its Mattermost account when the module is
 * available. On every start, points the demo account at `receiverUrl` unless `PLY_DEMO_HOOK_URL`
 * chose another target, since the built-in receiver moves with the port.
 */
export function prepareFirstStart(runtime: Runtime, hookUrl: { url: string; builtIn: boolean }): FirstStart {
  const { store, engine, ply } = runtime;
  const result: FirstStart = { demoCreated: false };
  if (store.tokens.list().length === 0) result.adminToken = store.tokens.create('admin', 'admin').token;
  const hasMattermost = ply.catalog.versions('mattermost').length > 0;
  if (!hasMattermost) return result;
  const secretKeys = ['hook_url'];
  const account = store.accounts.find('mattermost', DEMO_ACCOUNT);
  if (store.playbooks.list().length === 0) {
    if (!account) store.accounts.create({ module: 'mattermost', name: DEMO_ACCOUNT, configuration: { hook_url: hookUrl.url }, secretKeys });
    engine.create(demoPlaybook(), { id: DEMO_PLAYBOOK_ID });
    engine.enable(DEMO_PLAYBOOK_ID);
    result.demoCreated = true;
  } else if (account && hookUrl.builtIn) {
    const current = store.accounts.configurationForRun('mattermost', DEMO_ACCOUNT).configuration['hook_url'];
    if (typeof current === 'string' && current.endsWith('/demo/receiver') && current !== hookUrl.url) {
      store.accounts.update(account.id, { configuration: { hook_url: hookUrl.url }, secretKeys });
    }
  }
  return result;
}
