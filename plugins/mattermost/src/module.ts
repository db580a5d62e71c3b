import { defineModule } from '@ply/core';
import { mattermostConfigurationSchema } from './configuration.js';

/** The Mattermost module: posts through the account's incoming webhook (its items' `ctx.config` is typed). */
export const mattermost = defineModule({
  uuid: '89c860f0-3e73-4946-a5c9-431deb33b0e8',
  slug: 'mattermost',
  name: 'Mattermost',
  description: 'Mattermost is a secure, open and flexible collaboration platform',
  categories: ['Applicative'],
  configuration: mattermostConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
});
