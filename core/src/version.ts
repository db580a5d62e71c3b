import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDirOf } from './package-dir.js';

export { packageDirOf } from './package-dir.js';

/** This core's package folder. */
export const CORE_PACKAGE_DIR: string = packageDirOf(import.meta.url, '@ply/core');

/** The running core's version, read from core's package.json. */
export const PLY_CORE_VERSION: string = (JSON.parse(readFileSync(join(CORE_PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
