import { API_ROLES, PlyStore, type ApiRole } from '@ply/runtime';
import { PlyError, settingsFromEnvironment } from '@ply/core';
import { printJson, type Output } from '../output.js';

/** The store `ply serve` uses: `PLY_DATABASE_URL` (a cluster's PostgreSQL) when set, else `$PLY_HOME/ply.db`. */
function openStore(): Promise<PlyStore> {
  const databaseUrl = process.env['PLY_DATABASE_URL'];
  return PlyStore.open({ home: settingsFromEnvironment().home, ...(databaseUrl ? { databaseUrl } : {}) });
}

/** `ply token create <name> --role <role>`: prints the new API token on its last line (only its hash is stored). */
export async function tokenCreateCommand(output: Output, name: string, options: { role?: string }): Promise<void> {
  const role = (options.role ?? 'viewer') as ApiRole;
  if (!API_ROLES.includes(role)) throw new PlyError('PLY_INVALID_INPUT', `--role must be one of ${API_ROLES.join(', ')} (got "${options.role}")`);
  const store = await openStore();
  try {
    const { token, record } = await store.tokens.create(name, role);
    if (output.json) return printJson(output, { ...record, token });
    output.out(`API token "${name}" with role ${role} (shown once; send it as "Authorization: Bearer <token>"):`);
    output.out(token);
  } finally {
    await store.close();
  }
}

/** `ply token list`: names, roles and last use; never the tokens. */
export async function tokenListCommand(output: Output): Promise<void> {
  const store = await openStore();
  try {
    const tokens = await store.tokens.list();
    if (output.json) return printJson(output, tokens);
    if (tokens.length === 0) return output.out('no API tokens (create one with `ply token create <name> --role admin`)');
    for (const token of tokens) {
      output.out(`${token.name}\t${token.role}\tcreated ${new Date(token.createdAt).toISOString()}\t${token.lastUsedAt ? `last used ${new Date(token.lastUsedAt).toISOString()}` : 'never used'}`);
    }
  } finally {
    await store.close();
  }
}

/** `ply token revoke <name>`. */
export async function tokenRevokeCommand(output: Output, name: string): Promise<void> {
  const store = await openStore();
  try {
    if (!(await store.tokens.revoke(name))) throw new PlyError('PLY_INVALID_INPUT', `no API token named "${name}"`);
    if (output.json) return printJson(output, { revoked: name });
    output.out(`revoked API token "${name}"`);
  } finally {
    await store.close();
  }
}
