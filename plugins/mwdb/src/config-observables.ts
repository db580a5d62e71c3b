import { isIP } from 'node:net';
import { fileWithHashes, kindOfValue, makeObservable, stixTimestamp, type StixObject } from '@ply/plugin-stix/model';
import { MALWARE_RULES, type MalwareRule, type RuleType } from './malware-rules.js';

/** A configuration as MWDB gives it (`GET /api/config/{id}`, or the Get new configs trigger's event). */
export interface MwdbConfig {
  family?: unknown;
  cfg: Record<string, unknown>;
  files?: unknown;
}

/** What a configuration yields: its observables, and whether its family has rules. */
export interface ConfigObservables {
  observables: StixObject[];
  family: string | undefined;
  known: boolean;
}

/** The sample hashes MWDB stores, under their STIX names (hashing-algorithm-ov). */
const HASHES: ReadonlyArray<[string, string]> = [
  ['ssdeep', 'SSDEEP'],
  ['md5', 'MD5'],
  ['sha1', 'SHA-1'],
  ['sha256', 'SHA-256'],
  ['sha512', 'SHA-512'],
];

/** The values at a path of the reference's JSONPath subset (`a`, `a[*]`, `a[*].b`); `[*]` over a single value reads it alone, as jsonpath-ng does. */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path.split('.')) {
    const all = segment.endsWith('[*]');
    const name = all ? segment.slice(0, -3) : segment;
    current = current.flatMap((value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
      const next = (value as Record<string, unknown>)[name];
      if (next === undefined || next === null) return [];
      return all && Array.isArray(next) ? next : [next];
    });
  }
  return current;
}

function ruleValues(rule: MalwareRule, cfg: Record<string, unknown>): unknown[] {
  if (rule.separator === undefined) return valuesAt(cfg, rule.path);
  const joined = cfg[rule.path];
  return typeof joined === 'string' ? joined.split(rule.separator) : [];
}

const portOf = (value: unknown): number | undefined => {
  const port = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
};

/**
 * A raw value read as the rule's type, as the reference does: a host's `:port` split off, a URL
 * given its rule's scheme (else `http://`), a "domain" that is an IPv4 address read as one; a value
 * that is not of its type is left out (undefined).
 */
function finalValue(rule: MalwareRule, raw: string): { type: RuleType; value: string; port: number | undefined } | undefined {
  let value = raw.trim();
  let port: number | undefined;
  if (rule.type === 'domain-name' || rule.type === 'ipv4-addr') {
    const colon = value.indexOf(':');
    if (colon > 0) {
      port = portOf(value.slice(colon + 1));
      value = value.slice(0, colon);
    }
    if (isIP(value) === 4) return { type: 'ipv4-addr', value, port };
    return rule.type === 'domain-name' && kindOfValue(value) === 'domain-name' ? { type: 'domain-name', value, port } : undefined;
  }
  if (rule.type === 'url') {
    if (rule.protocol && !value.startsWith(rule.protocol)) value = `${rule.protocol}://${value}`;
    if (!value.startsWith('http') && !value.startsWith('ftp')) value = `http://${value}`;
  }
  return kindOfValue(value) === rule.type ? { type: rule.type, value, port } : undefined;
}

/** A decoy: the value itself (a domain, an IP), or the host of a URL or one of its parent domains. */
function isDecoy(type: RuleType, value: string, decoys: readonly string[]): boolean {
  if (decoys.length === 0) return false;
  if (type !== 'url') return decoys.includes(value);
  let host: string;
  try {
    host = new URL(value).hostname;
  } catch {
    return false;
  }
  return decoys.some((decoy) => host === decoy || host.endsWith(`.${decoy}`));
}

/** Observables by id: the same value met twice is one observable, with the ports of both. */
class ObservableSet {
  private readonly byId = new Map<string, StixObject>();

  add(observable: StixObject, ports: ReadonlySet<number>, date: string): void {
    const known = this.byId.get(observable.id);
    const merged = new Set([...portsOf(known), ...ports]);
    const target = known ?? observable;
    if (merged.size > 0) target['x_inthreat_history'] = [{ name: 'MWDB', date, value: { ports: [...merged] } }];
    if (!known) this.byId.set(observable.id, observable);
  }

  values(): StixObject[] {
    return [...this.byId.values()];
  }
}

function portsOf(observable: StixObject | undefined): number[] {
  const history = observable?.['x_inthreat_history'] as Array<{ value: { ports: number[] } }> | undefined;
  return history?.[0]?.value.ports ?? [];
}

function ruleObservables(rule: MalwareRule, cfg: Record<string, unknown>, tags: unknown[], date: string, into: ObservableSet): void {
  const globalPorts = rule.globalPort ? valuesAt(cfg, rule.globalPort).map(portOf).filter((port) => port !== undefined) : [];
  const decoys = rule.decoys ? valuesAt(cfg, rule.decoys).filter((decoy): decoy is string => typeof decoy === 'string') : [];
  const values = ruleValues(rule, cfg);
  // Each value with the port at the same position, as the reference pairs them (zip_longest).
  const ports = rule.port ? valuesAt(cfg, rule.port) : [];
  values.forEach((raw, index) => {
    if (typeof raw !== 'string') return;
    const found = finalValue(rule, raw);
    if (!found || isDecoy(found.type, found.value, decoys)) return;
    const own = found.port ?? portOf(ports[index]);
    const observable = makeObservable(found.type, { value: found.value, x_inthreat_tags: tags });
    into.add(observable, new Set(own === undefined ? globalPorts : [...globalPorts, own]), date);
  });
}

function fileObservables(files: unknown, tags: unknown[], into: ObservableSet, date: string): void {
  if (!Array.isArray(files)) return;
  for (const file of files) {
    if (typeof file !== 'object' || file === null) continue;
    const record = file as Record<string, unknown>;
    const hashes = Object.fromEntries(HASHES.filter(([key]) => typeof record[key] === 'string' && record[key] !== '').map(([key, name]) => [name, record[key] as string]));
    if (Object.keys(hashes).length === 0) continue;
    const size = typeof record['file_size'] === 'number' ? { size: record['file_size'] } : {};
    into.add(fileWithHashes(hashes, { ...size, x_inthreat_tags: tags }), new Set(), date);
  }
}

/**
 * The STIX observables of an MWDB configuration, as the reference extracts them: the C2 domains,
 * IPs, URLs and e-mail addresses its family's rules name (each tagged with the family, with the
 * ports seen for it), and a `file` with the hashes of each sample the configuration came from.
 * The family is `cfg.type` (what MWDB's extractors write), else the configuration's `family`.
 */
export function configObservables(config: MwdbConfig, now: Date = new Date()): ConfigObservables {
  const family = typeof config.cfg['type'] === 'string' ? config.cfg['type'] : typeof config.family === 'string' ? config.family : undefined;
  const date = stixTimestamp(now);
  const tags = family ? [{ name: family, valid_from: date }] : [];
  const rules = family !== undefined && Object.hasOwn(MALWARE_RULES, family) ? MALWARE_RULES[family] : undefined;
  const found = new ObservableSet();
  for (const rule of rules ?? []) ruleObservables(rule, config.cfg, tags, date, found);
  fileObservables(config.files, tags, found, date);
  return { observables: found.values(), family, known: rules !== undefined };
}
