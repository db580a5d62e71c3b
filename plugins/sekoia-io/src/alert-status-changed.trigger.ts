import { createAlertTrigger } from './alert-trigger.js';
import type { LiveApiOptions } from './liveapi-client.js';

/** Alert Status Changed: `alert` / `updated` notifications whose `attributes.updated.status` is set. */
export const createAlertStatusChangedTrigger = (options?: LiveApiOptions) =>
  createAlertTrigger(
    {
      uuid: '26df593b-6513-45bb-83e5-7b09effa34dc',
      slug: 'sekoiaio_alert_status_changed',
      name: 'Alert Status Changed',
      description: 'The status of an existing alert was changed',
      handles: { type: 'alert', action: 'updated' },
      accepts: (notification) => {
        const updated = notification.attributes?.['updated'];
        return typeof updated === 'object' && updated !== null && Boolean((updated as Record<string, unknown>)['status']);
      },
    },
    options,
  );
