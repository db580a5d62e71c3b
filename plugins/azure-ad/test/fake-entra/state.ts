// Part of the fake Entra ID tenant; its shapes follow Microsoft Graph v1.0's published resources:
// https://learn.microsoft.com/en-us/graph/api/resources/user and https://learn.microsoft.com/en-us/graph/api/resources/signin
import { randomUUID } from 'node:crypto';

export type Json = Record<string, unknown>;

/** The directory a fake tenant holds, and what the fakes received. */
export class FakeTenantState {
  readonly users = new Map<string, Json>();
  readonly applications = new Map<string, Json>();
  readonly directoryAudits: Json[] = [];
  readonly signIns: Json[] = [];
  /** Registration details (`userRegistrationDetails`), by user id. */
  readonly registrations = new Map<string, Json>();
  /** Authentication methods, by user id (`@odata.type` and `id`). */
  readonly methods = new Map<string, Json[]>();
  /** Groups and directory roles each user is a member of, by user id. */
  readonly memberOf = new Map<string, Json[]>();
  /** `users/{id}` with a reset request accepted by `resetPassword`. */
  readonly passwordResets: Array<{ user: string; method: string; newPassword: string; delegatedUser: string }> = [];
  readonly requests: Array<{ method: string; path: string; query: URLSearchParams; headers: Record<string, string>; body: string }> = [];
  /** Access tokens issued: what each grants (application roles, or a delegated user and scopes). */
  readonly tokens = new Map<string, { kind: 'app'; roles: Set<string> } | { kind: 'delegated'; user: string; scopes: Set<string> }>();
  tokensIssued = 0;
  /** One-shot misbehaviours: an HTML page instead of JSON, a dropped connection, a token endpoint quoting what it got. */
  readonly switches = { malformedNext: false, dropNext: false, echoSecretNext: false };
  /** Items per page of every collection (Graph's own page sizes are larger; small pages make paging visible). */
  pageSize = 2;

  addUser(fields: Json): Json {
    const user: Json = { id: randomUUID(), accountEnabled: true, createdDateTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), ...fields };
    this.users.set(String(user['id']), user);
    return user;
  }

  /** A user by id, or by principal name (case-insensitive), as `/users/{id | userPrincipalName}` finds it. */
  findUser(key: string): Json | undefined {
    const byId = this.users.get(key);
    if (byId) return byId;
    const lower = key.toLowerCase();
    return [...this.users.values()].find((user) => String(user['userPrincipalName'] ?? '').toLowerCase() === lower);
  }
}
