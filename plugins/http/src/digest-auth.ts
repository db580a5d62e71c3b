import { createHash, randomBytes } from 'node:crypto';

/** One `Digest` challenge of a `WWW-Authenticate` header (RFC 7616 §3.3). */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: string;
  qop: string[];
  userhash: boolean;
}

const HASHES: Record<string, string> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' };

/** The auth-params of one challenge: `key=token` or `key="quoted \"string\""`, comma-separated. */
function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  for (const match of text.matchAll(pattern)) params[match[1]!.toLowerCase()] = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!;
  return params;
}

/**
 * The strongest Digest challenge this client can answer among those of a `WWW-Authenticate`
 * header (a server may offer SHA-256 and MD5, and Basic beside them): SHA-512-256, then SHA-256,
 * then MD5, each plain or `-sess`. Undefined when there is none.
 */
export function digestChallenge(header: string | undefined): DigestChallenge | undefined {
  if (!header) return undefined;
  const challenges: DigestChallenge[] = [];
  // Challenges start at a scheme name; the parameters of each run to the next scheme.
  for (const part of header.split(/,?\s*(?=\b(?:Digest|Basic|Bearer|Negotiate|NTLM)\s)/i)) {
    const scheme = /^\s*(\w+)\s+([\s\S]*)$/.exec(part);
    if (!scheme || scheme[1]!.toLowerCase() !== 'digest') continue;
    const params = parseParams(scheme[2]!);
    const algorithm = (params['algorithm'] ?? 'MD5').toUpperCase();
    if (!params['realm'] || !params['nonce'] || !HASHES[algorithm.replace(/-SESS$/, '')]) continue;
    challenges.push({
      realm: params['realm'],
      nonce: params['nonce'],
      ...(params['opaque'] !== undefined ? { opaque: params['opaque'] } : {}),
      algorithm,
      qop: (params['qop'] ?? '').split(',').map((q) => q.trim().toLowerCase()).filter(Boolean),
      userhash: (params['userhash'] ?? '').toLowerCase() === 'true',
    });
  }
  const strength = (challenge: DigestChallenge) => ['MD5', 'SHA-256', 'SHA-512-256'].indexOf(challenge.algorithm.replace(/-SESS$/, ''));
  return challenges.sort((a, b) => strength(b) - strength(a))[0];
}

/** What the response to a challenge is computed over. */
export interface DigestRequest {
  method: string;
  /** The request-target: path and query (`/dir/index.html?x=1`). */
  uri: string;
  username: string;
  password: string;
  /** For qop `auth-int` only: the entity body. */
  body?: string | Uint8Array;
  /** Fixed in tests (RFC 7616's examples); random otherwise. */
  cnonce?: string;
  nc?: number;
}

function quoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The `Authorization: Digest ...` value answering `challenge` (RFC 7616 §3.4): H(A1) over
 * user:realm:password (with nonce and cnonce for `-sess`), H(A2) over method:uri (and the body's
 * hash for `auth-int`), response = KD(H(A1), nonce:nc:cnonce:qop:H(A2)) or, without qop, the
 * RFC 2069 form.
 */
export function digestAuthorization(challenge: DigestChallenge, request: DigestRequest): string {
  const hashName = HASHES[challenge.algorithm.replace(/-SESS$/, '')]!;
  const H = (data: string | Uint8Array) => createHash(hashName).update(data).digest('hex');
  const cnonce = request.cnonce ?? randomBytes(16).toString('hex');
  const nc = (request.nc ?? 1).toString(16).padStart(8, '0');
  const qop = challenge.qop.includes('auth') ? 'auth' : challenge.qop.includes('auth-int') ? 'auth-int' : undefined;
  let ha1 = H(`${request.username}:${challenge.realm}:${request.password}`);
  if (challenge.algorithm.endsWith('-SESS')) ha1 = H(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = H(qop === 'auth-int' ? `${request.method}:${request.uri}:${H(request.body ?? '')}` : `${request.method}:${request.uri}`);
  const response = qop ? H(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : H(`${ha1}:${challenge.nonce}:${ha2}`);
  const username = challenge.userhash ? H(`${request.username}:${challenge.realm}`) : request.username;
  const fields = [
    `username=${quoted(username)}`,
    `realm=${quoted(challenge.realm)}`,
    `uri=${quoted(request.uri)}`,
    `algorithm=${challenge.algorithm}`,
    `nonce=${quoted(challenge.nonce)}`,
    ...(qop ? [`nc=${nc}`, `cnonce=${quoted(cnonce)}`, `qop=${qop}`] : []),
    `response=${quoted(response)}`,
    ...(challenge.opaque !== undefined ? [`opaque=${quoted(challenge.opaque)}`] : []),
    ...(challenge.userhash ? ['userhash=true'] : []),
  ];
  return `Digest ${fields.join(', ')}`;
}
