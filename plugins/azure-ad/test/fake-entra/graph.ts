import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { collectionPage, graphError, matches, ordered, parseFilter } from './odata.js';
import type { FakeTenantState, Json } from './state.js';

/** The well-known id of a user's password authentication method (https://learn.microsoft.com/en-us/graph/api/resources/passwordauthenticationmethod). */
export const PASSWORD_METHOD_ID = '28c10230-6103-485e-b985-444c60001490';
const USER_FIELDS = new Set(['accountEnabled', 'passwordProfile', 'displayName', 'department', 'jobTitle', 'mail', 'mobilePhone', 'city', 'country', 'companyName']);

type Grants = ReturnType<FakeTenantState['tokens']['get']>;

/** Graph's password rule: 8+ characters and three of lower case, upper case, digits and symbols. */
function complex(password: string): boolean {
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((kind) => kind.test(password)).length;
  return password.length >= 8 && password.length <= 256 && kinds >= 3;
}

/**
 * Routes of Microsoft Graph v1.0 (`/v1.0/...`), each after its page of the API reference
 * (https://learn.microsoft.com/en-us/graph/api/overview?view=graph-rest-1.0): user-get ($select),
 * user-list ($filter, $orderby and $count need `ConsistencyLevel: eventual`), user-update (204),
 * user-revokesigninsessions, signin-list, directoryaudit-list, userregistrationdetails list,
 * authentication methods, passwordMethods and resetPassword (delegated only, 202 with Location),
 * memberOf, transitiveMemberOf/microsoft.graph.directoryRole, application-delete. Each checks the
 * token's application permission (403 Authorization_RequestDenied otherwise).
 */
export function graphDispatcher(state: FakeTenantState) {
  return async (c: Context): Promise<Response> => {
    const token = (c.req.header('authorization') ?? '').replace(/^Bearer /, '');
    const grants: Grants = state.tokens.get(token);
    if (!grants) return graphError(c, 401, 'InvalidAuthenticationToken', token === '' ? 'Access token is empty.' : 'IDX14100: JWT is not well formed, there are no dots (.).');
    if (state.switches.dropNext) {
      state.switches.dropNext = false;
      (c.env as { incoming: IncomingMessage }).incoming.socket.destroy();
      return c.body(null, 500);
    }
    if (state.switches.malformedNext) {
      state.switches.malformedNext = false;
      return c.html('<html><body>Service Unavailable</body></html>');
    }
    const app = (...roles: string[]) => grants.kind === 'app' && roles.some((role) => grants.roles.has(role));
    const denied = () => graphError(c, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const rawPath = c.req.path.replace(/^\/v1\.0\//, '');
    const quoted = /^users\('((?:[^']|'')*)'\)(\/.*)?$/.exec(decodeURIComponent(rawPath));
    const segments = quoted ? ['users', quoted[1]!.replace(/''/g, "'"), ...(quoted[2] ?? '').split('/').filter(Boolean)] : rawPath.split('/').map(decodeURIComponent);
    const method = c.req.method;
    const query = (name: string) => c.req.query(name);

    const list = (items: Json[], context: string, advanced = false) => {
      const clauses = parseFilter(query('$filter'));
      if (clauses === 'invalid') return graphError(c, 400, 'BadRequest', `Invalid filter clause: ${query('$filter') ?? ''}`);
      if (advanced && (query('$orderby') || query('$count')) && c.req.header('consistencylevel') !== 'eventual') return graphError(c, 400, 'Request_UnsupportedQuery', 'Sorting not supported for current query.');
      const sorted = ordered(clauses ? items.filter((item) => matches(item, clauses)) : items, query('$orderby'));
      if (sorted === 'invalid') return graphError(c, 400, 'BadRequest', `Invalid $orderby: ${query('$orderby') ?? ''}`);
      return collectionPage(c, sorted, state.pageSize, context);
    };

    if (segments[0] === 'users' && segments.length === 1 && method === 'GET') {
      if (!app('User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All')) return denied();
      return list([...state.users.values()], 'users', true);
    }
    if (segments[0] === 'users' && segments.length >= 2) {
      const user = state.findUser(segments[1]!);
      if (!user) return graphError(c, 404, 'Request_ResourceNotFound', `Resource '${segments[1]}' does not exist or one of its queried reference-property objects are not present.`);
      const id = String(user['id']);
      const rest = segments.slice(2).join('/');
      if (rest === '' && method === 'GET') {
        if (!app('User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All')) return denied();
        const select = query('$select')?.split(',');
        const shown = select ? Object.fromEntries(select.filter((field) => field in user).map((field) => [field, user[field]])) : user;
        return c.json({ '@odata.context': `${new URL(c.req.url).origin}/v1.0/$metadata#users/$entity`, ...shown });
      }
      if (rest === '' && method === 'PATCH') {
        let body: Json;
        try {
          body = (await c.req.json()) as Json;
        } catch {
          return graphError(c, 400, 'BadRequest', 'Unable to read JSON request payload.');
        }
        const unknown = Object.keys(body).find((key) => !USER_FIELDS.has(key));
        if (unknown) return graphError(c, 400, 'Request_BadRequest', `Invalid property '${unknown}'.`);
        if ('passwordProfile' in body) {
          if (!app('User-PasswordProfile.ReadWrite.All', 'User.ReadWrite.All')) return denied();
          const profile = body['passwordProfile'] as Json;
          if (typeof profile?.['password'] !== 'string' || !complex(profile['password'])) return graphError(c, 400, 'Request_BadRequest', 'The specified password does not comply with password complexity requirements. Please provide a different password.');
        } else if (!app('User.ReadWrite.All', 'User.EnableDisableAccount.All')) return denied();
        if ('accountEnabled' in body && typeof body['accountEnabled'] !== 'boolean') return graphError(c, 400, 'BadRequest', "Cannot convert the literal to the expected type 'Edm.Boolean'.");
        Object.assign(user, body);
        return c.body(null, 204);
      }
      if (rest === 'revokeSignInSessions' && method === 'POST') {
        if (!app('User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All')) return denied();
        user['signInSessionsValidFromDateTime'] = new Date().toISOString();
        return c.json({ '@odata.context': `${new URL(c.req.url).origin}/v1.0/$metadata#Edm.Boolean`, value: true });
      }
      if (rest === 'authentication/passwordMethods' && method === 'GET') {
        // Password methods are managed with a delegated token only (application permissions are not supported).
        if (grants.kind !== 'delegated' || !grants.scopes.has('UserAuthenticationMethod.ReadWrite.All')) return denied();
        return c.json({ value: [{ id: PASSWORD_METHOD_ID, password: null, createdDateTime: user['createdDateTime'] }] });
      }
      const reset = /^authentication\/methods\/([^/]+)\/resetPassword$/.exec(rest);
      if (reset && method === 'POST') {
        if (grants.kind !== 'delegated' || !grants.scopes.has('UserAuthenticationMethod.ReadWrite.All')) return denied();
        if (reset[1] !== PASSWORD_METHOD_ID) return graphError(c, 404, 'itemNotFound', `Authentication method '${reset[1]}' not found.`);
        const body = (await c.req.json().catch(() => ({}))) as Json;
        if (typeof body['newPassword'] === 'string' && !complex(body['newPassword'])) return graphError(c, 400, 'invalidPassword', 'The password does not comply with the password complexity requirements.');
        state.passwordResets.push({ user: id, method: reset[1]!, newPassword: String(body['newPassword'] ?? ''), delegatedUser: grants.user });
        c.header('Location', `${new URL(c.req.url).origin}/v1.0/users/${id}/authentication/operations/${crypto.randomUUID()}`);
        return c.body(null, 202);
      }
      if (rest === 'authentication/methods' && method === 'GET') {
        if (!app('UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All')) return denied();
        return list(state.methods.get(id) ?? [{ '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: PASSWORD_METHOD_ID }], 'users/authentication/methods');
      }
      if (rest === 'memberOf' && method === 'GET') {
        if (!app('GroupMember.Read.All', 'Directory.Read.All')) return denied();
        return list(state.memberOf.get(id) ?? [], 'directoryObjects');
      }
      if (rest === 'transitiveMemberOf/microsoft.graph.directoryRole' && method === 'GET') {
        if (!app('Directory.Read.All', 'RoleManagement.Read.Directory')) return denied();
        return list((state.memberOf.get(id) ?? []).filter((member) => member['@odata.type'] === '#microsoft.graph.directoryRole'), 'directoryRoles');
      }
    }
    if (rawPath === 'auditLogs/signIns' && method === 'GET') return app('AuditLog.Read.All') ? list(state.signIns, 'auditLogs/signIns') : denied();
    if (rawPath === 'auditLogs/directoryAudits' && method === 'GET') return app('AuditLog.Read.All') ? list(state.directoryAudits, 'auditLogs/directoryAudits') : denied();
    if (rawPath === 'reports/authenticationMethods/userRegistrationDetails' && method === 'GET') return app('AuditLog.Read.All') ? list([...state.registrations.values()], 'reports/authenticationMethods/userRegistrationDetails') : denied();
    if (segments[0] === 'applications' && segments.length === 2 && method === 'DELETE') {
      if (!app('Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy')) return denied();
      if (!state.applications.delete(segments[1]!)) return graphError(c, 404, 'Request_ResourceNotFound', `Resource '${segments[1]}' does not exist or one of its queried reference-property objects are not present.`);
      return c.body(null, 204);
    }
    return graphError(c, 400, 'BadRequest', `Resource not found for the segment '${segments[0] ?? ''}'.`);
  };
}
