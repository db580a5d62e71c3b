import { AV, FLAGS } from './ntlm-flags.js';

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

/** A malformed NTLM message (the peer is not speaking NTLM, or the message was cut). */
export class NtlmFormatError extends Error {}

/** A field of §2.2.1 messages: length, max length, offset. */
function field(message: Buffer, at: number): Buffer {
  const length = message.readUInt16LE(at);
  const offset = message.readUInt32LE(at + 4);
  if (offset + length > message.length) throw new NtlmFormatError('an NTLM message field points past its end');
  return message.subarray(offset, offset + length);
}

function messageType(message: Buffer, expected: number): void {
  if (message.length < 12 || !message.subarray(0, 8).equals(SIGNATURE) || message.readUInt32LE(8) !== expected) throw new NtlmFormatError(`not an NTLM type ${expected} message`);
}

/** Writes a header followed by its payload fields, each field's (length, max, offset) at its place. */
function assemble(header: Buffer, fields: Array<{ at: number; value: Buffer }>): Buffer {
  let offset = header.length;
  for (const { at, value } of fields) {
    header.writeUInt16LE(value.length, at);
    header.writeUInt16LE(value.length, at + 2);
    header.writeUInt32LE(offset, at + 4);
    offset += value.length;
  }
  return Buffer.concat([header, ...fields.map((f) => f.value)]);
}

export const utf16 = (text: string) => Buffer.from(text, 'utf16le');

/** NEGOTIATE_MESSAGE (§2.2.1.1): flags and version, no domain or workstation. */
export function negotiateMessage(flags: number, version: Buffer): Buffer {
  const header = Buffer.alloc(40);
  SIGNATURE.copy(header);
  header.writeUInt32LE(1, 8);
  header.writeUInt32LE(flags >>> 0, 12);
  version.copy(header, 32);
  return assemble(header, [
    { at: 16, value: Buffer.alloc(0) },
    { at: 24, value: Buffer.alloc(0) },
  ]);
}

export function parseNegotiate(message: Buffer): { flags: number } {
  messageType(message, 1);
  return { flags: message.readUInt32LE(12) };
}

/** AV pairs (§2.2.2.1) as a list, EOL excluded. */
export function parseAvPairs(info: Buffer): Array<{ id: number; value: Buffer }> {
  const pairs: Array<{ id: number; value: Buffer }> = [];
  for (let at = 0; at + 4 <= info.length; ) {
    const id = info.readUInt16LE(at);
    const length = info.readUInt16LE(at + 2);
    if (id === AV.EOL) return pairs;
    pairs.push({ id, value: info.subarray(at + 4, at + 4 + length) });
    at += 4 + length;
  }
  throw new NtlmFormatError('NTLM target info without its end marker');
}

export function encodeAvPairs(pairs: Array<{ id: number; value: Buffer }>): Buffer {
  const parts = pairs.flatMap(({ id, value }) => {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(id, 0);
    head.writeUInt16LE(value.length, 2);
    return [head, value];
  });
  return Buffer.concat([...parts, Buffer.alloc(4)]);
}

export interface Challenge {
  flags: number;
  serverChallenge: Buffer;
  targetName: Buffer;
  targetInfo: Buffer;
  version: Buffer;
}

/** CHALLENGE_MESSAGE (§2.2.1.2). */
export function challengeMessage(challenge: Challenge): Buffer {
  const header = Buffer.alloc(56);
  SIGNATURE.copy(header);
  header.writeUInt32LE(2, 8);
  header.writeUInt32LE(challenge.flags >>> 0, 20);
  challenge.serverChallenge.copy(header, 24);
  challenge.version.copy(header, 48);
  return assemble(header, [
    { at: 12, value: challenge.targetName },
    { at: 40, value: challenge.targetInfo },
  ]);
}

export function parseChallenge(message: Buffer): Challenge {
  messageType(message, 2);
  if (message.length < 48) throw new NtlmFormatError('an NTLM challenge too short');
  const flags = message.readUInt32LE(20);
  return {
    flags,
    serverChallenge: Buffer.from(message.subarray(24, 32)),
    targetName: Buffer.from(field(message, 12)),
    targetInfo: flags & FLAGS.TARGET_INFO ? Buffer.from(field(message, 40)) : Buffer.alloc(0),
    version: Buffer.from(message.subarray(48, 56)),
  };
}

export interface Authenticate {
  lmResponse: Buffer;
  ntResponse: Buffer;
  domain: Buffer;
  user: Buffer;
  workstation: Buffer;
  encryptedSessionKey: Buffer;
  flags: number;
  version: Buffer;
  /** Present (16 bytes) when the client sends a MIC; the message then reserves its place. */
  mic: Buffer | undefined;
}

/** AUTHENTICATE_MESSAGE (§2.2.1.3): payload in the order domain, user, workstation, LM, NT, session key. */
export function authenticateMessage(message: Authenticate): Buffer {
  const header = Buffer.alloc(message.mic ? 88 : 72);
  SIGNATURE.copy(header);
  header.writeUInt32LE(3, 8);
  header.writeUInt32LE(message.flags >>> 0, 60);
  message.version.copy(header, 64);
  if (message.mic) message.mic.copy(header, 72);
  return assemble(header, [
    { at: 28, value: message.domain },
    { at: 36, value: message.user },
    { at: 44, value: message.workstation },
    { at: 12, value: message.lmResponse },
    { at: 20, value: message.ntResponse },
    { at: 52, value: message.encryptedSessionKey },
  ]);
}

/** Parses an AUTHENTICATE_MESSAGE; `hasMic` says whether the MIC field is there (the client said so in its AV pairs). */
export function parseAuthenticate(message: Buffer, hasMic: boolean): Authenticate {
  messageType(message, 3);
  if (message.length < (hasMic ? 88 : 72)) throw new NtlmFormatError('an NTLM authenticate message too short');
  return {
    lmResponse: Buffer.from(field(message, 12)),
    ntResponse: Buffer.from(field(message, 20)),
    domain: Buffer.from(field(message, 28)),
    user: Buffer.from(field(message, 36)),
    workstation: Buffer.from(field(message, 44)),
    encryptedSessionKey: Buffer.from(field(message, 52)),
    flags: message.readUInt32LE(60),
    version: Buffer.from(message.subarray(64, 72)),
    mic: hasMic ? Buffer.from(message.subarray(72, 88)) : undefined,
  };
}
