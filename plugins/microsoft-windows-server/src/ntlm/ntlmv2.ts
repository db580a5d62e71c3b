import { createHash, createHmac } from 'node:crypto';
import { md4 } from './md4.js';
import { utf16 } from './ntlm-messages.js';

const hmacMd5 = (key: Uint8Array, ...data: Uint8Array[]) => {
  const mac = createHmac('md5', key);
  for (const part of data) mac.update(part);
  return mac.digest();
};

/** NTOWFv2 (MS-NLMP §3.3.2): HMAC_MD5(MD4(UNICODE(password)), UNICODE(Uppercase(user) + domain)). */
export function ntowfv2(password: string, user: string, domain: string): Buffer {
  return hmacMd5(md4(utf16(password)), utf16(user.toUpperCase() + domain));
}

/** The `temp` of §3.3.2: version 1.1, the time (FILETIME), the client challenge and the server's AV pairs. */
export function ntlmv2Temp(time: Buffer, clientChallenge: Buffer, targetInfo: Buffer): Buffer {
  return Buffer.concat([Buffer.from([1, 1]), Buffer.alloc(6), time, clientChallenge, Buffer.alloc(4), targetInfo, Buffer.alloc(4)]);
}

export interface Ntlmv2Responses {
  ntResponse: Buffer;
  lmResponse: Buffer;
  ntProofStr: Buffer;
  sessionBaseKey: Buffer;
}

/**
 * The NTLMv2 responses (§3.3.2): NTProofStr = HMAC_MD5(ResponseKeyNT, ServerChallenge + temp),
 * the NT response NTProofStr + temp, the LMv2 response (zeros when the server sent a timestamp:
 * the MIC protects the exchange instead), and SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr).
 */
export function ntlmv2Responses(responseKey: Buffer, serverChallenge: Buffer, clientChallenge: Buffer, temp: Buffer, withTimestamp: boolean): Ntlmv2Responses {
  const ntProofStr = hmacMd5(responseKey, serverChallenge, temp);
  return {
    ntProofStr,
    ntResponse: Buffer.concat([ntProofStr, temp]),
    lmResponse: withTimestamp ? Buffer.alloc(24) : Buffer.concat([hmacMd5(responseKey, serverChallenge, clientChallenge), clientChallenge]),
    sessionBaseKey: hmacMd5(responseKey, ntProofStr),
  };
}

/** MIC (§3.1.5.1.2): HMAC_MD5(ExportedSessionKey, NEGOTIATE + CHALLENGE + AUTHENTICATE with a zero MIC). */
export function messageIntegrityCode(exportedSessionKey: Buffer, negotiate: Buffer, challenge: Buffer, authenticate: Buffer): Buffer {
  return hmacMd5(exportedSessionKey, negotiate, challenge, authenticate);
}

const magic = (text: string) => Buffer.from(`${text}\0`, 'latin1');

/** SIGNKEY and SEALKEY (§3.4.5.2, §3.4.5.3) of one direction, 128-bit keys with extended session security. */
export function directionKeys(exportedSessionKey: Buffer, direction: 'client-to-server' | 'server-to-client'): { signKey: Buffer; sealKey: Buffer } {
  const md5 = (text: string) => createHash('md5').update(exportedSessionKey).update(magic(text)).digest();
  return { signKey: md5(`session key to ${direction} signing key magic constant`), sealKey: md5(`session key to ${direction} sealing key magic constant`) };
}

/** The current time as a Windows FILETIME (100 ns since 1601-01-01), little-endian. */
export function fileTime(now = Date.now()): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64LE((BigInt(now) + 11_644_473_600_000n) * 10_000n);
  return out;
}

export { hmacMd5 };
