import { PlaybookEngine } from '../playbooks/playbook-engine.js';
import { Ply, type PlySettings } from '@ply/core';
import { PlyStore } from '../store/ply-store.js';

/**
 * Everything `ply serve` (API, webhooks, supervisor, web console) works on: one Ply kernel with
 * the workspace's and `$PLY_HOME`'s modules, the SQLite store and the playbook engine.
 */
export interface Runtime {
  ply: Ply;
  store: PlyStore;
  engine: PlaybookEngine;
  /** Modules that failed to load, for the console and `GET /api/v1/modules`. */
  loadErrors: Array<{ dir: string; code: string; message: string }>;
  close(graceMs?: number): Promise<void>;
}

export interface RuntimeOptions {
  settings?: Partial<PlySettings>;
  /** Also load the plugins of this checkout (`<root>/plugins/*`); absent: installed modules only. */
  workspaceRoot?: string;
}

/** Opens the runtime; executions left running by a crash are marked interrupted at once. */
export function openRuntime(options: RuntimeOptions = {}): Runtime {
  const ply = new Ply(options.settings ? { settings: options.settings } : {});
  const report = ply.discover(options.workspaceRoot);
  const store = PlyStore.open({ home: ply.settings.home });
  store.executions.markInterrupted();
  const engine = new PlaybookEngine({ ply, store });
  return {
    ply,
    store,
    engine,
    loadErrors: report.errors.map(({ dir, error }) => ({ dir, code: error.code, message: error.message })),
    async close(graceMs = 10_000) {
      await engine.shutdown(graceMs);
      store.close();
    },
  };
}
