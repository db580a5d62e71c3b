import 'reflect-metadata';

export * from './errors/error-catalogue.js';
export * from './errors/ply-error.js';
export * from './contracts/action.js';
export * from './contracts/trigger.js';
export * from './contracts/connector.js';
export * from './contracts/plugin.js';
export type * from './contracts/context.js';
export type * from './contracts/logger.js';
export type * from './contracts/http.js';
export type * from './contracts/file-store.js';
export type * from './contracts/checkpoint.js';
export type * from './contracts/manifest.js';
export type * from './contracts/item-metadata.js';
export { PLY_CORE_VERSION } from './version.js';
