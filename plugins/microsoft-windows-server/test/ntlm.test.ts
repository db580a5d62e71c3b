import { describe, expect, it } from 'vitest';
import { md4 } from '../src/ntlm/md4.js';
import { NtlmClient } from '../src/ntlm/ntlm-client.js';
import { NtlmSession } from '../src/ntlm/ntlm-session.js';
import { directionKeys, ntlmv2Responses, ntlmv2Temp, ntowfv2 } from '../src/ntlm/ntlmv2.js';
import { rc4 } from '../src/ntlm/rc4.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

// MS-NLMP §4.2.1 common values and §4.2.4 (NTLMv2 authentication) expected results.
const SERVER_CHALLENGE = hex('01 23 45 67 89 ab cd ef');
const CLIENT_CHALLENGE = hex('aa aa aa aa aa aa aa aa');
const RANDOM_SESSION_KEY = hex('55 55 55 55 55 55 55 55 55 55 55 55 55 55 55 55');
const TIME = hex('00 00 00 00 00 00 00 00');
const TARGET_INFO = hex('02 00 0c 00 44 00 6f 00 6d 00 61 00 69 00 6e 00 01 00 0c 00 53 00 65 00 72 00 76 00 65 00 72 00 00 00 00 00');
const CHALLENGE_MESSAGE = hex(`4e 54 4c 4d 53 53 50 00 02 00 00 00 03 00 0c 00 38 00 00 00 33 82 8a e2 01 23 45 67 89 ab cd ef
  00 00 00 00 00 00 00 00 24 00 24 00 44 00 00 00 06 00 70 17 00 00 00 0f 53 00 65 00 72 00 76 00
  65 00 72 00 02 00 0c 00 44 00 6f 00 6d 00 61 00 69 00 6e 00 01 00 0c 00 53 00 65 00 72 00 76 00
  65 00 72 00 00 00 00 00`);
const AUTHENTICATE_MESSAGE = hex(`4e 54 4c 4d 53 53 50 00 03 00 00 00 18 00 18 00 6c 00 00 00 54 00 54 00 84 00 00 00 0c 00 0c 00
  48 00 00 00 08 00 08 00 54 00 00 00 10 00 10 00 5c 00 00 00 10 00 10 00 d8 00 00 00 35 82 88 e2
  05 01 28 0a 00 00 00 0f 44 00 6f 00 6d 00 61 00 69 00 6e 00 55 00 73 00 65 00 72 00 43 00 4f 00
  4d 00 50 00 55 00 54 00 45 00 52 00 86 c3 50 97 ac 9c ec 10 25 54 76 4a 57 cc cc 19 aa aa aa aa
  aa aa aa aa 68 cd 0a b8 51 e5 1c 96 aa bc 92 7b eb ef 6a 1c 01 01 00 00 00 00 00 00 00 00 00 00
  00 00 00 00 aa aa aa aa aa aa aa aa 00 00 00 00 02 00 0c 00 44 00 6f 00 6d 00 61 00 69 00 6e 00
  01 00 0c 00 53 00 65 00 72 00 76 00 65 00 72 00 00 00 00 00 00 00 00 00 c5 da d2 54 4f c9 79 90
  94 ce 1c e9 0b c9 d0 3e`);

describe('MD4 and RC4 (Node 20 has neither)', () => {
  it('MD4 gives the RFC 1320 test suite digests', () => {
    const suite: Array<[string, string]> = [
      ['', '31d6cfe0d16ae931b73c59d7e0c089c0'],
      ['a', 'bde52cb31de33e46245e05fbdbd6fb24'],
      ['abc', 'a448017aaf21d8525fc10ae87aa6729d'],
      ['message digest', 'd9130a8164549fe818874806e1c7014b'],
      ['abcdefghijklmnopqrstuvwxyz', 'd79e1c308aa5bbcdeea8ed63df412da9'],
      ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '043f8582f241db351ce627e153e7f0e4'],
      ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', 'e33b4ddc9c38f2199c3e7b164fcc0536'],
    ];
    for (const [input, digest] of suite) expect(md4(Buffer.from(input)).toString('hex'), input).toBe(digest);
  });

  it('RC4 gives the RFC 6229 key stream for a 40-bit key', () => {
    expect(rc4(hex('0102030405'), Buffer.alloc(16)).toString('hex')).toBe('b2396305f03dc027ccc3524a0a1118a8');
  });
});

describe('NTLMv2 (MS-NLMP §4.2.4 test vectors)', () => {
  it('computes NTOWFv2, the responses, the session base key and the encrypted session key', () => {
    const key = ntowfv2('Password', 'User', 'Domain');
    expect(key.toString('hex')).toBe('0c868a403bfd7a93a3001ef22ef02e3f');
    const temp = ntlmv2Temp(TIME, CLIENT_CHALLENGE, TARGET_INFO);
    const responses = ntlmv2Responses(key, SERVER_CHALLENGE, CLIENT_CHALLENGE, temp, false);
    expect(responses.ntProofStr.toString('hex')).toBe('68cd0ab851e51c96aabc927bebef6a1c');
    expect(responses.lmResponse.toString('hex')).toBe('86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa');
    expect(responses.sessionBaseKey.toString('hex')).toBe('8de40ccadbc14a82f15cb0ad0de95ca3');
    expect(rc4(responses.sessionBaseKey, RANDOM_SESSION_KEY).toString('hex')).toBe('c5dad2544fc9799094ce1ce90bc9d03e');
  });

  it('writes the AUTHENTICATE_MESSAGE of the example byte for byte from its CHALLENGE_MESSAGE', () => {
    const client = new NtlmClient({ user: 'User', domain: 'Domain', password: 'Password' }, { clientChallenge: CLIENT_CHALLENGE, exportedSessionKey: RANDOM_SESSION_KEY, time: TIME, workstation: 'COMPUTER', version: hex('05 01 28 0a 00 00 00 0f') });
    client.negotiate();
    expect(client.authenticate(CHALLENGE_MESSAGE).token.toString('hex')).toBe(AUTHENTICATE_MESSAGE.toString('hex'));
  });

  it('derives the signing and sealing keys and seals "Plaintext" as GSS_WrapEx does', () => {
    const keys = directionKeys(RANDOM_SESSION_KEY, 'client-to-server');
    expect([keys.signKey.toString('hex'), keys.sealKey.toString('hex')]).toEqual(['4788dc861b4782f35d43fd98fe1a2d39', '59f600973cc4960a25480a7c196e4c58']);
    const { sealed, signature } = new NtlmSession(RANDOM_SESSION_KEY, 'client').wrap(Buffer.from('Plaintext', 'utf16le'));
    expect(sealed.toString('hex')).toBe('54e50165bf1936dc996020c1811b0f06fb5f');
    expect(signature.toString('hex')).toBe('010000007fb38ec5c55d497600000000');
  });

  it('unseals what the other side sealed, in sequence, and refuses a tampered or replayed message', () => {
    const client = new NtlmSession(RANDOM_SESSION_KEY, 'client');
    const server = new NtlmSession(RANDOM_SESSION_KEY, 'server');
    const first = client.wrap(Buffer.from('<s:Envelope>one</s:Envelope>'));
    const second = client.wrap(Buffer.from('<s:Envelope>two</s:Envelope>'));
    expect(server.unwrap(first.sealed, first.signature).toString()).toBe('<s:Envelope>one</s:Envelope>');
    expect(server.unwrap(second.sealed, second.signature).toString()).toBe('<s:Envelope>two</s:Envelope>');
    const reply = server.wrap(Buffer.from('answer'));
    expect(client.unwrap(reply.sealed, reply.signature).toString()).toBe('answer');
    const third = client.wrap(Buffer.from('three'));
    const tampered = Buffer.from(third.sealed);
    tampered[0]! ^= 1;
    expect(() => server.unwrap(tampered, third.signature)).toThrow(/signature .* does not match/);
    const replayServer = new NtlmSession(RANDOM_SESSION_KEY, 'server');
    replayServer.unwrap(first.sealed, first.signature);
    expect(() => replayServer.unwrap(first.sealed, first.signature)).toThrow(/does not match/);
  });
});
