import { defineModule } from '@ply/core';
import { pagerDutyConfigurationSchema } from './configuration.js';

/** The PagerDuty module: its items' `ctx.config` is the typed configuration. */
export const pagerDuty = defineModule({
  uuid: '97864342-32c5-4076-b590-ba0179db9233',
  slug: 'pagerduty',
  name: 'PagerDuty',
  description: 'PagerDuty is an incident response platform for IT departments it allows triggering alerts and managing incidents.',
  categories: ['Applicative'],
  configuration: pagerDutyConfigurationSchema,
  engines: { ply: '>=0.1.0 <1.0.0' },
});
