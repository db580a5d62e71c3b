import { z } from 'zod';

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

const OS_TYPES: Record<string, [string, number]> = { windows: ['Windows', 100], linux: ['Linux', 200], macos: ['macOS', 300] };
const seconds = (value: unknown): number | undefined => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? Date.parse(value) / 1000 : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const defined = <T extends Record<string, unknown>>(object: T): T => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== null)) as T;

/** Maps one HarfangLab agent (`GET api/data/endpoint/Agent/`) as the reference's `HarfanglabAssetConnector.map_fields` does. */
export function deviceAssetOf(agent: Record<string, unknown>): z.input<typeof deviceAssetSchema> {
  const [osType, osTypeId] = OS_TYPES[String(agent['ostype'] ?? '').toLowerCase()] ?? ['Other', 99];
  const subnet = (agent['subnet'] ?? {}) as Record<string, unknown>;
  const policy = (agent['policy'] ?? undefined) as Record<string, unknown> | undefined;
  const firstSeen = seconds(agent['firstseen']);
  const firewall = policy?.['windows_self_protection_feature_firewall'];
  const disks = typeof agent['disk_count'] === 'number' ? agent['disk_count'] : 0;
  const encrypted = typeof agent['encrypted_disk_count'] === 'number' ? agent['encrypted_disk_count'] : 0;
  const enrichment = defined({
    firewall_status: typeof firewall === 'boolean' ? (firewall ? 'Enabled' : 'Disabled') : undefined,
    storage_encryption: disks > 0 ? (encrypted === disks ? 'Enabled' : encrypted > 0 ? 'Partial' : 'Disabled') : undefined,
  });
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
    time: firstSeen ?? Date.now() / 1000,
    metadata: { product: { name: 'HarfangLab EDR', vendor_name: 'HarfangLab', version: text(agent['version']) ?? 'N/A' }, version: '1.6.0' },
    device: defined({
      hostname: String(agent['hostname']),
      uid: String(agent['id']),
      type: 'Other',
      type_id: 99,
      os: defined({ name: text(agent['osproducttype']) ?? osType, type: osType, type_id: osTypeId }),
      domain: text(agent['domainname']),
      ip: text(agent['ipaddress']),
      subnet: text(agent['ipmask']),
      desc: text(agent['description']),
      model: text(agent['producttype']),
      is_managed: policy !== undefined && policy !== null,
      is_trusted: typeof agent['has_valid_password'] === 'boolean' ? agent['has_valid_password'] : undefined,
      first_seen_time: firstSeen,
      last_seen_time: seconds(agent['lastseen']),
      boot_time: seconds(agent['machine_boottime']),
      created_time: seconds(agent['installdate']),
      network_interfaces: text(agent['ipaddress']) ? [defined({ ip: text(agent['ipaddress']), hostname: text(agent['hostname']), name: text(subnet['name']), uid: text(subnet['id']), type: 'Wired', type_id: 1 })] : undefined,
    }),
    enrichments: Object.keys(enrichment).length ? [{ name: 'compliance', value: 'hygiene', data: enrichment }] : undefined,
  });
}
