import { randomBytes } from 'node:crypto';
import { AV, CLIENT_FLAGS, CLIENT_VERSION, FLAGS } from './ntlm-flags.js';
import { authenticateMessage, encodeAvPairs, negotiateMessage, parseAvPairs, parseChallenge, utf16 } from './ntlm-messages.js';
import { NtlmSession } from './ntlm-session.js';
import { fileTime, messageIntegrityCode, ntlmv2Responses, ntlmv2Temp, ntowfv2 } from './ntlmv2.js';
import { rc4 } from './rc4.js';

/** Values a real exchange draws at random or from the clock; tests fix them to replay MS-NLMP §4.2.4. */
export interface NtlmInputs {
  clientChallenge?: Buffer;
  exportedSessionKey?: Buffer;
  time?: Buffer;
  workstation?: string;
  version?: Buffer;
}

/** `DOMAIN\user` or `user@domain` split as Windows reads them; a bare name has no domain. */
export function splitAccount(account: string): { user: string; domain: string } {
  const backslash = account.indexOf('\\');
  if (backslash >= 0) return { domain: account.slice(0, backslash), user: account.slice(backslash + 1) };
  return { user: account, domain: '' };
}

/**
 * The client side of an NTLMv2 handshake (MS-NLMP §3.1.5): `negotiate()` gives the first token;
 * `authenticate(challenge)` the third, with the session security (signing and sealing keys) the
 * exchange established.
 */
export class NtlmClient {
  private negotiateToken: Buffer | undefined;

  constructor(
    private readonly account: { user: string; domain: string; password: string },
    private readonly inputs: NtlmInputs = {},
  ) {}

  negotiate(): Buffer {
    this.negotiateToken = negotiateMessage(CLIENT_FLAGS, CLIENT_VERSION);
    return this.negotiateToken;
  }

  authenticate(challengeToken: Buffer): { token: Buffer; session: NtlmSession; exportedSessionKey: Buffer } {
    const challenge = parseChallenge(challengeToken);
    if (!(challenge.flags & FLAGS.EXTENDED_SESSIONSECURITY) || !(challenge.flags & FLAGS.KEY_EXCH) || !(challenge.flags & FLAGS.NEGOTIATE_128)) {
      throw new Error('the server does not offer NTLMv2 with extended session security and 128-bit key exchange');
    }
    const pairs = parseAvPairs(challenge.targetInfo);
    const timestamp = pairs.find((pair) => pair.id === AV.TIMESTAMP)?.value;
    // With the server's timestamp the client sends a MIC and says so in MsvAvFlags (§3.1.5.1.2).
    const targetInfo = timestamp
      ? encodeAvPairs([...pairs.filter((pair) => pair.id !== AV.FLAGS), { id: AV.FLAGS, value: Buffer.from([2, 0, 0, 0]) }])
      : challenge.targetInfo;
    const clientChallenge = this.inputs.clientChallenge ?? randomBytes(8);
    const temp = ntlmv2Temp(this.inputs.time ?? timestamp ?? fileTime(), clientChallenge, targetInfo);
    const responseKey = ntowfv2(this.account.password, this.account.user, this.account.domain);
    const responses = ntlmv2Responses(responseKey, challenge.serverChallenge, clientChallenge, temp, timestamp !== undefined);
    const exportedSessionKey = this.inputs.exportedSessionKey ?? randomBytes(16);
    const flags = ((challenge.flags & ~(FLAGS.OEM | FLAGS.TARGET_TYPE_DOMAIN | FLAGS.TARGET_TYPE_SERVER)) | FLAGS.REQUEST_TARGET) >>> 0;
    const message = {
      lmResponse: responses.lmResponse,
      ntResponse: responses.ntResponse,
      domain: utf16(this.account.domain),
      user: utf16(this.account.user),
      workstation: utf16(this.inputs.workstation ?? 'PLY'),
      encryptedSessionKey: rc4(responses.sessionBaseKey, exportedSessionKey),
      flags,
      version: this.inputs.version ?? CLIENT_VERSION,
      mic: timestamp ? Buffer.alloc(16) : undefined,
    };
    let token = authenticateMessage(message);
    if (timestamp) {
      const mic = messageIntegrityCode(exportedSessionKey, this.negotiateToken ?? Buffer.alloc(0), challengeToken, token);
      token = authenticateMessage({ ...message, mic });
    }
    return { token, session: new NtlmSession(exportedSessionKey, 'client'), exportedSessionKey };
  }
}
