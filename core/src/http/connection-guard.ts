import { Agent as HttpAgent, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { ConnectionPolicy, LookupFunction, UrlParts } from '../contracts/http.js';
import { PlyError } from '../errors/ply-error.js';

/** A refusal of the policy, thrown before anything is sent. */
function denied(url: UrlParts, reason: string): PlyError {
  return new PlyError('PLY_HTTP_HOST_DENIED', `connection to ${url.protocol}//${url.host} refused by the HTTP host policy: ${reason}`, { details: { host: url.hostname, reason } });
}

/**
 * Each policy gets agents of its own: a socket opened by a client without the policy (or with
 * another one) is never reused for this one's requests, and every socket in these pools was
 * opened through the guarded lookup below.
 */
const agents = new WeakMap<ConnectionPolicy, { http: HttpAgent; https: HttpsAgent }>();

function agentsOf(policy: ConnectionPolicy): { http: HttpAgent; https: HttpsAgent } {
  let pair = agents.get(policy);
  if (!pair) {
    pair = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
    agents.set(policy, pair);
  }
  return pair;
}

/**
 * Makes `options` connect only where `policy` allows: an IP literal is judged at once; a name is
 * resolved by a lookup that judges every address it returns (all of them, as Node asks for when
 * it races IPv4 and IPv6) before the socket connects, so neither a redirect nor a name that
 * resolves to 127.0.0.1 gets around it. Throws {@link PlyError} `PLY_HTTP_HOST_DENIED`.
 */
export function guardConnection(url: UrlParts, options: RequestOptions, policy: ConnectionPolicy): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  options.agent = url.protocol === 'https:' ? agentsOf(policy).https : agentsOf(policy).http;
  if (isIP(host)) {
    const reason = policy.refusal(host, host);
    if (reason !== undefined) throw denied(url, reason);
    return;
  }
  const resolve: LookupFunction = policy.lookup ?? (dnsLookup as unknown as LookupFunction);
  options.lookup = ((hostname: string, lookupOptions: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    resolve(hostname, lookupOptions, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      for (const candidate of addresses) {
        const reason = policy.refusal(host, candidate);
        if (reason !== undefined) return callback(denied(url, reason) as unknown as NodeJS.ErrnoException, address, family);
      }
      callback(null, address, family);
    });
  }) as RequestOptions['lookup'];
}
