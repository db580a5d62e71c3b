import { createAlertTrigger } from './alert-trigger.js';
import type { LiveApiOptions } from './liveapi-client.js';

/** Alert Created: `alert` / `created` notifications. */
export const createAlertCreatedTrigger = (options?: LiveApiOptions) =>
  createAlertTrigger(
    {
      uuid: '785583cf-4377-43ce-a5fb-f4572eb57456',
      slug: 'sekoiaio_alert_created',
      name: 'Alert Created',
      description: 'A new Alert was created in the Operation Center',
      handles: { type: 'alert', action: 'created' },
    },
    options,
  );
