import type { NtlmSession } from '../ntlm/ntlm-session.js';

/** `protocol` of an NTLM-encrypted WinRM body (MS-WSMV §2.2.9.1.1, "HTTP-SPNEGO-session-encrypted"). */
export const SPNEGO_ENCRYPTED = 'application/HTTP-SPNEGO-session-encrypted';
/** The `Content-Type` of such a body. */
export const ENCRYPTED_CONTENT_TYPE = `multipart/encrypted;protocol="${SPNEGO_ENCRYPTED}";boundary="Encrypted Boundary"`;

const BOUNDARY = Buffer.from('--Encrypted Boundary\r\n');
const END = Buffer.from('--Encrypted Boundary--\r\n');
const OCTETS = Buffer.from('\tContent-Type: application/octet-stream\r\n');

/**
 * Seals a SOAP message into the MIME body MS-WSMV §2.2.9.1 describes: a part naming the original
 * type and length, then an octet-stream part holding the signature length (4 bytes, little
 * endian), the signature and the sealed message, then the closing boundary.
 */
export function encryptMessage(session: NtlmSession, message: Buffer): Buffer {
  const { sealed, signature } = session.wrap(message);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(signature.length);
  return Buffer.concat([
    BOUNDARY,
    Buffer.from(`\tContent-Type: ${SPNEGO_ENCRYPTED}\r\n\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=${message.length}\r\n`),
    BOUNDARY,
    OCTETS,
    length,
    signature,
    sealed,
    END,
  ]);
}

/** Unseals such a body; throws when it is not one, when a signature does not match, or when the length was changed. */
export function decryptMessage(session: NtlmSession, body: Buffer): Buffer {
  if (body.indexOf(BOUNDARY) !== 0) throw new Error('the encrypted body does not start with its MIME boundary');
  const header = body.indexOf(BOUNDARY, BOUNDARY.length);
  const declared = /Length=(\d+)/.exec(body.subarray(BOUNDARY.length, header).toString('latin1'));
  const start = body.indexOf(OCTETS, header);
  const end = body.lastIndexOf(END);
  if (header < 0 || !declared || start < 0 || end < start) throw new Error('the encrypted body is not a multipart/encrypted message');
  const payload = body.subarray(start + OCTETS.length, end);
  const signatureLength = payload.readUInt32LE(0);
  const message = session.unwrap(payload.subarray(4 + signatureLength), payload.subarray(4, 4 + signatureLength));
  if (message.length !== Number(declared[1])) throw new Error('the decrypted length does not match the declared one (the message was tampered with)');
  return message;
}
