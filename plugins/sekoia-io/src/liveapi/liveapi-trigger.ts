import { PlyError, isPlyError, type TriggerContext } from '@ply/core';
import { apiKeyOf, type SekoiaConfiguration } from '../configuration.js';
import { SekoiaApi } from '../sekoia-api.js';
import { consumeLiveApi } from './liveapi-client.js';
import type { LiveApiOptions } from './liveapi-options.js';
import { liveApiUrl } from './liveapi-url.js';
import { parseNotification, type Notification } from './notification.js';

/** Checks the key before connecting, as the reference does: a bad key must stop the trigger, not loop. */
async function checkApiKey(api: SekoiaApi): Promise<void> {
  try {
    await api.request('v1/me');
  } catch (error) {
    const status = isPlyError(error) ? error.details['status'] : undefined;
    if (status === 401 || status === 403) throw new PlyError('PLY_CONFIGURATION_INVALID', `the Sekoia.io API key was refused (HTTP ${String(status)})`, { details: { status } });
    throw error;
  }
}

/**
 * Runs a LiveAPI trigger: checks the key (`GET api/v1/me`), then reads the LiveAPI WebSocket and
 * hands each v2 notification to `handle` until the trigger stops.
 */
export async function runLiveApiTrigger<Event>(
  ctx: TriggerContext<SekoiaConfiguration, Event>,
  options: LiveApiOptions,
  handle: (notification: Notification, api: SekoiaApi) => Promise<void>,
): Promise<void> {
  const api = SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config);
  await checkApiKey(api);
  const url = liveApiUrl(ctx.config);
  ctx.log.info('starting LiveAPI consumer', { url });
  await consumeLiveApi({
    url,
    apiKey: apiKeyOf(ctx.config),
    signal: ctx.signal,
    log: ctx.log,
    options,
    heartbeat: () => ctx.heartbeat(),
    onMessage: async (raw) => {
      const notification = parseNotification(raw, ctx.log);
      if (notification) await handle(notification, api);
    },
  });
}
