import { toPlyError } from '@ply/core';
import type { Runtime } from './runtime.js';

/**
 * What a credentials check of an account found: `accepted` (the vendor answered the module's
 * validation request), `refused` (with the reason, secrets masked), or `no-check` (the module
 * declares no validation request).
 */
export interface AccountCheckResult {
  account: { id: string; module: string; name: string };
  result: 'accepted' | 'refused' | 'no-check';
  error?: { code: string; message: string };
  durationMs: number;
}

/**
 * Runs the module's credentials check with an account's stored configuration (secrets
 * decrypted only for the call). One function for the API route and the console button.
 *
 * @throws PlyError PLY_ACCOUNT_NOT_FOUND (or PLY_MODULE_NOT_FOUND for an account of a removed module).
 */
export async function checkAccount(runtime: Runtime, id: string): Promise<AccountCheckResult> {
  const view = await runtime.store.accounts.get(id);
  const account = { id: view.id, module: view.module, name: view.name };
  runtime.ply.catalog.module(view.module);
  const { configuration } = await runtime.store.accounts.configurationForRun(view.module, view.name);
  const started = Date.now();
  try {
    await runtime.ply.checkCredentials({ module: view.module, configuration });
    return { account, result: 'accepted', durationMs: Date.now() - started };
  } catch (error) {
    const failure = toPlyError(error);
    const result = failure.code === 'PLY_NO_IMPLEMENTATION' ? 'no-check' : 'refused';
    return { account, result, error: { code: failure.code, message: failure.message }, durationMs: Date.now() - started };
  }
}
