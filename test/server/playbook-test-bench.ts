import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeServer, type FakeServer } from '@ply/kit/testing';
import type { Hono } from 'hono';
import { startServe, type ServeProcess } from './serve-process.js';

/** What a documented-playbook test starts (`ply serve`, fake vendors), stopped by `cleanup()` in `afterEach`. */
export class PlaybookTestBench {
  private readonly cleanups: Array<() => Promise<unknown> | unknown> = [];

  /** `ply serve` (the built CLI) on a fresh `$PLY_HOME`. */
  async serve(prefix: string): Promise<ServeProcess> {
    const served = await startServe(mkdtempSync(join(tmpdir(), prefix)));
    this.cleanups.push(async () => {
      if (served.child.exitCode === null && served.child.signalCode === null) served.child.kill('SIGKILL');
      await served.exited;
    });
    return served;
  }

  /** A fake vendor API on 127.0.0.1. */
  async fake(app: Hono): Promise<FakeServer> {
    const server = await startFakeServer(app.fetch);
    this.cleanups.push(() => server.close());
    return server;
  }

  async cleanup(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup();
  }
}
