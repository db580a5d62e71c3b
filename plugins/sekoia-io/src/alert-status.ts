/**
 * The workflow action uuid that moves an alert to each status, as the Actions Library's
 * "Update Alert Status by name" sends them (Sekoia.io's default alert workflow).
 */
export const STATUS_ACTION_UUIDS = {
  Pending: '2efc4930-1442-4abb-acf2-58ba219a4fd0',
  Acknowledged: '8f206505-af6d-433e-93f4-775d46dc7d0f',
  Ongoing: '1f2f88d5-ff5b-48bf-bbbc-00c2fff82d9f',
  Rejected: '4f68da89-38e0-4703-a6ab-652f02bdf24e',
  Closed: '1738b1c1-767d-489e-bada-19176621a007',
} as const;

export type AlertStatusName = keyof typeof STATUS_ACTION_UUIDS;

export const ALERT_STATUS_NAMES = Object.keys(STATUS_ACTION_UUIDS) as [AlertStatusName, ...AlertStatusName[]];
