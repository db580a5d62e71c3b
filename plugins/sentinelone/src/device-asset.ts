import { z } from 'zod';

/** The agent fields the mapping reads (`GET agents`, Management API v2.1). */
export interface SentinelOneAgent {
  id: string;
  uuid?: string | null;
  computerName: string;
  createdAt: string;
  registeredAt?: string | null;
  lastActiveDate?: string | null;
  osStartTime?: string | null;
  osType?: string | null;
  osName?: string | null;
  osRevision?: string | null;
  machineType?: string | null;
  domain?: string | null;
  externalIp?: string | null;
  groupIp?: string | null;
  groupId?: string | null;
  groupName?: string | null;
  siteName?: string | null;
  modelName?: string | null;
  agentVersion?: string | null;
  isUpToDate?: boolean | null;
  infected?: boolean | null;
  activeThreats?: number | null;
  firewallEnabled?: boolean | null;
  lastLoggedInUserName?: string | null;
  osUsername?: string | null;
  networkInterfaces?: Array<{ id?: string; name?: string; physical?: string; inet?: string[] | null }> | null;
}

/** An OCSF 1.6 "Device Inventory Info: Collect" document (class 5001), as the reference pushes it. */
export const deviceAssetSchema = z
  .looseObject({
    class_uid: z.literal(5001),
    type_uid: z.literal(500102),
    device: z.looseObject({ hostname: z.string(), uid: z.string() }),
    time: z.number(),
    metadata: z.looseObject({ product: z.looseObject({ name: z.string() }) }),
  })
  .meta({ title: 'OCSF Device Inventory Info' });

const OS_TYPES: Record<string, [string, number]> = { windows: ['Windows', 100], linux: ['Linux', 200], macos: ['macOS', 300], ios: ['iOS', 301], android: ['Android', 201] };
const DEVICE_TYPES: Record<string, [string, number]> = { server: ['Server', 1], desktop: ['Desktop', 2], laptop: ['Laptop', 3], tablet: ['Tablet', 4], mobile: ['Mobile', 5], virtual: ['Virtual', 6] };

const seconds = (value: string | null | undefined): number | undefined => (value ? Date.parse(value) / 1000 : undefined);
const defined = <T extends Record<string, unknown>>(object: T): T => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null)) as T;

/** Maps one agent as the reference's `DeviceAssetConnector.map_fields` does. */
export function deviceAssetOf(agent: SentinelOneAgent): z.input<typeof deviceAssetSchema> {
  const [osType, osTypeId] = OS_TYPES[agent.osType?.toLowerCase() ?? ''] ?? ['Other', 99];
  const [deviceType, deviceTypeId] = DEVICE_TYPES[agent.machineType?.toLowerCase() ?? ''] ?? ['Other', 99];
  const osName = agent.osName && agent.osRevision ? `${agent.osName} ${agent.osRevision}` : (agent.osName ?? agent.osType ?? 'Unknown');
  const users = [...new Set([agent.lastLoggedInUserName, agent.osUsername].filter((user): user is string => Boolean(user)))];
  const enrichments = [
    agent.firewallEnabled === undefined || agent.firewallEnabled === null ? undefined : { name: 'Firewall', value: agent.firewallEnabled ? 'Enabled' : 'Disabled', data: { Firewall_status: agent.firewallEnabled ? 'Enabled' : 'Disabled' } },
    users.length ? { name: 'Users', value: users.join(', '), data: { Users: users } } : undefined,
    agent.isUpToDate === undefined || agent.isUpToDate === null ? undefined : { name: 'Update Status', value: agent.isUpToDate ? 'Up to Date' : 'Update Required', data: {} },
    agent.activeThreats === undefined || agent.activeThreats === null ? undefined : { name: 'Active Threats', value: String(agent.activeThreats), data: {} },
    agent.infected === undefined || agent.infected === null ? undefined : { name: 'Infection Status', value: agent.infected ? 'Infected' : 'Clean', data: {} },
  ].filter(Boolean);
  const created = Date.parse(agent.createdAt) / 1000;
  return defined({
    activity_id: 2,
    activity_name: 'Collect',
    category_name: 'Discovery',
    category_uid: 5,
    class_name: 'Device Inventory Info',
    class_uid: 5001 as const,
    type_name: 'Device Inventory Info: Collect',
    type_uid: 500102 as const,
    severity: 'Informational',
    severity_id: 1,
    time: created,
    metadata: { product: { name: 'SentinelOne', vendor_name: 'SentinelOne', version: agent.agentVersion ?? 'N/A' }, version: '1.6.0' },
    device: defined({
      hostname: agent.computerName,
      uid: agent.uuid ?? agent.id,
      uid_alt: agent.uuid ? agent.id : undefined,
      type: deviceType,
      type_id: deviceTypeId,
      os: { name: osName, type: osType, type_id: osTypeId },
      domain: agent.domain,
      ip: agent.externalIp,
      subnet: agent.groupIp,
      model: agent.modelName,
      vendor_name: agent.modelName,
      region: agent.siteName,
      is_managed: true,
      is_compliant: agent.isUpToDate,
      created_time: created,
      first_seen_time: seconds(agent.registeredAt),
      last_seen_time: seconds(agent.lastActiveDate),
      boot_time: seconds(agent.osStartTime),
      groups: agent.groupName || agent.groupId ? [{ name: agent.groupName ?? 'Unknown', uid: agent.groupId ?? agent.groupName ?? 'unknown' }] : undefined,
      network_interfaces: agent.networkInterfaces?.map((iface) => defined({ name: iface.name, mac: iface.physical, ip: iface.inet?.[0], uid: iface.id })),
    }),
    enrichments: enrichments.length ? enrichments : undefined,
  });
}
