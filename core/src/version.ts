import { readFileSync } from 'node:fs';

/** The running core's version, read from core's package.json (one level above src/ and dist/). */
export const PLY_CORE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
