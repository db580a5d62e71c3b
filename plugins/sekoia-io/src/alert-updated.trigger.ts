import { createAlertTrigger } from './alert-trigger.js';
import type { LiveApiOptions } from './liveapi-client.js';

/** Alert Updated: `alert` / `updated` notifications. */
export const createAlertUpdatedTrigger = (options?: LiveApiOptions) =>
  createAlertTrigger(
    {
      uuid: '7e092f68-5e35-40ac-ac0a-46b7bdbbe3ff',
      slug: 'sekoiaio_alert_updated',
      name: 'Alert Updated',
      description: 'An existing alert was updated',
      handles: { type: 'alert', action: 'updated' },
    },
    options,
  );
