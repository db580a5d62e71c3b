/**
 * The Sekoia.io event fields (flat ECS names) the reference TheHive module turns into artifacts,
 * and TheHive's data type for each (its `ECS_TO_THEHIVE`).
 */
export const ECS_TO_THEHIVE: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(['source', 'destination', 'server', 'url'].flatMap((prefix) => ['domain', 'subdomain', 'top_level_domain', 'registered_domain'].map((part) => [`${prefix}.${part}`, 'domain']))),
  'file.name': 'filename',
  'dll.name': 'filename',
  ...Object.fromEntries(['md5', 'sha1', 'sha256', 'sha512'].map((hash) => [`hash.${hash}`, 'hash'])),
  ...Object.fromEntries(['source.ip', 'source.nat.ip', 'destination.ip', 'destination.nat.ip', 'network.forwarded_ip', 'server.ip', 'server.nat.ip'].map((field) => [field, 'ip'])),
  'email.from.address': 'mail',
  'email.to.address': 'mail',
  'email.reply_to.address': 'mail',
  'email.subject': 'mail-subject',
  'registry.path': 'registry',
  'url.full': 'url',
  'url.original': 'url',
  'user_agent.original': 'user-agent',
  'host.name': 'hostname',
  'log.hostname': 'hostname',
  'host.hostname': 'hostname',
  'user.name': 'other',
  'host.user.name': 'other',
  'user.full_name': 'other',
});

/** How the reference marks the artifacts it derives. */
export interface ArtifactOptions {
  tlp: number;
  sighted: boolean;
  ignoreSimilarity: boolean;
}

/**
 * The artifacts of Sekoia.io events, as the reference derives them: each mapped field of each
 * event (list values give one artifact each), tagged `sekoia:type=<field>`, `ioc` false (nothing
 * says it came from the intelligence center), a value seen once only (whatever its field).
 */
export function artifactsOfEvents(events: readonly unknown[], options: ArtifactOptions): Array<Record<string, unknown>> {
  const artifacts: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) continue;
    for (const [field, values] of Object.entries(event)) {
      const dataType = ECS_TO_THEHIVE[field];
      if (!dataType) continue;
      for (const value of Array.isArray(values) ? values : [values]) {
        if (value === undefined || value === null) continue;
        const data = typeof value === 'string' ? value : JSON.stringify(value);
        if (seen.has(data)) continue;
        seen.add(data);
        artifacts.push({ dataType, data, tlp: options.tlp, ioc: false, sighted: options.sighted, ignoreSimilarity: options.ignoreSimilarity, tags: [`sekoia:type=${field}`] });
      }
    }
  }
  return artifacts;
}
