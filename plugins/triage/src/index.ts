import { triage } from './module.js';
import { triageConfigsTrigger, type TriageTriggerOptions } from './triage-configs.trigger.js';
import { triageToObservablesAction } from './triage-to-observables.action.js';

export type { TriageTriggerOptions as TriagePluginOptions } from './triage-configs.trigger.js';

/** The plugin with its trigger's options (tests shorten the wait between collections). */
export function createTriagePlugin(options: TriageTriggerOptions = {}) {
  return triage.plugin({ actions: [triageToObservablesAction], triggers: [triageConfigsTrigger(options)] });
}

export default createTriagePlugin();
