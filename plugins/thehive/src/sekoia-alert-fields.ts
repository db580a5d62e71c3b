/** TheHive limits an alert type to 32 characters. */
const MAX_TYPE_LENGTH = 32;

/** The parts of a Sekoia.io alert the conversion reads (the argument is free-form JSON). */
interface SekoiaAlertLike {
  short_id?: string;
  uuid?: string;
  title?: string;
  details?: string | null;
  /** Seconds since epoch (a number, or its text as some exports give it). */
  created_at?: number | string;
  urgency?: { severity?: number; current_value?: number };
  alert_type?: { category?: string; value?: string };
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The TheHive alert fields the reference TheHiveV5 module derives from a Sekoia.io alert:
 * severity 1-4 from the 0-100 urgency, date in ms, type `category/value` (the category alone
 * past 32 characters), source "Sekoia.io", the short id as sourceRef, and a link to the alert.
 */
export function fieldsFromSekoiaAlert(alert: SekoiaAlertLike, sekoiaBaseUrl: string): Record<string, unknown> {
  const shortId = alert.short_id ?? alert.uuid;
  const category = alert.alert_type?.category ?? 'alert';
  const fullType = alert.alert_type?.value ? `${category}/${alert.alert_type.value}` : category;
  const type = fullType.length > MAX_TYPE_LENGTH ? category.slice(0, MAX_TYPE_LENGTH) : fullType;
  const link = shortId ? `${withoutTrailingSlash(sekoiaBaseUrl)}/operations/alerts/${shortId}` : undefined;
  const urgency = alert.urgency?.severity ?? alert.urgency?.current_value;
  return Object.fromEntries(
    Object.entries({
      title: alert.title,
      type,
      source: 'Sekoia.io',
      sourceRef: shortId,
      severity: urgency === undefined ? undefined : Math.min(4, Math.floor(urgency / 25) + 1),
      date: alert.created_at === undefined || !Number.isFinite(Number(alert.created_at)) ? undefined : Number(alert.created_at) * 1000,
      externalLink: link,
      description: [`type: ${fullType}`, link ? `link: ${link}` : undefined, `details: ${alert.details ?? ''}`].filter(Boolean).join('\r\n'),
    }).filter(([, value]) => value !== undefined),
  );
}
