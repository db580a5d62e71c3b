export { createConsoleApp, type ConsoleDeps, type ConsoleOptions } from './console-app.js';
export { CONSOLE_PATHS, mountConsoleLazily } from './lazy-console.js';
