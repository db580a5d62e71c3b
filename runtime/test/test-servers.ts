import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { PlyStore, type PlyStoreOptions } from '../src/store/ply-store.js';

/** The store back-ends every store test runs against. */
export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

const HOW = 'start them with `eval "$(bash scripts/test-services.sh)"` (the README\'s test command and .ci/run do)';

/** The test PostgreSQL server's URL (`PLY_TEST_DATABASE_URL`); fails clearly when it is not set. */
export function testDatabaseUrl(): string {
  const url = process.env['PLY_TEST_DATABASE_URL'];
  if (!url) throw new Error(`PLY_TEST_DATABASE_URL is not set: these tests need the test PostgreSQL server; ${HOW}`);
  return url;
}

/** The test Redis server's URL (`PLY_TEST_REDIS_URL`); fails clearly when it is not set. */
export function testRedisUrl(): string {
  const url = process.env['PLY_TEST_REDIS_URL'];
  if (!url) throw new Error(`PLY_TEST_REDIS_URL is not set: these tests need the test Redis server; ${HOW}`);
  return url;
}

/**
 * A database of its own on the test PostgreSQL server, for one test: a fresh schema, selected by
 * the URL's `search_path`, so tests running at once never see each other's rows.
 */
export async function freshDatabaseUrl(): Promise<string> {
  const base = testDatabaseUrl();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`the test PostgreSQL server at ${base} does not answer (${(error as Error).message}); ${HOW}`, { cause: error });
  }
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** A Redis connection to the test server; fails clearly when it does not answer. */
export async function testRedis(): Promise<Redis> {
  const url = testRedisUrl();
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`the test Redis server at ${url} does not answer (${(error as Error).message}); ${HOW}`, { cause: error });
  }
  return redis;
}

export function tempHome(prefix = 'ply-store-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Opens a store on `backend`: a SQLite file in `home`, or a fresh PostgreSQL schema. */
export async function openStoreOn(backend: Backend, options: Partial<PlyStoreOptions> & { home?: string } = {}): Promise<PlyStore> {
  const home = options.home ?? tempHome();
  return PlyStore.open({ secretKey: Buffer.alloc(32, 3), ...options, home, ...(backend === 'postgres' ? { databaseUrl: options.databaseUrl ?? (await freshDatabaseUrl()) } : {}) });
}
