import { createSekoiaIoPlugin } from './plugin.js';

export { createSekoiaIoPlugin, type SekoiaIoPluginOptions } from './plugin.js';
export { STATUS_ACTION_UUIDS } from './alerts/alert-status.js';
export { REFERENCE_LIVEAPI_OPTIONS, type LiveApiOptions } from './liveapi/liveapi-options.js';

/** The Sekoia.io plugin with the reference's waits and bounds. */
export default createSekoiaIoPlugin();
