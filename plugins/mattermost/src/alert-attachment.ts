import type { SekoiaAlert } from '@ply/plugin-sekoia-io/api';

/** Colours by urgency, as a SOC reads them: red from 75, orange from 50, yellow from 25. */
function colourOf(urgency: number | undefined): string {
  if (urgency === undefined) return '#9e9e9e';
  if (urgency >= 75) return '#d32f2f';
  if (urgency >= 50) return '#f57c00';
  if (urgency >= 25) return '#fbc02d';
  return '#388e3c';
}

/** A Mattermost message attachment describing a Sekoia.io alert. */
export function alertAttachment(alert: SekoiaAlert, options: { pretext?: string; appUrl?: string }): Record<string, unknown> {
  const urgency = alert.urgency?.current_value ?? alert.urgency?.value;
  const title = `Alert ${alert.short_id ?? alert.uuid}: ${alert.rule?.name ?? alert.title ?? 'untitled'}`;
  const fields = [
    { short: true, title: 'Urgency', value: urgency === undefined ? 'unknown' : String(urgency) },
    { short: true, title: 'Status', value: alert.status?.name ?? 'unknown' },
    { short: true, title: 'Entity', value: alert.entity?.name ?? 'unknown' },
    { short: true, title: 'Type', value: [alert.alert_type?.category, alert.alert_type?.value].filter(Boolean).join(' / ') || 'unknown' },
  ];
  return {
    fallback: title,
    color: colourOf(urgency),
    ...(options.pretext ? { pretext: options.pretext } : {}),
    title,
    ...(options.appUrl && alert.short_id ? { title_link: `${options.appUrl}operations/alerts/${alert.short_id}` } : {}),
    text: alert.rule?.description ?? alert.details ?? '',
    fields,
  };
}
