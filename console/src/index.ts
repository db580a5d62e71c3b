export { createConsoleApp, type ConsoleDeps, type ConsoleOptions } from './console-app.js';
export { CONSOLE_PATHS, mountConsoleLazily } from './lazy-console.js';
export { ModuleAdmin, type UpgradePreview } from './module-admin.js';
