import { createSekoiaIoPlugin } from './plugin.js';

export { createSekoiaIoPlugin, type SekoiaIoPluginOptions } from './plugin.js';
export { STATUS_ACTION_UUIDS } from './alert-status.js';

/** The Sekoia.io plugin with the reference's waits and bounds. */
export default createSekoiaIoPlugin();
