import { PlyError } from '@ply/core/errors';
import type { TokenRecord } from './accounts/account-file.js';
import { scopeOf } from './accounts/account-names.js';
import type { RegistryAccounts } from './accounts/registry-accounts.js';
import type { Maintainer, StoredPackument } from './registry-storage.js';

/** Who sent a request: the user of its Bearer token, and the token's grant. */
export interface Caller {
  user: string;
  token: TokenRecord;
}

/** Who may publish into a scope: the user of that name, or the members of the organisation of that name. */
type ScopeHolder = { kind: 'user'; name: string } | { kind: 'organisation'; name: string; members: string[] };

/**
 * Who may write what, as npm's registry decides it: a package belongs to its owners (the first
 * publisher, then whoever the owners add); `@x/*` belongs to user x or to the members of
 * organisation x; a token writes only with the publish role, and only within its restriction.
 * Reads stay public.
 */
export class AccessPolicy {
  constructor(private readonly accounts: RegistryAccounts) {}

  /** The caller of a request, from `Authorization: Bearer <token>`. */
  caller(authorization: string | undefined): Caller {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const record = token ? this.accounts.tokens.identify(token) : undefined;
    if (!record) {
      throw new PlyError(
        'PLY_REGISTRY_UNAUTHENTICATED',
        token ? 'this token is not valid for this registry (unknown or revoked)' : 'authentication required: log in with `npm login`, or pass a token from `ply registry token create` as a Bearer token',
      );
    }
    return { user: record.user, token: record };
  }

  /**
   * Refuses a write to `name` (publish, dist-tag, owner change): a read-only or restricted token,
   * a scope of someone else, a package the caller does not own. `packument` is the package as it
   * is now, undefined for a first publish.
   */
  checkPackageWrite(caller: Caller, name: string, packument: StoredPackument | undefined): void {
    const { token } = caller;
    if (token.role !== 'publish') throw new PlyError('PLY_REGISTRY_TOKEN_READ_ONLY', `this token of ${caller.user} is read-only: writes need a token made with \`ply registry token create --user ${caller.user} --role publish\` (or \`npm login\`)`);
    const outside = (token.package !== undefined && token.package !== name) || (token.scope !== undefined && !name.startsWith(`${token.scope}/`));
    if (outside) throw new PlyError('PLY_REGISTRY_TOKEN_RESTRICTED', `this token may only write to ${token.package ?? `${token.scope}/*`}, not to ${name}`);
    this.checkScope(caller.user, name);
    if (packument && !packument.maintainers.some((owner) => owner.name === caller.user)) {
      const owners = packument.maintainers.map((owner) => owner.name).join(', ') || 'none';
      throw new PlyError('PLY_REGISTRY_NOT_OWNER', `${caller.user} is not an owner of ${name} (owners: ${owners}): an owner can add you with \`npm owner add ${caller.user} ${name}\``);
    }
  }

  /** True when `user` owns `packument` (and could publish it: the scope admits them). */
  owns(user: string, packument: StoredPackument): boolean {
    return packument.maintainers.some((owner) => owner.name === user) && this.scopeRefusal(user, packument.name) === undefined;
  }

  /** The owners a change asks for, as stored (with each user's email); refused when one cannot own `name`. */
  maintainersFor(name: string, names: string[]): Maintainer[] {
    const unique = [...new Set(names)];
    if (unique.length === 0) throw new PlyError('PLY_REGISTRY_OWNERS_INVALID', `${name} must keep at least one owner`);
    return unique.map((owner) => {
      const user = this.accounts.users.get(owner);
      if (!user) throw new PlyError('PLY_REGISTRY_OWNERS_INVALID', `no user ${owner} on this registry: only registry users can own ${name}`);
      const refusal = this.scopeRefusal(owner, name);
      if (refusal) throw new PlyError('PLY_REGISTRY_OWNERS_INVALID', `${owner} cannot own ${name}: ${refusal}`);
      return { name: owner, ...(user.email ? { email: user.email } : {}) };
    });
  }

  /** The caller as a maintainer entry (a first publisher becomes the package's owner). */
  maintainerOf(user: string): Maintainer {
    const email = this.accounts.users.get(user)?.email;
    return { name: user, ...(email ? { email } : {}) };
  }

  private checkScope(user: string, name: string): void {
    const refusal = this.scopeRefusal(user, name);
    if (refusal) throw new PlyError('PLY_REGISTRY_SCOPE_FORBIDDEN', `${user} cannot publish ${name}: ${refusal}`);
  }

  /** Why `user` may not publish into the scope of `name`, or undefined when they may (or `name` is unscoped). */
  private scopeRefusal(user: string, name: string): string | undefined {
    const scope = scopeOf(name);
    if (scope === undefined) return undefined;
    const holder = this.holderOf(scope);
    if (!holder) return `the scope @${scope} belongs to no user or organisation on this registry (an admin creates it with \`ply registry org create ${scope} --member ${user}\`)`;
    if (holder.kind === 'user') return holder.name === user ? undefined : `the scope @${scope} belongs to the user ${holder.name}`;
    return holder.members.includes(user) ? undefined : `the scope @${scope} belongs to the organisation ${scope}, and ${user} is not a member (an admin adds members with \`ply registry org add ${scope} ${user}\`)`;
  }

  private holderOf(scope: string): ScopeHolder | undefined {
    if (this.accounts.users.get(scope)) return { kind: 'user', name: scope };
    const org = this.accounts.orgs.get(scope);
    return org ? { kind: 'organisation', name: org.name, members: org.members } : undefined;
  }
}
