import { definePlugin } from '@ply/core';
import { mattermostConfigurationSchema } from './configuration.js';
import { postAlert } from './post-alert.action.js';
import { postMessage } from './post-message.action.js';

export default definePlugin({
  module: {
    uuid: '89c860f0-3e73-4946-a5c9-431deb33b0e8',
    slug: 'mattermost',
    name: 'Mattermost',
    description: 'Mattermost is a secure, open and flexible collaboration platform',
    categories: ['Applicative'],
    configuration: mattermostConfigurationSchema,
    engines: { ply: '>=0.1.0 <1.0.0' },
  },
  actions: {
    mattermost_post_message: postMessage,
    mattermost_post_alert: postAlert,
  },
});
