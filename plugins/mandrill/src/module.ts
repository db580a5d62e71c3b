import { defineModule } from '@ply/core';
import { mandrillConfigurationSchema } from './configuration.js';

/** The Mandrill module: its items' `ctx.config` is the typed configuration. */
export const mandrill = defineModule({
  uuid: 'bc2699a6-93e5-4d74-816d-4186d6eb3ce8',
  slug: 'mandrill',
  name: 'Mandrill',
  description: 'Mandrill is a transactional email platform from Mailchimp.',
  categories: ['Applicative'],
  configuration: mandrillConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
});
