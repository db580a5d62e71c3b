import { PlyError } from '@ply/core/errors';
import type { AccountFile, AccountsDocument, OrgRecord } from './account-file.js';
import { checkAccountName } from './account-names.js';

function orgIn(document: AccountsDocument, name: string): OrgRecord {
  if (!Object.hasOwn(document.orgs, name)) throw new PlyError('PLY_REGISTRY_ORG_NOT_FOUND', `no organisation ${name} on this registry (create it with \`ply registry org create ${name}\`)`);
  return document.orgs[name]!;
}

function checkUser(document: AccountsDocument, user: string): void {
  if (!Object.hasOwn(document.users, user)) throw new PlyError('PLY_REGISTRY_USER_NOT_FOUND', `no user ${user} on this registry (create it with \`ply registry user add ${user}\`)`);
}

/** Organisations: each owns the scope of its name, and only its members publish into it. */
export class RegistryOrgs {
  constructor(private readonly file: AccountFile) {}

  get(name: string): OrgRecord | undefined {
    const orgs = this.file.read().orgs;
    return Object.hasOwn(orgs, name) ? orgs[name] : undefined;
  }

  list(): OrgRecord[] {
    return Object.values(this.file.read().orgs).sort((a, b) => a.name.localeCompare(b.name));
  }

  create(name: string, members: string[] = []): OrgRecord {
    checkAccountName(name, 'organisation');
    return this.file.update((document) => {
      if (Object.hasOwn(document.orgs, name)) throw new PlyError('PLY_REGISTRY_NAME_TAKEN', `organisation ${name} exists`);
      if (Object.hasOwn(document.users, name)) throw new PlyError('PLY_REGISTRY_NAME_TAKEN', `${name} is a user: users and organisations share names, as each owns the scope @${name}`);
      for (const member of members) checkUser(document, member);
      const org = { name, members: [...new Set(members)].sort(), createdAt: new Date().toISOString() };
      document.orgs[name] = org;
      return org;
    });
  }

  addMember(name: string, user: string): OrgRecord {
    return this.file.update((document) => {
      const org = orgIn(document, name);
      checkUser(document, user);
      if (!org.members.includes(user)) org.members = [...org.members, user].sort();
      return org;
    });
  }

  /** Removes a member; the packages of the scope stay owned by their owners, who can no longer publish them unless they are members. */
  removeMember(name: string, user: string): OrgRecord {
    return this.file.update((document) => {
      const org = orgIn(document, name);
      if (!org.members.includes(user)) throw new PlyError('PLY_REGISTRY_USER_NOT_FOUND', `${user} is not a member of ${name}`);
      org.members = org.members.filter((member) => member !== user);
      return org;
    });
  }
}
