import type { Redis } from 'ioredis';
import { STORE_TOPICS, type StoreChanges, type StoreTopic } from '../store/store-changes.js';

/**
 * Carries the store's changes between the processes of a cluster over Redis pub/sub: a write
 * in one process (an account, a playbook, a connector instance, an install) empties the caches
 * of that topic in every other, within the message's trip. A message lost while a process is
 * disconnected is made up for by a full invalidation when it reconnects.
 */
export class ChangeBus {
  private readonly unpublish: () => void;

  private constructor(
    private readonly publisher: Redis,
    subscriber: Redis,
    private readonly channel: string,
    private readonly origin: string,
    changes: StoreChanges,
  ) {
    this.unpublish = changes.publishTo((topic) => {
      void this.publisher.publish(this.channel, JSON.stringify({ topic, origin: this.origin })).catch(() => {});
    });
    subscriber.on('message', (_channel: string, text: string) => {
      let message: { topic?: unknown; origin?: unknown };
      try {
        message = JSON.parse(text) as typeof message;
      } catch {
        return;
      }
      if (message.origin === this.origin || !STORE_TOPICS.includes(message.topic as StoreTopic)) return;
      changes.received(message.topic as StoreTopic);
    });
    // Back from a disconnection: messages may have been missed, so every cache reads again.
    subscriber.on('ready', () => {
      for (const topic of STORE_TOPICS) changes.received(topic);
    });
  }

  /** Subscribes (`subscriber` becomes a subscriber connection) and starts publishing `changes`. */
  static async connect(publisher: Redis, subscriber: Redis, channel: string, origin: string, changes: StoreChanges): Promise<ChangeBus> {
    const bus = new ChangeBus(publisher, subscriber, channel, origin, changes);
    await subscriber.subscribe(channel);
    return bus;
  }

  close(): void {
    this.unpublish();
  }
}
