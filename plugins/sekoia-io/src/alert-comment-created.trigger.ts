import { createAlertTrigger } from './alert-trigger.js';
import type { LiveApiOptions } from './liveapi-client.js';

/** Alert Comment Created: `alert-comment` / `created` notifications, enriched with the alert and the comment. */
export const createAlertCommentCreatedTrigger = (options?: LiveApiOptions) =>
  createAlertTrigger(
    {
      uuid: '5bd0d367-3332-48ed-8fe9-d4eda0d7de4a',
      slug: 'sekoiaio_alert_comment_created',
      name: 'Alert Comment Created',
      description: 'A comment was added to an existing Alert',
      handles: { type: 'alert-comment', action: 'created' },
      withComment: true,
    },
    options,
  );
