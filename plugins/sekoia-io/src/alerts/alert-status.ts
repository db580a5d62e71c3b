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

/** Workflow action uuids the reference also accepts as they are (its `ACTION_UUIDS`). */
const OTHER_ACTION_UUIDS = ['937bdabf-6a08-434b-b6d3-d7447e4e452a', 'c39a0a95-aa2c-4d0d-8d2e-d3decf426eea', 'ade85d7b-7507-4026-bfc6-cc006d10ddac', '1390be4e-ced8-4dd6-9bed-573471b235ab'];

const RAW_UUIDS = new Set<string>([...Object.values(STATUS_ACTION_UUIDS), ...OTHER_ACTION_UUIDS]);
const BY_UPPER_NAME = new Map<string, string>(Object.entries(STATUS_ACTION_UUIDS).map(([name, uuid]) => [name.toUpperCase(), uuid]));

/** The action uuid for a status given as a name in any case (`closed`, `CLOSED`) or as one of the known raw uuids; undefined otherwise. */
export function statusActionUuid(status: string): string | undefined {
  if (RAW_UUIDS.has(status)) return status;
  return BY_UPPER_NAME.get(status.toUpperCase());
}
