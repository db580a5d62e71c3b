/**
 * The Sekoia.io event fields (flat ECS names, as Sekoia.io events carry them) the reference
 * TheHiveV5 module turns into observables, and TheHive's data type for each.
 */
export const SEKOIA_FIELD_TYPES: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(
    [
      'url.domain', 'user.domain', 'group.domain', 'host.domain', 'destination.domain', 'destination.user.domain', 'destination.user.group.domain',
      'client.domain', 'client.user.domain', 'client.user.group.domain', 'source.domain', 'source.user.domain', 'source.user.group.domain',
    ].map((field) => [field, 'domain']),
  ),
  'file.name': 'filename',
  ...Object.fromEntries(
    ['dll', 'email.attachments.file', 'file', 'process', 'process.parent'].flatMap((prefix) => ['md5', 'sha1', 'sha256'].map((hash) => [`${prefix}.hash.${hash}`, 'hash'])),
  ),
  'url.path': 'uri_path',
  'url.full': 'url',
  'url.original': 'url',
  'user_agent.original': 'user-agent',
  'host.hostname': 'hostname',
  'host.name': 'hostname',
  // As the reference maps it (its 1.0.7 "user.name" fix).
  'user.name': 'hostname',
  ...Object.fromEntries(['source.ip', 'destination.ip', 'destination.nat.ip', 'host.ip', 'client.ip', 'client.nat.ip'].map((field) => [field, 'ip'])),
  ...Object.fromEntries(
    [
      'email.sender.address', 'email.to.address', 'email.from.address', 'email.to', 'email.from', 'client.user.email', 'destination.user.email',
      'server.user.email', 'source.user.email', 'user.changes.email', 'user.effective.email',
    ].map((field) => [field, 'mail']),
  ),
});

/** What the reference puts in each observable it derives. */
export type DerivedObservable = {
  dataType: string;
  data: string;
  tlp: number;
  pap: number;
  ioc: boolean;
};

/**
 * The observables of Sekoia.io events, as the reference derives them: every mapped field of each
 * event (an object; anything else is skipped), its value as a string, the given TLP, PAP and IOC
 * flag, duplicates removed (same type, value and levels), in the order found.
 */
export function observablesOfEvents(events: readonly unknown[], levels: { tlp: number; pap: number; ioc: boolean }): { observables: DerivedObservable[]; skipped: number } {
  const observables: DerivedObservable[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  for (const event of events) {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      skipped += 1;
      continue;
    }
    for (const [field, value] of Object.entries(event)) {
      const dataType = SEKOIA_FIELD_TYPES[field];
      if (!dataType || value === undefined || value === null) continue;
      const data = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
      const key = `${dataType}\u0000${data}`;
      if (seen.has(key)) continue;
      seen.add(key);
      observables.push({ dataType, data, ...levels });
    }
  }
  return { observables, skipped };
}
