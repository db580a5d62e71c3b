import { buildModuleFiles, secretForms, secretKeysOf, secretValuesOf, type JsonSchema, type PluginDefinition } from '@ply/core';
import type { RecordedExchange } from './vendor-fixture.js';

/** What a scrubbed value is replaced with in fixtures. */
export const SCRUBBED = '[SCRUBBED]';

/**
 * Header, query parameter and JSON field names whose values are secrets: `key` alone (Shodan's
 * `?key=`), `access_key`, `x-apikey`, `api_key`, tokens, passwords, sessions, signatures...
 */
const SECRET_NAME = /passw|secret|token|^key$|api[-_]?key|apikey|access[-_]?key|^auth$|authori[sz]ation|credential|private[-_]?key|session[-_]?id|cookie|signature/i;
/** Headers that describe one connection, not the exchange: never stored. */
const CONNECTION_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'content-encoding', 'accept-encoding', 'date']);
/** A 1-3 character "secret" would scrub half the fixture. */
const MIN_SECRET_LENGTH = 4;

export interface ScrubOptions {
  /** Exact secret values (API keys, passwords...) to replace wherever they appear, in any encoding. */
  secrets?: string[];
  /**
   * The plugin under test: the names its module declares secret (configuration and item arguments
   * marked `.meta({ secret: true })`) are scrubbed as headers, query parameters and JSON fields.
   */
  plugin?: PluginDefinition;
  /** The module configuration used: the values of its secret keys are scrubbed too (needs `plugin`). */
  configuration?: Record<string, unknown>;
}

/** The names and values a scrub hides, resolved once per proxy or replay server. */
interface Scrubbing {
  names: ReadonlySet<string>;
  forms: string[];
}

/** The secret names of a plugin's module: its configuration's and every item's arguments'. */
function declaredSecrets(plugin: PluginDefinition): { configuration: string[]; all: string[] } {
  const files = buildModuleFiles(plugin, '0.0.0');
  const configuration = secretKeysOf((JSON.parse(files.get('manifest.json')!) as { configuration: JsonSchema }).configuration);
  const all = new Set(configuration);
  for (const [name, text] of files) {
    if (name === 'manifest.json') continue;
    for (const key of secretKeysOf((JSON.parse(text) as { arguments?: JsonSchema }).arguments ?? {})) all.add(key);
  }
  return { configuration, all: [...all] };
}

function scrubbing(options: ScrubOptions): Scrubbing {
  const values = [...(options.secrets ?? [])];
  const names = new Set<string>();
  if (options.plugin) {
    const declared = declaredSecrets(options.plugin);
    for (const name of declared.all) names.add(name.toLowerCase());
    if (options.configuration) values.push(...secretValuesOf(options.configuration, declared.configuration));
  }
  const forms = [...new Set(values.filter((value) => value.length >= MIN_SECRET_LENGTH).flatMap(secretForms))].sort((a, b) => b.length - a.length);
  return { names, forms };
}

const isSecretName = (name: string, scrub: Scrubbing): boolean => SECRET_NAME.test(name) || scrub.names.has(name.toLowerCase());

function replaceValues(text: string, scrub: Scrubbing): string {
  let out = text;
  for (const form of scrub.forms) out = out.split(form).join(SCRUBBED);
  return out;
}

function scrubValue(value: unknown, scrub: Scrubbing): unknown {
  if (typeof value === 'string') return replaceValues(value, scrub);
  if (Array.isArray(value)) return value.map((entry) => scrubValue(entry, scrub));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) out[key] = isSecretName(key, scrub) && entry !== null && typeof entry !== 'object' ? SCRUBBED : scrubValue(entry, scrub);
  return out;
}

function scrubHeaders(headers: Headers | Record<string, string>, scrub: Scrubbing): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    if (CONNECTION_HEADERS.has(key)) continue;
    out[key] = isSecretName(key, scrub) ? SCRUBBED : replaceValues(value, scrub);
  }
  return out;
}

/** A path with query: secret-looking and declared-secret parameters and the secret values replaced. */
function scrubPath(pathAndQuery: string, scrub: Scrubbing): string {
  const url = new URL(pathAndQuery, 'http://fixture.invalid');
  for (const name of [...new Set(url.searchParams.keys())]) {
    if (isSecretName(name, scrub)) url.searchParams.set(name, SCRUBBED);
  }
  return replaceValues(`${url.pathname}${url.search}`, scrub);
}

/** Scrubs exchanges with one set of options (the plugin's secrets are read once). */
export class SecretScrubber {
  private readonly scrub: Scrubbing;

  constructor(options: ScrubOptions = {}) {
    this.scrub = scrubbing(options);
  }

  /**
   * An exchange with its secrets removed: Authorization-like headers, secret-looking or declared
   * secret query parameters and JSON fields, and every occurrence of the secret values.
   */
  exchange(exchange: RecordedExchange): RecordedExchange {
    const { request, response } = exchange;
    return {
      request: this.request(request),
      response: {
        status: response.status,
        headers: scrubHeaders(response.headers, this.scrub),
        ...(response.body === undefined ? {} : { body: scrubValue(response.body, this.scrub) }),
      },
    };
  }

  /** The request part only, scrubbed the same way (the replay server matches on it). */
  request(request: RecordedExchange['request']): RecordedExchange['request'] {
    return {
      method: request.method,
      path: scrubPath(request.path, this.scrub),
      headers: scrubHeaders(request.headers, this.scrub),
      ...(request.body === undefined ? {} : { body: scrubValue(request.body, this.scrub) }),
    };
  }
}

/** {@link SecretScrubber.exchange} with one-off options. */
export function scrubExchange(exchange: RecordedExchange, options: ScrubOptions = {}): RecordedExchange {
  return new SecretScrubber(options).exchange(exchange);
}
