import { defineErrorCatalogue, type CodesOf } from '@ply/core/errors';

/**
 * The registry's error codes. Each answer the registry gives for an error carries one of them as
 * `{ "error": "<message>", "code": "<code>" }` (npm prints `error`), with the code's status.
 * Codes are stable and never reused for another meaning; a retired code stays listed here.
 */
export const REGISTRY_ERRORS = defineErrorCatalogue('@ply/registry', {
  PLY_REGISTRY_ROUTE_NOT_FOUND: { user: true, status: 404, title: 'No such registry route, or the path names no valid package' },
  PLY_REGISTRY_PACKAGE_NOT_FOUND: { user: true, status: 404, title: 'No such package, version, tarball or module slug' },
  PLY_REGISTRY_USER_NOT_FOUND: { user: true, status: 404, title: 'No such registry user' },
  PLY_REGISTRY_ORG_NOT_FOUND: { user: true, status: 404, title: 'No such registry organisation' },
  PLY_REGISTRY_TOKEN_NOT_FOUND: { user: true, status: 404, title: 'No registry token with this id' },
  PLY_REGISTRY_WEB_LOGIN_UNSUPPORTED: { user: true, status: 404, title: 'Web login is not offered (npm falls back to user name and password)' },
  PLY_REGISTRY_UNAUTHENTICATED: { user: true, status: 401, title: 'Missing or invalid registry token' },
  PLY_REGISTRY_LOGIN_FAILED: { user: true, status: 401, title: 'Unknown user or wrong password' },
  PLY_REGISTRY_TOKEN_READ_ONLY: { user: true, status: 403, title: 'The token is read-only and this request writes' },
  PLY_REGISTRY_TOKEN_RESTRICTED: { user: true, status: 403, title: 'The token is restricted to another package or scope' },
  PLY_REGISTRY_NOT_OWNER: { user: true, status: 403, title: 'The user is not an owner of the package' },
  PLY_REGISTRY_SCOPE_FORBIDDEN: { user: true, status: 403, title: 'The scope belongs to another user or to an organisation the user is not a member of' },
  PLY_REGISTRY_SLUG_OWNED: { user: true, status: 403, title: 'The module slug is published by a package the user does not own' },
  PLY_REGISTRY_PUBLISH_INVALID: { user: true, status: 400, title: 'The publish request is malformed' },
  PLY_REGISTRY_TARBALL_REJECTED: { user: true, status: 400, title: 'The published tarball is unsafe or holds no valid module' },
  PLY_REGISTRY_SLUG_INVALID: { user: true, status: 400, title: 'The module slug cannot be installed (not a plain folder name)' },
  PLY_REGISTRY_BODY_INVALID: { user: true, status: 400, title: 'The request body is not the JSON this route expects' },
  PLY_REGISTRY_TAG_INVALID: { user: true, status: 400, title: 'The dist-tag change is refused' },
  PLY_REGISTRY_OWNERS_INVALID: { user: true, status: 400, title: 'The owner change is refused (unknown user, no owner left, outside the scope)' },
  PLY_REGISTRY_NAME_INVALID: { user: true, status: 400, title: 'Invalid user, organisation, scope or package name' },
  PLY_REGISTRY_PASSWORD_INVALID: { user: true, status: 400, title: 'The password is too short or missing' },
  PLY_REGISTRY_BODY_TOO_LARGE: { user: true, status: 413, title: 'The request body or the tarball is over the limit' },
  PLY_REGISTRY_IMMUTABLE: { user: true, status: 405, title: 'Published versions are immutable (unpublish and metadata rewrites are refused)' },
  PLY_REGISTRY_VERSION_EXISTS: { user: true, status: 409, title: 'The version is already published' },
  PLY_REGISTRY_REVISION_CONFLICT: { user: true, status: 409, title: 'The package changed since the revision the client read' },
  PLY_REGISTRY_NAME_TAKEN: { user: true, status: 409, title: 'A user or organisation with this name exists' },
  PLY_REGISTRY_STORAGE_BUSY: { user: false, status: 503, title: 'The account file is locked by another process for too long' },
  PLY_REGISTRY_INTERNAL: { user: false, status: 500, title: 'Unexpected registry error (details in the log under the request id)' },
});

/** A code of the registry's catalogue. */
export type RegistryErrorCode = keyof typeof REGISTRY_ERRORS;

declare module '@ply/core/errors' {
  interface PlyErrorCodes extends CodesOf<typeof REGISTRY_ERRORS> {}
}

/** True for a code the registry answers with (any other error is answered as an internal one). */
export function isRegistryCode(code: string): code is RegistryErrorCode {
  return Object.hasOwn(REGISTRY_ERRORS, code);
}
