import { configToObservablesAction } from './config-to-observables.action.js';
import { getNewConfigsTrigger } from './get-new-configs.trigger.js';
import { mwdb } from './module.js';

export default mwdb.plugin({ actions: [configToObservablesAction], triggers: [getNewConfigsTrigger] });
