/** The severities PagerDuty's Events API v2 accepts in `payload.severity`. */
export type PagerDutySeverity = 'info' | 'warning' | 'error' | 'critical';

/**
 * The reference module's mapping of a Sekoia.io urgency (0-100) to a PagerDuty severity:
 * below 25 info, below 50 warning, below 75 error, else critical. An alert without urgency
 * counts as `error`: paging someone too loudly is safer than silencing an alert.
 */
export function urgencyToSeverity(urgency: number | undefined): PagerDutySeverity {
  if (urgency === undefined) return 'error';
  if (urgency < 25) return 'info';
  if (urgency < 50) return 'warning';
  if (urgency < 75) return 'error';
  return 'critical';
}
