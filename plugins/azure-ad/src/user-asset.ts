import { z } from 'zod';

/** A Graph user as the asset connector selects it (https://learn.microsoft.com/en-us/graph/api/resources/user). */
export interface GraphUser {
  id?: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  createdDateTime?: string | null;
  accountEnabled?: boolean | null;
  department?: string | null;
  jobTitle?: string | null;
  employeeId?: string | null;
  employeeType?: string | null;
  companyName?: string | null;
  officeLocation?: string | null;
  signInActivity?: { lastSignInDateTime?: string | null } | null;
}

/** The OCSF User Inventory Info item (class 5003) the reference's mapping produces (sekoia-automation-sdk `UserOCSFModel`). */
export const userAssetSchema = z.looseObject({
  activity_id: z.number(),
  activity_name: z.string(),
  category_name: z.string(),
  category_uid: z.number(),
  class_name: z.string(),
  class_uid: z.number(),
  type_uid: z.number(),
  type_name: z.string(),
  severity: z.string(),
  severity_id: z.number(),
  time: z.number(),
  metadata: z.looseObject({ product: z.looseObject({ name: z.string(), version: z.string() }), version: z.string() }),
  user: z.looseObject({ name: z.string(), uid: z.string(), has_mfa: z.boolean().optional() }),
  enrichments: z.array(z.looseObject({})).optional(),
});

export type UserAsset = z.input<typeof userAssetSchema>;

/** What the connector learnt about one user besides its Graph record. */
export interface UserFacts {
  hasMfa: boolean;
  groups: Array<{ name: string | undefined; uid: string | undefined }>;
  isAdmin: boolean;
}

/** The reference's `map_fields`: a Graph user and its facts as an OCSF user inventory item. */
export function toUserAsset(user: GraphUser, facts: UserFacts): UserAsset {
  const upn = user.userPrincipalName ?? undefined;
  const domain = upn?.includes('@') ? upn.split('@')[1] : undefined;
  const enrichments: Array<Record<string, unknown>> = [
    { name: 'account', value: 'status', data: { is_enabled: user.accountEnabled ?? undefined, last_logon: user.signInActivity?.lastSignInDateTime ?? undefined } },
  ];
  if (user.department || user.jobTitle || user.employeeId || user.employeeType) {
    enrichments.push({ name: 'employment', value: `${user.department ?? ''} - ${user.jobTitle ?? ''}`.replace(/^[\s-]+|[\s-]+$/g, '') || 'info', data: {} });
  }
  const created = user.createdDateTime ? Date.parse(user.createdDateTime) : NaN;
  return {
    activity_id: 2,
    activity_name: 'Collect',
    category_name: 'Discovery',
    category_uid: 5,
    class_name: 'User Inventory Info',
    class_uid: 5003,
    type_uid: 500302,
    type_name: 'User Inventory',
    severity: 'Informational',
    severity_id: 1,
    time: Number.isNaN(created) ? 0 : created / 1000,
    metadata: { product: { name: 'Microsoft Entra ID', version: '1.0' }, version: '1.6.0' },
    user: {
      has_mfa: facts.hasMfa,
      name: upn ?? 'Unknown',
      uid: user.id ?? 'Unknown',
      groups: facts.groups,
      full_name: user.displayName ?? 'Unknown',
      email_addr: user.mail ?? 'Unknown',
      account: { name: upn ?? 'Unknown', type_id: 6, type: 'Azure AD Account', uid: user.id },
      ...(user.displayName ? { display_name: user.displayName } : {}),
      ...(domain ? { domain } : {}),
      type_id: facts.isAdmin ? 2 : 1,
      type: facts.isAdmin ? 'Admin' : 'User',
      ...(user.companyName ? { org: { name: user.companyName, ...(user.officeLocation ? { ou_name: user.officeLocation } : {}) } } : {}),
    },
    enrichments,
  };
}
