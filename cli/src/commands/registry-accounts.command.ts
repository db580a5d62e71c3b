import { PlyError } from '@ply/core/errors';
import type { RegistryAccounts, TokenRole, TokenSummary } from '@ply/registry';
import { printJson, type Output } from '../output.js';
import { readNewPassword } from '../password-input.js';
import { registryStorageOf } from './registry.command.js';

interface StorageOption {
  storage?: string;
}

/** The accounts of the registry at `--storage`: the files the running registry re-reads, so these work while it runs. */
async function openAccounts(options: StorageOption): Promise<RegistryAccounts> {
  const { RegistryAccounts } = await import('@ply/registry');
  return new RegistryAccounts(registryStorageOf(options.storage));
}

/** `ply registry user add <name>`: the password is asked on the terminal or read with `--password-stdin`. */
export async function registryUserAddCommand(output: Output, name: string, options: StorageOption & { email?: string; passwordStdin?: boolean }): Promise<void> {
  const accounts = await openAccounts(options);
  const password = await readNewPassword(options);
  const user = await accounts.users.add(name, password, options.email);
  if (output.json) return printJson(output, user);
  output.out(`user ${name} created: \`npm login\` with this password gives a publish token; \`ply registry token create --user ${name}\` makes one here`);
}

/** `ply registry user passwd <name>`: sets a new password (also for a user migrated from an old token). */
export async function registryUserPasswdCommand(output: Output, name: string, options: StorageOption & { passwordStdin?: boolean }): Promise<void> {
  const accounts = await openAccounts(options);
  if (!accounts.users.get(name)) throw new PlyError('PLY_REGISTRY_USER_NOT_FOUND', `no user ${name} on this registry`);
  await accounts.users.setPassword(name, await readNewPassword(options));
  if (output.json) return printJson(output, { user: name, password: 'changed' });
  output.out(`password of ${name} changed (existing tokens stay valid: revoke them with \`ply registry token revoke\`)`);
}

export async function registryUserListCommand(output: Output, options: StorageOption): Promise<void> {
  const users = (await openAccounts(options)).users.list();
  if (output.json) return printJson(output, { users });
  if (users.length === 0) return output.out('no users (create one with `ply registry user add <name>`)');
  for (const user of users) output.out(`${user.name}\t${user.email ?? '-'}\t${user.canLogIn ? 'password set' : 'no password (ply registry user passwd)'}\tcreated ${user.createdAt}`);
}

/** `ply registry org create <name> [--member <user>...]`: the organisation owns the scope `@<name>`. */
export async function registryOrgCreateCommand(output: Output, name: string, options: StorageOption & { member?: string[] }): Promise<void> {
  const org = (await openAccounts(options)).orgs.create(name, options.member ?? []);
  if (output.json) return printJson(output, org);
  output.out(`organisation ${name} created: members (${org.members.join(', ') || 'none yet'}) publish @${name}/*`);
}

export async function registryOrgMemberCommand(output: Output, change: 'add' | 'remove', org: string, user: string, options: StorageOption): Promise<void> {
  const accounts = await openAccounts(options);
  const updated = change === 'add' ? accounts.orgs.addMember(org, user) : accounts.orgs.removeMember(org, user);
  if (output.json) return printJson(output, updated);
  output.out(`${change === 'add' ? 'added' : 'removed'} ${user} ${change === 'add' ? 'to' : 'from'} ${org} (members: ${updated.members.join(', ') || 'none'})`);
}

export async function registryOrgListCommand(output: Output, options: StorageOption): Promise<void> {
  const orgs = (await openAccounts(options)).orgs.list();
  if (output.json) return printJson(output, { orgs });
  if (orgs.length === 0) return output.out('no organisations (create one with `ply registry org create <name> --member <user>`)');
  for (const org of orgs) output.out(`${org.name}\t@${org.name}/*\tmembers: ${org.members.join(', ') || 'none'}`);
}

function restrictionOf(token: TokenSummary): string {
  return token.package ?? (token.scope ? `${token.scope}/*` : 'any package');
}

/** `ply registry token create --user <name> [--role read|publish] [--package <name> | --scope @x]`: prints the token on its last line. */
export async function registryTokenCreateCommand(output: Output, options: StorageOption & { user?: string; role?: string; package?: string; scope?: string }): Promise<void> {
  if (!options.user) throw new PlyError('PLY_INVALID_INPUT', 'a token belongs to a user: pass --user <name> (create users with `ply registry user add <name>`)');
  const accounts = await openAccounts(options);
  const { token, record } = accounts.tokens.create({
    user: options.user,
    role: (options.role ?? 'read') as TokenRole,
    ...(options.package !== undefined ? { package: options.package } : {}),
    ...(options.scope !== undefined ? { scope: options.scope } : {}),
    createdBy: 'cli',
  });
  if (output.json) return printJson(output, { ...record, token });
  output.out(`${record.role} token ${record.id} for ${record.user} (${restrictionOf(record)}); shown once: use it as --token or //host/:_authToken in .npmrc`);
  output.out(token);
}

/** `ply registry token list [--user <name>]`: ids, users, roles, restrictions; never the tokens. */
export async function registryTokenListCommand(output: Output, options: StorageOption & { user?: string }): Promise<void> {
  const tokens = (await openAccounts(options)).tokens.list(options.user);
  if (output.json) return printJson(output, { tokens });
  if (tokens.length === 0) return output.out('no tokens (create one with `ply registry token create --user <name> --role publish`)');
  for (const token of tokens) output.out(`${token.id}\t${token.user}\t${token.role}\t${restrictionOf(token)}\tcreated ${token.createdAt} by ${token.createdBy}`);
}

/** `ply registry token revoke <id>`: refused from the registry's next request on. */
export async function registryTokenRevokeCommand(output: Output, id: string, options: StorageOption): Promise<void> {
  const revoked = (await openAccounts(options)).tokens.revoke(id);
  if (output.json) return printJson(output, { revoked });
  output.out(`revoked token ${revoked.id} of ${revoked.user}`);
}
