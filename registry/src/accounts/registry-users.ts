import { PlyError } from '@ply/core/errors';
import type { AccountFile, UserRecord } from './account-file.js';
import { checkAccountName } from './account-names.js';
import { hashPassword, verifyPassword } from './password-hash.js';

/** A user as listed: never the password hash. */
export interface UserSummary {
  name: string;
  email?: string;
  /** False for a user migrated from an old token: it publishes with its tokens but cannot `npm login` yet. */
  canLogIn: boolean;
  createdAt: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The registry's users (`ply registry user add`), with scrypt password hashes. */
export class RegistryUsers {
  constructor(private readonly file: AccountFile) {}

  get(name: string): UserRecord | undefined {
    const users = this.file.read().users;
    return Object.hasOwn(users, name) ? users[name] : undefined;
  }

  list(): UserSummary[] {
    return Object.values(this.file.read().users)
      .map((user) => ({ name: user.name, ...(user.email ? { email: user.email } : {}), canLogIn: Boolean(user.password), createdAt: user.createdAt }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async add(name: string, password: string, email?: string): Promise<UserSummary> {
    checkAccountName(name, 'user');
    if (email !== undefined && !EMAIL.test(email)) throw new PlyError('PLY_INVALID_INPUT', `"${email}" is not an email address`);
    const hash = await hashPassword(password);
    const user: UserRecord = { name, ...(email ? { email } : {}), password: hash, createdAt: new Date().toISOString() };
    this.file.update((document) => {
      if (Object.hasOwn(document.users, name)) throw new PlyError('PLY_REGISTRY_NAME_TAKEN', `user ${name} exists (change its password with \`ply registry user passwd ${name}\`)`);
      if (Object.hasOwn(document.orgs, name)) throw new PlyError('PLY_REGISTRY_NAME_TAKEN', `${name} is an organisation: users and organisations share names, as each owns the scope @${name}`);
      document.users[name] = user;
    });
    return { name, ...(email ? { email } : {}), canLogIn: true, createdAt: user.createdAt };
  }

  async setPassword(name: string, password: string): Promise<void> {
    const hash = await hashPassword(password);
    this.file.update((document) => {
      if (!Object.hasOwn(document.users, name)) throw new PlyError('PLY_REGISTRY_USER_NOT_FOUND', `no user ${name} on this registry`);
      document.users[name]!.password = hash;
    });
  }

  /** True for a user's real password; a token, an unknown user or a user without a password never log in. */
  verifyLogin(name: string, password: string): Promise<boolean> {
    return verifyPassword(password, this.get(name)?.password);
  }
}
