import { definePlugin } from '@ply/core';
import { acknowledgeAlert } from './acknowledge-alert.action.js';
import { pagerDutyConfigurationSchema } from './configuration.js';
import { resolveAlert } from './resolve-alert.action.js';
import { triggerAlert } from './trigger-alert.action.js';

export default definePlugin({
  module: {
    uuid: '97864342-32c5-4076-b590-ba0179db9233',
    slug: 'pagerduty',
    name: 'PagerDuty',
    description: 'PagerDuty is an incident response platform for IT departments it allows triggering alerts and managing incidents.',
    categories: ['Applicative'],
    configuration: pagerDutyConfigurationSchema,
    engines: { ply: '>=0.1.0 <1.0.0' },
  },
  actions: {
    pagerduty_trigger_alert: triggerAlert,
    pagerduty_acknowledge_alert: acknowledgeAlert,
    pagerduty_resolve_alert: resolveAlert,
  },
});
