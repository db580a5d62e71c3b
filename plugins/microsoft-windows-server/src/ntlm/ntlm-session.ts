import { timingSafeEqual } from 'node:crypto';
import { directionKeys, hmacMd5 } from './ntlmv2.js';
import { Rc4 } from './rc4.js';

/** One direction of a sealed NTLM session: its signing key, its running RC4 handle and sequence number. */
class Direction {
  private readonly rc4: Rc4;
  private sequence = 0;

  constructor(private readonly signKey: Buffer, sealKey: Buffer) {
    this.rc4 = new Rc4(sealKey);
  }

  /** SEAL (§3.4.3): the message encrypted, then its MAC (checksum encrypted with the same handle, §3.4.4.2). */
  seal(message: Buffer): { sealed: Buffer; signature: Buffer } {
    const sealed = this.rc4.update(message);
    return { sealed, signature: this.signature(message) };
  }

  /** The reverse of SEAL: decrypts, checks the signature and the sequence number; throws when either is wrong. */
  unseal(sealed: Buffer, signature: Buffer): Buffer {
    const message = this.rc4.update(sealed);
    const expected = this.signature(message);
    if (signature.length !== 16 || !timingSafeEqual(signature, expected)) throw new Error('the NTLM signature of a sealed message does not match (tampered, or out of sequence)');
    return message;
  }

  private signature(message: Buffer): Buffer {
    const sequence = Buffer.alloc(4);
    sequence.writeUInt32LE(this.sequence);
    this.sequence += 1;
    const checksum = this.rc4.update(hmacMd5(this.signKey, sequence, message).subarray(0, 8));
    return Buffer.concat([Buffer.from([1, 0, 0, 0]), checksum, sequence]);
  }
}

/**
 * NTLM session security of a connection-oriented exchange (MS-NLMP §3.4): messages the client
 * sends are sealed with the client-to-server keys, messages it receives unsealed with the
 * server-to-client ones. A server holds the mirror image (`role: 'server'`).
 */
export class NtlmSession {
  private readonly outgoing: Direction;
  private readonly incoming: Direction;

  constructor(exportedSessionKey: Buffer, role: 'client' | 'server' = 'client') {
    const client = directionKeys(exportedSessionKey, 'client-to-server');
    const server = directionKeys(exportedSessionKey, 'server-to-client');
    const [mine, theirs] = role === 'client' ? [client, server] : [server, client];
    this.outgoing = new Direction(mine.signKey, mine.sealKey);
    this.incoming = new Direction(theirs.signKey, theirs.sealKey);
  }

  wrap(message: Buffer): { sealed: Buffer; signature: Buffer } {
    return this.outgoing.seal(message);
  }

  unwrap(sealed: Buffer, signature: Buffer): Buffer {
    return this.incoming.unseal(sealed, signature);
  }
}
