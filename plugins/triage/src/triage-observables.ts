import { fileWithHashes, hashAlgorithmOf, kindOfValue, makeObservable, stixTimestamp, type StixObject } from '@ply/plugin-stix/model';
import type { MalwareResults } from './triage-raw-results.js';

/** A C2 given as `host:port` (a domain or an IPv4 address, no scheme, no path). */
const HOST_PORT = /^([^/:\s]+):(\d{2,5})$/;
/** A C2 given as `host[:port]/path` without a scheme: the reference reads it as an http URL. */
const URL_WITHOUT_SCHEME = /^[^/:\s]+(?::\d{2,5})?\/\S*$/;

/** How the reference marks what it made: the family as a tag (with the C2's port), and the Triage report as the source. */
function provenance(malware: string, sampleId: string, port?: string): Record<string, unknown> {
  return {
    x_inthreat_tags: [{ name: malware, ...(port ? { port } : {}), valid_from: stixTimestamp() }],
    x_external_references: [{ description: `${malware} sample analyzed by Hatching's sandbox`, source_name: 'Hatching Triage', url: `https://tria.ge/${sampleId}` }],
  };
}

/** The observable of a C2 as the reference reads it: domain or IPv4 (with its port), URL, or a scheme-less URL; undefined for anything else. */
export function c2Observable(c2: string, malware: string, sampleId: string): StixObject | undefined {
  const hostPort = HOST_PORT.exec(c2);
  if (hostPort) {
    const kind = kindOfValue(hostPort[1]!);
    if (kind !== 'domain-name' && kind !== 'ipv4-addr') return undefined;
    return makeObservable(kind, { value: hostPort[1]!, ...provenance(malware, sampleId, hostPort[2]) });
  }
  const kind = kindOfValue(c2);
  if (kind === 'domain-name' || kind === 'ipv4-addr' || kind === 'url') return makeObservable(kind, { value: c2, ...provenance(malware, sampleId) });
  if (URL_WITHOUT_SCHEME.test(c2) && kindOfValue(`http://${c2}`) === 'url') return makeObservable('url', { value: `http://${c2}`, ...provenance(malware, sampleId) });
  return undefined;
}

/** A URL the sample's dropper fetched; undefined when it is not a URL. */
export function urlObservable(url: string, malware: string, sampleId: string): StixObject | undefined {
  return kindOfValue(url) === 'url' ? makeObservable('url', { value: url, ...provenance(malware, sampleId) }) : undefined;
}

/** One file observable with the sample's hashes (the reference reads the first four, lowercase hex only). */
export function fileObservable(hashes: readonly string[], malware: string, sampleId: string): StixObject | undefined {
  const byAlgorithm: Record<string, string> = {};
  for (const hash of hashes.slice(0, 4)) {
    const algorithm = /^[0-9a-f]+$/.test(hash) ? hashAlgorithmOf(hash) : undefined;
    if (algorithm) byAlgorithm[algorithm] = hash;
  }
  return Object.keys(byAlgorithm).length > 0 ? fileWithHashes(byAlgorithm, provenance(malware, sampleId)) : undefined;
}

/**
 * Adds `observable` to `objects`, keyed by its (deterministic) id: a value seen again, in another
 * sample or family, keeps one object carrying every tag and every source.
 */
function merge(objects: Map<string, StixObject>, observable: StixObject | undefined): void {
  if (!observable) return;
  const known = objects.get(observable.id);
  if (!known) {
    objects.set(observable.id, observable);
    return;
  }
  const union = (key: string) => {
    const all = [...((known[key] as unknown[] | undefined) ?? []), ...((observable[key] as unknown[] | undefined) ?? [])];
    return [...new Map(all.map((entry) => [JSON.stringify(entry), entry])).values()];
  };
  objects.set(observable.id, { ...known, x_inthreat_tags: union('x_inthreat_tags'), x_external_references: union('x_external_references') });
}

/** The observables of Triage raw results (the trigger's file): C2s, dropper URLs, and a file per sample with its hashes. */
export function triageObservables(results: readonly MalwareResults[]): StixObject[] {
  const objects = new Map<string, StixObject>();
  for (const { malware, samples } of results) {
    for (const [sampleId, iocs] of Object.entries(samples)) {
      for (const c2 of iocs.sample_c2s) merge(objects, c2Observable(c2.trim(), malware, sampleId));
      for (const url of iocs.sample_urls) merge(objects, urlObservable(url.trim(), malware, sampleId));
      merge(objects, fileObservable(iocs.sample_hashes, malware, sampleId));
    }
  }
  return [...objects.values()];
}
