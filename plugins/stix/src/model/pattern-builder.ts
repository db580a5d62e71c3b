import type { StixObject } from './stix-object.js';

/** A STIX string literal (§9.3): quoted with `'`, backslash and quote escaped. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A property path component: bare when the grammar allows it (`MD5`), quoted otherwise (`'SHA-256'`). */
export function pathComponent(name: string): string {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name) ? name : stringLiteral(name);
}

/** One comparison: `<type>:<path> = <literal>` with the literal typed as the value is. */
export function comparison(type: string, path: readonly string[], value: string | number | boolean, operator = '='): string {
  const literal = typeof value === 'string' ? stringLiteral(value) : String(value);
  return `${type}:${path.map(pathComponent).join('.')} ${operator} ${literal}`;
}

/**
 * The comparisons that identify an observable, or undefined for a type this library does not
 * turn into a pattern. A file is matched by any of its hashes (OR), else by name.
 */
export function comparisonsOf(observable: StixObject): { join: 'AND' | 'OR'; comparisons: string[] } | undefined {
  const { type } = observable;
  const text = (name: string) => (typeof observable[name] === 'string' ? (observable[name] as string) : undefined);
  switch (type) {
    case 'ipv4-addr':
    case 'ipv6-addr':
    case 'domain-name':
    case 'url':
    case 'email-addr':
    case 'mac-addr': {
      const value = text('value');
      return value === undefined ? undefined : { join: 'AND', comparisons: [comparison(type, ['value'], value)] };
    }
    case 'file':
    case 'x509-certificate':
    case 'artifact': {
      const hashes = Object.entries((observable['hashes'] as Record<string, unknown> | undefined) ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
      if (hashes.length > 0) return { join: 'OR', comparisons: hashes.map(([name, value]) => comparison(type, ['hashes', name], value)) };
      const name = text('name');
      return type === 'file' && name !== undefined ? { join: 'AND', comparisons: [comparison(type, ['name'], name)] } : undefined;
    }
    case 'autonomous-system':
      return typeof observable['number'] === 'number' ? { join: 'AND', comparisons: [comparison(type, ['number'], observable['number'])] } : undefined;
    case 'mutex':
      return text('name') === undefined ? undefined : { join: 'AND', comparisons: [comparison(type, ['name'], text('name')!)] };
    case 'windows-registry-key':
      return text('key') === undefined ? undefined : { join: 'AND', comparisons: [comparison(type, ['key'], text('key')!)] };
    case 'user-account':
      return text('account_login') === undefined ? undefined : { join: 'AND', comparisons: [comparison(type, ['account_login'], text('account_login')!)] };
    case 'directory':
      return text('path') === undefined ? undefined : { join: 'AND', comparisons: [comparison(type, ['path'], text('path')!)] };
    default:
      return undefined;
  }
}

/** The STIX pattern (§9) that matches an observable, e.g. `[ipv4-addr:value = '1.2.3.4']`; undefined when unsupported. */
export function patternOf(observable: StixObject): string | undefined {
  const parts = comparisonsOf(observable);
  return parts && `[${parts.comparisons.join(` ${parts.join} `)}]`;
}
