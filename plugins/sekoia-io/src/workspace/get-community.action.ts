import { z } from 'zod';
import { getter } from './getters.js';

export const getCommunity = getter({
  uuid: '13124b8b-9b20-47f0-ad41-118f53ccb833',
  slug: 'get_community',
  name: 'Get Community',
  description: 'Retrieve a community',
  docker: 'get-communities/{uuid}',
  path: 'v1/communities',
  key: 'uuid',
  title: 'get_community',
  what: 'community',
  results: z.looseObject({
    uuid: z.string().nullish(),
    name: z.string().nullish(),
    description: z.string().nullish(),
    homepage_url: z.string().nullish(),
    created_at: z.string().nullish(),
    created_by: z.string().nullish(),
    created_by_type: z.string().nullish(),
    updated_at: z.string().nullish(),
    is_parent: z.boolean().nullish(),
    parent_community_uuid: z.string().nullish(),
    subcommunities: z.array(z.string()).nullish(),
    is_mfa_enforced: z.boolean().nullish(),
    session_timeout: z.number().nullish(),
    disable_inactive_avatars: z.boolean().nullish(),
    disabled: z.boolean().nullish(),
  }),
});
