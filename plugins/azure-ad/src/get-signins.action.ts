import { z } from 'zod';
import { collectGraph } from './graph-pages.js';
import { azureAd } from './module.js';
import { odataString, userOf } from './user-arguments.js';

/** A sign-in as Graph returns it (https://learn.microsoft.com/en-us/graph/api/resources/signin): any field Graph adds is kept. */
export const signInSchema = z
  .looseObject({
    id: z.string().nullable().optional(),
    createdDateTime: z.string().nullable().optional(),
    userId: z.string().nullable().optional(),
    userPrincipalName: z.string().nullable().optional(),
    userDisplayName: z.string().nullable().optional(),
    appDisplayName: z.string().nullable().optional(),
    ipAddress: z.string().nullable().optional(),
    clientAppUsed: z.string().nullable().optional(),
    conditionalAccessStatus: z.string().nullable().optional(),
    isInteractive: z.boolean().nullable().optional(),
    riskLevelDuringSignIn: z.string().nullable().optional(),
    riskState: z.string().nullable().optional(),
    status: z.looseObject({ errorCode: z.number().int().nullable().optional(), failureReason: z.string().nullable().optional(), additionalDetails: z.string().nullable().optional() }).nullable().optional(),
    location: z.looseObject({ city: z.string().nullable().optional(), countryOrRegion: z.string().nullable().optional(), state: z.string().nullable().optional() }).nullable().optional(),
    deviceDetail: z.looseObject({}).nullable().optional(),
  })
  .meta({ title: 'SignIn' });

/**
 * `GET /auditLogs/signIns?$filter=userId eq '<id>'` (https://learn.microsoft.com/en-us/graph/api/signin-list).
 * One page by default, as the reference reads; `max_pages` follows `@odata.nextLink`.
 */
export const getSignIns = azureAd.action({
  uuid: '02d6dbc8-6622-5718-9925-ae032dfa5208',
  slug: 'get_signins',
  name: 'Get SignIns',
  description: 'Get the last sign ins of an Azure AD user. Requires the AuditLog.Read.All and Directory.Read.All permissions.',
  docker_parameters: 'GetSignInsAction',
  arguments: z
    .object({
      id: z.string().optional().meta({ title: 'Id' }).describe('ID of the user. id or userPrincipalName should be specified.'),
      top: z.number().int().min(1).max(1000).optional().describe('Sign-ins per page (Graph default 1000)'),
      max_pages: z.number().int().min(1).max(100).default(1).describe('Pages to read at most'),
    })
    .meta({ title: 'IdArguments' }),
  results: z.looseObject({ signIns: z.array(signInSchema).meta({ title: 'Signins' }) }).meta({ title: 'GetSignInsResults' }),
  async run(ctx, args) {
    const user = userOf({ id: args.id });
    const signIns = await collectGraph(ctx, { path: 'auditLogs/signIns', query: { $filter: `userId eq ${odataString(user)}`, $top: args.top } }, args.max_pages);
    return { signIns: signIns as Array<z.input<typeof signInSchema>> };
  },
});
