import type { FeedOptions } from './feed-options.js';
import { createFeedTrigger } from './feed-trigger.js';

/** The reference's two feed triggers: every object of a feed, or its valid indicators only. */
export function createFeedTriggers(options?: FeedOptions) {
  return [
    createFeedTrigger(
      {
        uuid: 'ac6100ed-3fb7-4355-83ac-049c14aa44fd',
        slug: 'sekoiaio_feed_consumption',
        name: 'Feed Consumption',
        description: 'Get all non-revoked objects from Sekoia.io Intelligence feed',
        docker_parameters: 'feed_consumption_trigger',
        // The first pass skips revoked objects; later passes bring revocations too.
        query: (firstRun) => ({ include_revoked: String(!firstRun), skip_expired: 'true' }),
      },
      options,
    ),
    createFeedTrigger(
      {
        uuid: '9859df5d-a743-41e9-ad6c-cca078b3e054',
        slug: 'sekoiaio_feed_ioc_consumption',
        name: 'Feed IOC Consumption',
        description: 'Get all valid IOCs from Sekoia.io Intelligence feed',
        docker_parameters: 'feed_ioc_consumption_trigger',
        query: () => ({ include_revoked: 'false', skip_expired: 'true', 'match[type]': 'indicator' }),
      },
      options,
    ),
  ];
}
