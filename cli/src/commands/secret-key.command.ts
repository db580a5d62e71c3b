import { resolve } from 'node:path';
import { settingsFromEnvironment } from '@ply/core';
import { rotateSecretKey } from '@ply/runtime';
import { printJson, type Output } from '../output.js';

/** `ply secret-key rotate --new-key-file <file> [--new-webhook-tokens]`: seals the whole store again under a new key. */
export async function secretKeyRotateCommand(output: Output, options: { newKeyFile: string; newWebhookTokens?: boolean }): Promise<void> {
  const databaseUrl = process.env['PLY_DATABASE_URL'];
  const newKeyFile = resolve(options.newKeyFile);
  const newWebhookTokens = options.newWebhookTokens ?? false;
  const result = await rotateSecretKey({ home: settingsFromEnvironment().home, newKeyFile, newWebhookTokens, ...(databaseUrl ? { databaseUrl } : {}) });
  if (output.json) return printJson(output, { ...result, newKeyFile });
  const { counts } = result;
  output.out(`sealed again under the new key: ${counts.accounts} account(s), ${counts.connectors} connector instance(s), ${counts.executions} execution(s), ${counts.nodes} node record(s), ${counts.checkpoints} checkpoint(s), ${counts.files} value file(s)`);
  output.out(result.replacedHomeKey ? 'the home\'s secret.key now holds the new key' : `point PLY_SECRET_KEY_FILE at ${newKeyFile} (or PLY_SECRET_KEY at its content) before starting ply serve`);
  output.out(newWebhookTokens ? 'every webhook token changed: give webhook senders their new tokens (shown by the API and the console)' : 'webhook tokens are unchanged');
}
