import { PlyError } from '@ply/core/errors';
import { route, type RegistryApp, type RegistryServices } from './registry-context.js';
import { readJsonBody, SMALL_BODY_LIMIT } from './request-body.js';

const COUCH_USER = '/-/user/org.couchdb.user:';

/** The user name in `/-/user/org.couchdb.user:<name>` (npm encodes it). */
function couchUserName(path: string): string {
  try {
    return decodeURIComponent(path.slice(COUCH_USER.length));
  } catch {
    throw new PlyError('PLY_REGISTRY_ROUTE_NOT_FOUND', `malformed path ${path}`);
  }
}

/**
 * Who is calling and how users get tokens: `npm whoami`, `npm login` / `npm adduser` (CouchDB
 * style: a registry user's real password gives a new publish token; a token is never accepted as a
 * password), `npm owner add` (reads the user it adds) and `npm logout` (revokes its own token).
 * Users are created by an admin (`ply registry user add`), never through these routes.
 */
export function accountRoutes(app: RegistryApp, { accounts, policy }: RegistryServices): void {
  route(app, 'GET', '/-/whoami', (c) => c.json({ username: policy.caller(c.req.header('authorization')).user }));

  // npm tries web login first and falls back to user name and password when it is declined.
  route(app, 'POST', '/-/v1/login', () => {
    throw new PlyError('PLY_REGISTRY_WEB_LOGIN_UNSUPPORTED', 'web login is not supported here: npm falls back to user name and password');
  });

  route(app, 'GET', `${COUCH_USER}*`, (c) => {
    policy.caller(c.req.header('authorization'));
    const name = couchUserName(c.req.path);
    const user = accounts.users.get(name);
    if (!user) throw new PlyError('PLY_REGISTRY_USER_NOT_FOUND', `no user ${name} on this registry`);
    return c.json({ _id: `org.couchdb.user:${user.name}`, name: user.name, ...(user.email ? { email: user.email } : {}), type: 'user', roles: [] });
  });

  route(app, 'PUT', `${COUCH_USER}*`, async (c) => {
    const name = couchUserName(c.req.path);
    const body = (await readJsonBody(c.req.raw, SMALL_BODY_LIMIT, 'the login body')) as { name?: unknown; password?: unknown } | null;
    const password = typeof body?.password === 'string' ? body.password : '';
    const refused = () => new PlyError('PLY_REGISTRY_LOGIN_FAILED', 'unknown user or wrong password (users are created by the registry admin with `ply registry user add`; a token is not a password)');
    if (body?.name !== name || !password) throw refused();
    if (!(await accounts.users.verifyLogin(name, password))) throw refused();
    const { token, record } = accounts.tokens.create({ user: name, role: 'publish', createdBy: 'npm login' });
    c.env.log.info('token created by npm login', { user: name, tokenId: record.id });
    return c.json({ ok: true, id: `org.couchdb.user:${name}`, token }, 201);
  });

  route(app, 'DELETE', '/-/user/token/*', (c) => {
    const caller = policy.caller(c.req.header('authorization'));
    let token: string;
    try {
      token = decodeURIComponent(c.req.path.slice('/-/user/token/'.length));
    } catch {
      throw new PlyError('PLY_REGISTRY_ROUTE_NOT_FOUND', 'malformed token path');
    }
    // A caller revokes tokens of its own user only.
    const target = accounts.tokens.identify(token);
    if (!target || target.user !== caller.user) throw new PlyError('PLY_REGISTRY_TOKEN_NOT_FOUND', `no such token of ${caller.user}`);
    accounts.tokens.revokeToken(token);
    c.env.log.info('token revoked by npm logout', { user: caller.user, tokenId: target.id });
    return c.json({ ok: true });
  });
}
