// After MS-NLMP: https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-nlmp/ (§3.2.5 server, §3.4 session security).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AV, FLAGS } from '../../src/ntlm/ntlm-flags.js';
import { challengeMessage, encodeAvPairs, parseAuthenticate, parseAvPairs, parseNegotiate, utf16 } from '../../src/ntlm/ntlm-messages.js';
import { NtlmSession } from '../../src/ntlm/ntlm-session.js';
import { fileTime, hmacMd5, messageIntegrityCode, ntowfv2 } from '../../src/ntlm/ntlmv2.js';
import { rc4 } from '../../src/ntlm/rc4.js';

/** The server's side of one connection's NTLM exchange (MS-NLMP §3.2.5), as a Windows server checks it. */
export class NtlmAcceptor {
  private negotiate: Buffer | undefined;
  private challenge: Buffer | undefined;
  private serverChallenge = randomBytes(8);

  constructor(
    private readonly account: { user: string; domain: string; password: string },
    private readonly computer = 'WIN-FAKE',
  ) {}

  /** NEGOTIATE → CHALLENGE: the server's challenge, its names and a timestamp in the target info. */
  challengeFor(token: Buffer): Buffer {
    const flags = parseNegotiate(token).flags;
    if (!(flags & FLAGS.EXTENDED_SESSIONSECURITY) || !(flags & FLAGS.UNICODE)) throw new Error('NTLM negotiation without extended session security or Unicode');
    this.negotiate = token;
    this.serverChallenge = randomBytes(8);
    const info = encodeAvPairs([
      { id: AV.NB_DOMAIN, value: utf16(this.account.domain || this.computer) },
      { id: AV.NB_COMPUTER, value: utf16(this.computer) },
      { id: AV.DNS_DOMAIN, value: utf16('corp.example') },
      { id: AV.DNS_COMPUTER, value: utf16(`${this.computer.toLowerCase()}.corp.example`) },
      { id: AV.TIMESTAMP, value: fileTime() },
    ]);
    const answer = (FLAGS.UNICODE | FLAGS.REQUEST_TARGET | FLAGS.SIGN | FLAGS.SEAL | FLAGS.NTLM | FLAGS.ALWAYS_SIGN | FLAGS.TARGET_TYPE_SERVER | FLAGS.EXTENDED_SESSIONSECURITY | FLAGS.TARGET_INFO | FLAGS.VERSION | FLAGS.NEGOTIATE_128 | FLAGS.KEY_EXCH | FLAGS.NEGOTIATE_56) & (flags | FLAGS.TARGET_TYPE_SERVER | FLAGS.TARGET_INFO | FLAGS.VERSION);
    this.challenge = challengeMessage({ flags: answer >>> 0, serverChallenge: this.serverChallenge, targetName: utf16(this.computer), targetInfo: info, version: Buffer.from([10, 0, 0x63, 0x45, 0, 0, 0, 15]) });
    return this.challenge;
  }

  /**
   * AUTHENTICATE: the user and its domain, the NTLMv2 proof recomputed from the password, the MIC
   * the client must send (the challenge had a timestamp); the session keys on success, undefined
   * when the credentials are wrong.
   */
  accept(token: Buffer): NtlmSession | undefined {
    if (!this.challenge || !this.negotiate) throw new Error('NTLM authenticate before a challenge');
    // The MIC is there when the client's AV pairs say so; read the NT response first without it.
    const probe = parseAuthenticate(token, false);
    const temp = probe.ntResponse.subarray(16);
    const pairs = parseAvPairs(temp.subarray(28));
    const avFlags = pairs.find((pair) => pair.id === AV.FLAGS)?.value.readUInt32LE(0) ?? 0;
    if (!(avFlags & 2)) return undefined;
    const message = parseAuthenticate(token, true);
    const user = message.user.toString('utf16le');
    const domain = message.domain.toString('utf16le');
    if (user.toLowerCase() !== this.account.user.toLowerCase() || (domain !== '' && this.account.domain !== '' && domain.toLowerCase() !== this.account.domain.toLowerCase())) return undefined;
    const key = ntowfv2(this.account.password, user, domain);
    const proof = hmacMd5(key, this.serverChallenge, temp);
    if (!timingSafeEqual(proof, message.ntResponse.subarray(0, 16))) return undefined;
    const sessionBaseKey = hmacMd5(key, proof);
    if (!(message.flags & FLAGS.KEY_EXCH) || message.encryptedSessionKey.length !== 16) return undefined;
    const exported = rc4(sessionBaseKey, message.encryptedSessionKey);
    const zeroed = Buffer.from(token);
    zeroed.fill(0, 72, 88);
    if (!timingSafeEqual(messageIntegrityCode(exported, this.negotiate, this.challenge, zeroed), message.mic!)) return undefined;
    return new NtlmSession(exported, 'server');
  }
}
