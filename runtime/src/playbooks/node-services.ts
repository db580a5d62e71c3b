import type { ModuleCatalog } from '@ply/core';
import type { ActionExecutor } from '@ply/core';
import type { PinoLogger } from '@ply/core';
import type { AccountRepository } from '../store/account-repository.js';
import type { TemplateEngine } from '@ply/core';
import type { OffloadedRenderer } from '../templating/offloaded-renderer.js';
import type { RecordMasks } from './record-masks.js';

/** The services nodes use, shared by every run of an engine. */
export interface NodeServices {
  executor: ActionExecutor;
  templates: TemplateEngine;
  /** Renders the run's templates, heavy ones in a worker thread (the server stays responsive). */
  renderer: OffloadedRenderer;
  catalog: ModuleCatalog;
  accounts: AccountRepository;
  masks: RecordMasks;
  logger: PinoLogger;
  /** `$PLY_HOME/executions`: each execution's data folder (`<id>/files`) lives here. */
  executionsDir: string;
}
