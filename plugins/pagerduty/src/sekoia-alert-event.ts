import type { SekoiaAlert } from '@ply/plugin-sekoia-io/api';
import type { PagerDutyEvent } from './events-api.js';
import { urgencyToSeverity } from './severity.js';

/** A trigger event: every optional field of {@link PagerDutyEvent} is set. */
export type TriggerEvent = Required<PagerDutyEvent> & { event_action: 'trigger' };

/** PagerDuty truncates nothing itself: a summary over 1024 characters is refused. */
const MAX_SUMMARY_LENGTH = 1024;

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The trigger event the reference module builds from a Sekoia.io alert: summary from the title,
 * source from the entity, severity from the urgency, class from the alert type, the alert's
 * source/target/details as custom details, the short id as `dedup_key` (so a later acknowledge
 * or resolve finds the incident), and a link back to the alert in the Sekoia.io app.
 */
export function triggerEventOf(alert: SekoiaAlert, appUrl: string): TriggerEvent {
  const shortId = alert.short_id ?? alert.uuid;
  const app = withSlash(appUrl);
  const summary = alert.title ?? alert.rule?.name ?? `Sekoia.io alert ${shortId}`;
  const alertClass = [alert.alert_type?.category, alert.alert_type?.value].filter(Boolean).join(' - ');
  return {
    event_action: 'trigger',
    dedup_key: shortId,
    payload: {
      summary: summary.slice(0, MAX_SUMMARY_LENGTH),
      source: alert.entity?.name ?? 'Sekoia.io',
      severity: urgencyToSeverity(alert.urgency?.current_value ?? alert.urgency?.value),
      ...(alertClass ? { class: alertClass } : {}),
      custom_details: {
        source: alert.source ?? null,
        target: alert.target ?? null,
        details: alert.details ?? null,
        rule: alert.rule?.name ?? null,
        urgency: alert.urgency?.current_value ?? alert.urgency?.value ?? null,
      },
    },
    images: [{ src: `${app}assets/logos/sekoiaio-black.svg`, href: app, alt: 'Sekoia.io' }],
    links: [{ href: `${app}operations/alerts/${encodeURIComponent(shortId)}`, text: 'Alert details' }],
    client: 'Sekoia.io Security Service',
    client_url: app,
  };
}
