// The manifest model on its own (`@ply/core/manifest`): what the registry and the installer need to
// read a module's JSON, without the executor, templating or DI.
export type * from '../contracts/manifest.js';
export { loadModuleFolder, type LoadModuleOptions } from './module-loader.js';
export { readJsonFile, toJsonPointer } from './json-file.js';
export { isPluginPackage, loadPluginPackage, readPluginPackage, type PluginPackageInfo } from '../catalog/plugin-package.js';
export { writeFileAtomic } from '../files/atomic-file.js';
