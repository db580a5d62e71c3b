import { isIP } from 'node:net';
import { PlyError, isPlyError, type ActionContext } from '@ply/core';
import { getDomain } from 'tldts';
import type { WhoisConfiguration } from './configuration.js';
import { rdapBase, rdapLookup } from './rdap.js';
import { whoisQuery } from './whois-protocol.js';
import { recordFromWhois, type WhoisRecord } from './whois-record.js';
import { referralOf, saysNotFound } from './whois-text.js';

/** Servers asked after IANA at most (registry, registrar, a reseller): a referral loop ends there. */
const MAX_REFERRALS = 3;

type Target = { domain: string } | { ip: string };

/**
 * What the query names: an IP address as it is, else the registered domain of a domain or URL
 * (`https://www.sub.example.co.uk/x` is `example.co.uk`), read with the Public Suffix List's ICANN
 * section (tldts' embedded copy), as the reference's tldextract does.
 */
export function targetOf(query: string): Target {
  const text = query.trim();
  const bare = text.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return { ip: bare };
  const domain = getDomain(text, { allowPrivateDomains: false });
  if (!domain) throw new PlyError('PLY_ARGUMENTS_INVALID', `query "${query}" is neither a domain, a URL nor an IP address`, { details: { issues: [{ pointer: '/query', message: 'must be a domain, a URL or an IP address' }] } });
  return { domain: domain.toLowerCase() };
}

/** WHOIS over TCP 43 (RFC 3912): IANA, then each referral (registry, registrar), as python-whois follows them. */
async function whoisChain(ctx: ActionContext<WhoisConfiguration>, query: string): Promise<Array<{ server: string; text: string }>> {
  const options = { routes: ctx.config.servers, timeoutMs: ctx.config.timeout_seconds * 1000, signal: ctx.signal };
  const iana = await whoisQuery(ctx.config.iana_server, query, options);
  const answers: Array<{ server: string; text: string }> = [];
  const asked = new Set([ctx.config.iana_server.toLowerCase()]);
  let next = referralOf(iana);
  if (!next) return [{ server: ctx.config.iana_server, text: iana }];
  while (next && !asked.has(next.toLowerCase()) && answers.length < MAX_REFERRALS) {
    asked.add(next.toLowerCase());
    try {
      const text = await whoisQuery(next, query, options);
      answers.push({ server: next, text });
      next = referralOf(text);
    } catch (error) {
      // The registry answered: a registrar that cannot be reached loses its details, not the lookup.
      if (answers.length === 0 || !isPlyError(error) || error.code === 'PLY_ACTION_CANCELLED') throw error;
      ctx.log.warn('a referred WHOIS server did not answer; keeping what the others said', { server: next, error: error.message });
      break;
    }
  }
  return answers;
}

/**
 * The record of a query: RDAP when the registry offers it (and the account allows it), WHOIS over
 * TCP 43 otherwise or when the RDAP server fails; undefined when the registry has no such object.
 */
export async function lookup(ctx: ActionContext<WhoisConfiguration>, query: string): Promise<{ name: string; record: WhoisRecord | undefined }> {
  const target = targetOf(query);
  const name = 'domain' in target ? target.domain : target.ip;
  if (ctx.config.proxy) ctx.log.warn('the proxy setting is not used: WHOIS and RDAP requests go direct');
  if (ctx.config.rdap) {
    try {
      const base = await rdapBase(ctx, target);
      if (base) return { name, record: await rdapLookup(ctx, base, target) };
    } catch (error) {
      if (!isPlyError(error) || error.code === 'PLY_ACTION_CANCELLED') throw error;
      ctx.log.warn('RDAP failed; asking WHOIS', { error: error.message });
    }
  }
  const answers = await whoisChain(ctx, name);
  const last = answers.at(-1)!;
  if (saysNotFound(answers[0]!.text) || saysNotFound(last.text)) return { name, record: undefined };
  return { name, record: recordFromWhois(name, answers) };
}
