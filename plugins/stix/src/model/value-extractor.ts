import { isIP } from 'node:net';
import type { StixObject } from './stix-object.js';
import { hashAlgorithmOf, makeObservable, observableOfValue, refang } from './observables.js';

/**
 * Finds observables in free text (an e-mail, a report, a chat message): URLs, e-mail addresses,
 * IPv4 and IPv6 addresses, MD5/SHA-1/SHA-256/SHA-512 digests, and domain names, defanged forms
 * included (`hxxp://`, `1.2.3[.]4`, `evil[.]com`, `user[@]example.com`). Each observable once,
 * in order of kind then first appearance. The host of a found URL is reported as a domain too (an
 * indicator of its own); the domain of an e-mail address is not, nor a file name such as
 * `report.pdf` (a common file extension is not read as a top-level domain).
 */
export function extractObservables(text: string): StixObject[] {
  const refanged = refang(text);
  const found = new Map<string, StixObject>();
  const add = (object: StixObject | undefined) => {
    if (object && !found.has(object.id)) found.set(object.id, object);
  };
  const hosts: string[] = [];
  let rest = refanged;
  for (const match of refanged.matchAll(URL_IN_TEXT)) {
    const url = trimTrailing(match[0]);
    add(makeObservable('url', { value: url }));
    rest = rest.replace(url, ' ');
    const host = hostOf(url);
    if (host !== undefined) hosts.push(host);
  }
  for (const match of rest.matchAll(EMAIL_IN_TEXT)) {
    add(makeObservable('email-addr', { value: match[0] }));
    rest = rest.replace(match[0], ' ');
  }
  for (const match of refanged.matchAll(IPV4_IN_TEXT)) if (isIP(match[0]) === 4) add(makeObservable('ipv4-addr', { value: match[0] }));
  for (const match of refanged.matchAll(IPV6_CANDIDATE)) {
    const candidate = match[0].replace(/^\[|\]$/g, '');
    if (candidate.includes(':') && isIP(candidate) === 6) add(makeObservable('ipv6-addr', { value: candidate }));
  }
  for (const match of refanged.matchAll(HEX_IN_TEXT)) if (hashAlgorithmOf(match[0])) add(observableOfValue('file', match[0]));
  for (const host of hosts) if (isIP(host) === 0) add(makeObservable('domain-name', { value: host.toLowerCase() }));
  for (const match of rest.matchAll(DOMAIN_IN_TEXT)) {
    const domain = match[0].toLowerCase();
    if (isIP(domain) || FILE_SUFFIX.test(domain)) continue;
    add(makeObservable('domain-name', { value: domain }));
  }
  return [...found.values()];
}

const URL_IN_TEXT = /\b(?:https?|ftp):\/\/[^\s"'<>()[\]{}]+/gi;
const EMAIL_IN_TEXT = /\b[a-z0-9._%+-]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\b/gi;
const IPV4_IN_TEXT = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g;
const IPV6_CANDIDATE = /(?<![0-9a-f:])\[?(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:(?:\d{1,3}\.){3}\d{1,3})?\]?(?![0-9a-f:])/gi;
const HEX_IN_TEXT = /\b[0-9a-f]{32,128}\b/gi;
const DOMAIN_IN_TEXT = /(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9](?![\w-]|\.\w)/gi;
const FILE_SUFFIX = /\.(?:exe|dll|pdf|docx?|xlsx?|pptx?|zip|rar|7z|txt|js|vbs|ps1|bat|sh|py|jpg|jpeg|png|gif|iso|img|lnk|msi|html?|php|json|xml|csv|log)$/i;

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '') || undefined;
  } catch {
    return undefined;
  }
}

/** A URL ending a sentence keeps no trailing punctuation. */
function trimTrailing(url: string): string {
  return url.replace(/[.,;:!?]+$/, '');
}
