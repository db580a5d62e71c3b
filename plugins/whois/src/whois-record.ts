import { all, first, referenceDate, whoisFields } from './whois-text.js';

/** The reference's `Whois{…}` object, plus where it came from. */
export interface WhoisRecord extends Record<string, unknown> {
  Domain?: string;
  DomainStatus?: string[];
  DNSSec?: string;
  Raw?: string;
  NameServers?: string[];
  CreationDate?: string;
  UpdatedDate?: string;
  ExpirationDate?: string;
  Registrar?: { Name?: string; AbuseEmail?: string };
  Registrant?: { Name?: string; Email?: string };
  /** Ply addition: `rdap` or `whois`. */
  Source: 'rdap' | 'whois';
  /** Ply addition: the servers that answered, in order. */
  Servers?: string[];
}

const unique = (values: string[]): string[] => [...new Set(values)];

function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

/**
 * The record of WHOIS answers, the registry's first and the registrar's after it: the registrar
 * knows the registrant and its abuse contact best, the registry the dates and status it holds.
 * IP answers (RIRs: `NetRange`, `inetnum`, `OrgName`, `org-name`...) fill the same fields.
 */
export function recordFromWhois(name: string, answers: Array<{ server: string; text: string }>): WhoisRecord {
  const parsed = answers.map((answer) => whoisFields(answer.text));
  const registry = parsed[0] ?? new Map<string, string[]>();
  const latest = [...parsed].reverse();
  const fromAny = (...keys: string[]) => latest.map((fields) => first(fields, ...keys)).find(Boolean);
  const fromRegistry = (...keys: string[]) => first(registry, ...keys) ?? fromAny(...keys);
  const status = unique(all(registry, 'domain status', 'status').map((value) => value.split(/\s+/)[0]!));
  const nameServers = unique(parsed.flatMap((fields) => all(fields, 'name server', 'nserver', 'nameserver')).map((value) => value.split(/\s+/)[0]!.toLowerCase()));
  const dnssec = fromRegistry('dnssec');
  const created = referenceDate(fromRegistry('creation date', 'created', 'registered on', 'regdate', 'registration time'));
  const updated = referenceDate(fromRegistry('updated date', 'last-modified', 'updated', 'last updated', 'changed'));
  const expires = referenceDate(fromRegistry('registry expiry date', 'registrar registration expiration date', 'expiration date', 'expiry date', 'paid-till'));
  const registrar = compact({ Name: fromAny('registrar', 'sponsoring registrar'), AbuseEmail: fromAny('registrar abuse contact email', 'orgabuseemail', 'abuse-mailbox') });
  const registrant = compact({ Name: fromAny('registrant name', 'registrant organization', 'orgname', 'org-name', 'netname'), Email: fromAny('registrant email') });
  return {
    Domain: fromRegistry('domain name', 'domain') ?? name,
    ...(status.length ? { DomainStatus: status } : {}),
    ...(dnssec ? { DNSSec: dnssec } : {}),
    Raw: answers.map((answer) => answer.text).join('\n'),
    ...(nameServers.length ? { NameServers: nameServers } : {}),
    ...(created ? { CreationDate: created } : {}),
    ...(updated ? { UpdatedDate: updated } : {}),
    ...(expires ? { ExpirationDate: expires } : {}),
    ...(registrar ? { Registrar: registrar } : {}),
    ...(registrant ? { Registrant: registrant } : {}),
    Source: 'whois',
    Servers: answers.map((answer) => answer.server),
  };
}
