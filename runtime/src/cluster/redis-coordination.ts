import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Coordination } from '../supervisor/coordination.js';

/** Extends a lease only if this process holds it (compare and set, atomically on the server). */
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
/** Deletes a lease only if this process holds it. */
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Leases and one-time claims on Redis: a lease is a key holding the holder's id with a TTL
 * (`SET NX PX`), renewed and released by Lua scripts that check the holder, the pattern of
 * Redis's documented single-instance lock.
 */
export class RedisCoordination implements Coordination {
  readonly processId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly redis: Redis,
    /** Prefix of every key (the queue's name): clusters sharing a Redis do not meet. */
    private readonly prefix: string,
  ) {}

  async acquire(name: string, ttlMs: number): Promise<boolean> {
    const key = this.key(name);
    if ((await this.redis.set(key, this.processId, 'PX', ttlMs, 'NX')) === 'OK') return true;
    // A restart of this process under the same id cannot happen (random part), so equal means ours.
    return (await this.redis.get(key)) === this.processId;
  }

  async renew(name: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, this.key(name), this.processId, String(ttlMs))) === 1;
  }

  async release(name: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(name), this.processId);
  }

  async holder(name: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(name))) ?? undefined;
  }

  async claimOnce(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}:claim:${key}`, this.processId, 'PX', ttlMs, 'NX')) === 'OK';
  }

  private key(name: string): string {
    return `${this.prefix}:lease:${name}`;
  }
}
