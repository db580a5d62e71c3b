import { createHash, randomBytes } from 'node:crypto';
import { PlyError } from '@ply/core/errors';
import { isPackageName } from '@ply/installer/package-format';
import type { AccountFile, AccountsDocument, TokenRecord, TokenRole } from './account-file.js';
import { parseScope } from './account-names.js';

/** What a new token may do. */
export interface TokenGrant {
  user: string;
  role: TokenRole;
  /** Restricts writes to this package... */
  package?: string;
  /** ...or to this scope (`@acme` or `acme`). */
  scope?: string;
  createdBy: TokenRecord['createdBy'];
}

/** A token as listed: everything but its hash. */
export type TokenSummary = Omit<TokenRecord, 'hash'>;

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function summaryOf({ hash: _hash, ...summary }: TokenRecord): TokenSummary {
  return summary;
}

/**
 * Tokens of users, stored as SHA-256 hashes (a token is 256 random bits, so a plain hash is as
 * good as a slow one), each with a role and an optional package or scope restriction.
 */
export class RegistryTokens {
  private indexed: { document: AccountsDocument; byHash: Map<string, TokenRecord> } | undefined;

  constructor(private readonly file: AccountFile) {}

  /** Creates a token and returns it with its record: the token is shown once, only its hash is kept. */
  create(grant: TokenGrant): { token: string; record: TokenSummary } {
    if (grant.role !== 'read' && grant.role !== 'publish') throw new PlyError('PLY_INVALID_INPUT', `a token's role is read or publish, not "${String(grant.role)}"`);
    if (grant.package !== undefined && grant.scope !== undefined) throw new PlyError('PLY_INVALID_INPUT', 'restrict a token to one package or to one scope, not both');
    if (grant.package !== undefined && !isPackageName(grant.package)) throw new PlyError('PLY_REGISTRY_NAME_INVALID', `"${grant.package}" is not a package name`);
    const scope = grant.scope === undefined ? undefined : `@${parseScope(grant.scope)}`;
    const token = `ply_${randomBytes(32).toString('base64url')}`;
    const hash = hashOf(token);
    const record: TokenRecord = {
      id: hash.slice(0, 12),
      hash,
      user: grant.user,
      role: grant.role,
      ...(grant.package ? { package: grant.package } : {}),
      ...(scope ? { scope } : {}),
      createdAt: new Date().toISOString(),
      createdBy: grant.createdBy,
    };
    this.file.update((document) => {
      if (!Object.hasOwn(document.users, grant.user)) throw new PlyError('PLY_REGISTRY_USER_NOT_FOUND', `no user ${grant.user} on this registry (create it with \`ply registry user add ${grant.user}\`)`);
      document.tokens.push(record);
    });
    return { token, record: summaryOf(record) };
  }

  /** The record of a valid token, or undefined (unknown or revoked). */
  identify(token: string): TokenRecord | undefined {
    const document = this.file.read();
    if (this.indexed?.document !== document) this.indexed = { document, byHash: new Map(document.tokens.map((record) => [record.hash, record])) };
    return this.indexed.byHash.get(hashOf(token));
  }

  list(user?: string): TokenSummary[] {
    return this.file
      .read()
      .tokens.filter((record) => user === undefined || record.user === user)
      .map(summaryOf);
  }

  /** Revokes the token with this id; a revoked token is refused from the next request on. */
  revoke(id: string): TokenSummary {
    return this.file.update((document) => {
      const record = document.tokens.find((entry) => entry.id === id);
      if (!record) throw new PlyError('PLY_REGISTRY_TOKEN_NOT_FOUND', `no token with id ${id} (\`ply registry token list\` shows the ids)`);
      document.tokens = document.tokens.filter((entry) => entry !== record);
      return summaryOf(record);
    });
  }

  /** Revokes a token given the token itself (`npm logout`). */
  revokeToken(token: string): TokenSummary | undefined {
    const hash = hashOf(token);
    return this.file.update((document) => {
      const record = document.tokens.find((entry) => entry.hash === hash);
      document.tokens = document.tokens.filter((entry) => entry !== record);
      return record && summaryOf(record);
    });
  }
}
