import { z } from 'zod';
import { azureAd } from './module.js';
import { userArguments, userOf, userPath } from './user-arguments.js';

/** The reference's GetUserResults fields: what `$select` asks Graph for. */
const SELECTED = ['id', 'accountEnabled', 'assignedLicenses', 'city', 'companyName', 'country', 'createdDateTime', 'creationType', 'deletedDateTime', 'department', 'displayName', 'identities', 'jobTitle', 'lastPasswordChangeDateTime', 'mail', 'mobilePhone', 'userPrincipalName'] as const;

const text = (title: string) => z.string().nullable().optional().meta({ title });

/** `GET /users/{id | userPrincipalName}?$select=...` (https://learn.microsoft.com/en-us/graph/api/user-get). */
export const getUser = azureAd.action({
  uuid: 'edbe4896-aefd-5429-95c3-eab869e207c4',
  slug: 'get_user',
  name: 'Get User',
  description: 'Get information about an Azure Active Directory user. Requires the User.Read.All permission.',
  docker_parameters: 'GetUserAction',
  arguments: z.object(userArguments).meta({ title: 'RequiredSingleUserArguments' }),
  results: z
    .looseObject({
      id: text('Id'),
      accountEnabled: z.boolean().nullable().optional().meta({ title: 'Accountenabled' }),
      assignedLicenses: z.array(z.unknown()).nullable().optional().meta({ title: 'Assignedlicenses' }),
      city: text('City'),
      companyName: text('Companyname'),
      country: text('Country'),
      createdDateTime: text('Createddatetime'),
      creationType: text('Creationtype'),
      deletedDateTime: text('Deleteddatetime'),
      department: text('Department'),
      displayName: text('Displayname'),
      identities: z.array(z.unknown()).nullable().optional().meta({ title: 'Identities' }),
      jobTitle: text('Jobtitle'),
      lastPasswordChangeDateTime: text('Lastpasswordchangedatetime'),
      mail: text('Mail'),
      mobilePhone: text('Mobilephone'),
      userPrincipalName: text('Userprincipalname'),
    })
    .meta({ title: 'GetUserResults' }),
  async run(ctx, args) {
    const user = userOf(args);
    const { body } = await azureAd.request(ctx, { path: userPath(user), query: { $select: SELECTED.join(',') }, notFound: `user ${user}` });
    return (body ?? {}) as Record<string, unknown>;
  },
});
