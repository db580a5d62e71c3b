import type { LiveApiOptions } from '../liveapi/liveapi-options.js';
import { createAlertTrigger } from './alert-trigger.js';

/** The reference's five alert triggers on the LiveAPI: which notifications each one takes. */
export function createAlertTriggers(options?: LiveApiOptions) {
  return [
    createAlertTrigger(
      {
        uuid: 'fe249825-c8c5-4321-8791-f476b505072d',
        slug: 'sekoiaio_securityalert',
        name: 'Any Alert Update',
        description: 'Create an event for each alert creation or modification',
        docker_parameters: 'security_alerts_trigger',
        handles: ['alert:created', 'alert:updated', 'alert-comment:created'],
      },
      options,
    ),
    createAlertTrigger(
      {
        uuid: '785583cf-4377-43ce-a5fb-f4572eb57456',
        slug: 'sekoiaio_alert_created',
        name: 'Alert Created',
        description: 'A new Alert was created in the Operation Center',
        docker_parameters: 'alert_created_trigger',
        handles: ['alert:created'],
      },
      options,
    ),
    createAlertTrigger(
      {
        uuid: '7e092f68-5e35-40ac-ac0a-46b7bdbbe3ff',
        slug: 'sekoiaio_alert_updated',
        name: 'Alert Updated',
        description: 'An existing alert was updated',
        docker_parameters: 'alert_updated_trigger',
        handles: ['alert:updated'],
      },
      options,
    ),
    createAlertTrigger(
      {
        uuid: '26df593b-6513-45bb-83e5-7b09effa34dc',
        slug: 'sekoiaio_alert_status_changed',
        name: 'Alert Status Changed',
        description: 'The status of an existing alert was changed',
        docker_parameters: 'alert_status_changed_trigger',
        handles: ['alert:updated'],
        accepts: (notification) => {
          const updated = notification.attributes['updated'];
          return typeof updated === 'object' && updated !== null && Boolean((updated as Record<string, unknown>)['status']);
        },
      },
      options,
    ),
    createAlertTrigger(
      {
        uuid: '5bd0d367-3332-48ed-8fe9-d4eda0d7de4a',
        slug: 'sekoiaio_alert_comment_created',
        name: 'Alert Comment Created',
        description: 'A comment was added to an existing Alert',
        docker_parameters: 'alert_comment_created_trigger',
        handles: ['alert-comment:created'],
        withComment: true,
      },
      options,
    ),
  ];
}
