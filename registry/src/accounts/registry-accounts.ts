import { AccountFile } from './account-file.js';
import { RegistryOrgs } from './registry-orgs.js';
import { RegistryTokens } from './registry-tokens.js';
import { RegistryUsers } from './registry-users.js';

/**
 * Users, organisations and tokens of a registry, in `<storage>/accounts.json`: what the server
 * authenticates with and what the `ply registry user|org|token` commands change.
 */
export class RegistryAccounts {
  readonly users: RegistryUsers;
  readonly orgs: RegistryOrgs;
  readonly tokens: RegistryTokens;

  constructor(storage: string) {
    const file = new AccountFile(storage);
    this.users = new RegistryUsers(file);
    this.orgs = new RegistryOrgs(file);
    this.tokens = new RegistryTokens(file);
  }
}
