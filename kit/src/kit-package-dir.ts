import { packageDirOf } from '@ply/core';

/** The kit's package folder: its templates, its package.json, its built bundle. */
export const KIT_PACKAGE_DIR = packageDirOf(import.meta.url, '@ply/kit');
