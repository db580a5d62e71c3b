import type { ModuleCatalog } from '../catalog/module-catalog.js';
import type { ActionExecutor } from '../executor/action-executor.js';
import type { PinoLogger } from '../logging/pino-logger.js';
import type { AccountRepository } from '../store/account-repository.js';
import type { TemplateEngine } from '../templating/template-engine.js';
import type { RecordMasks } from './record-masks.js';

/** The services nodes use, shared by every run of an engine. */
export interface NodeServices {
  executor: ActionExecutor;
  templates: TemplateEngine;
  catalog: ModuleCatalog;
  accounts: AccountRepository;
  masks: RecordMasks;
  logger: PinoLogger;
  /** `$PLY_HOME/executions`: each execution's data folder (`<id>/files`) lives here. */
  executionsDir: string;
}
