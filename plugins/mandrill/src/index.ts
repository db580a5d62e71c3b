import { definePlugin } from '@ply/core';
import { mandrillConfigurationSchema } from './configuration.js';
import { sendMessageAction } from './send-message.action.js';

export default definePlugin({
  module: {
    uuid: 'bc2699a6-93e5-4d74-816d-4186d6eb3ce8',
    slug: 'mandrill',
    name: 'Mandrill',
    description: 'Mandrill is a transactional email platform from Mailchimp.',
    categories: ['Applicative'],
    configuration: mandrillConfigurationSchema,
    engines: { ply: '>=0.1.0 <1.0.0' },
  },
  actions: {
    mandrill_send: sendMessageAction,
  },
});
