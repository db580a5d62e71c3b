// `@ply/runtime/serve`: what `ply serve` loads, not the package entry. The CLI's bundle imports
// an entry whole (every export, and what each pulls in), so loading `@ply/runtime` at start
// evaluated what the embedded mode never uses before its first webhook: the OpenAPI route
// table, key rotation, module sync (each still loads on first use from there).
import './runtime-errors.js';

export { startRuntimeServer, type RuntimeServerOptions, type RunningRuntimeServer } from './server/runtime-server.js';
export { lockHome } from './server/home-lock.js';
export { clusterSettings, type ClusterSettings } from './cluster/cluster-settings.js';
export { DEMO_PLAYBOOK_ID } from './server/first-start.js';
