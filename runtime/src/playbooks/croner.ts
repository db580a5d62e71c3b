import type * as Croner from 'croner';
import { lazyRequire } from '../lazy-require.js';

/** croner, loaded when a schedule trigger is first validated or started. */
export const croner = lazyRequire<typeof Croner>('croner');
