import { PlyError } from '@ply/core';
import { z } from 'zod';

/** The reference's `id` and `userPrincipalName` arguments (one of them names the user). */
export const userArguments = {
  id: z.string().optional().meta({ title: 'Id' }).describe('ID of the user. id or userPrincipalName should be specified.'),
  userPrincipalName: z.string().optional().meta({ title: 'Userprincipalname' }).describe('Principal Name of the user. id or userPrincipalName should be specified.'),
};

/** The user an action is about: its id, else its principal name; a clear refusal when neither is given. */
export function userOf(args: { id?: string | undefined; userPrincipalName?: string | undefined }): string {
  const user = (args.id ?? '').trim() || (args.userPrincipalName ?? '').trim();
  if (user === '') throw new PlyError('PLY_ARGUMENTS_INVALID', "'id' or 'userPrincipalName' should be specified", { details: { issues: [{ pointer: '/id', message: 'id or userPrincipalName is required' }] } });
  return user;
}

/**
 * `users/{id | userPrincipalName}` as Graph wants it: encoded, and a principal name that starts
 * with `$` in the `users('...')` form (https://learn.microsoft.com/en-us/graph/api/user-get).
 */
export function userPath(user: string): string {
  return user.startsWith('$') ? `users('${encodeURIComponent(user.replace(/'/g, "''"))}')` : `users/${encodeURIComponent(user)}`;
}

/** A string literal of an OData `$filter` (`'O''Brien'`): quotes doubled, so a value never ends the literal. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
