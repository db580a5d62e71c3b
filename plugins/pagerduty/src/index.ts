import { acknowledgeAlert } from './acknowledge-alert.action.js';
import { pagerDuty } from './module.js';
import { resolveAlert } from './resolve-alert.action.js';
import { triggerAlert } from './trigger-alert.action.js';

export default pagerDuty.plugin({ actions: [triggerAlert, acknowledgeAlert, resolveAlert] });
