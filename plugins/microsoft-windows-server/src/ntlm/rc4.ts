/**
 * RC4, the stream cipher of NTLM's key exchange and message sealing (MS-NLMP §3.4), which Node
 * 20's OpenSSL 3 no longer offers. A handle keeps its state: NTLM seals every message of a
 * connection with the same running stream.
 */
export class Rc4 {
  private readonly s = new Uint8Array(256);
  private i = 0;
  private j = 0;

  constructor(key: Uint8Array) {
    for (let n = 0; n < 256; n += 1) this.s[n] = n;
    for (let n = 0, j = 0; n < 256; n += 1) {
      j = (j + this.s[n]! + key[n % key.length]!) & 0xff;
      [this.s[n], this.s[j]] = [this.s[j]!, this.s[n]!];
    }
  }

  /** Encrypts (or decrypts) the next bytes of the stream. */
  update(data: Uint8Array): Buffer {
    const out = Buffer.alloc(data.length);
    for (let n = 0; n < data.length; n += 1) {
      this.i = (this.i + 1) & 0xff;
      this.j = (this.j + this.s[this.i]!) & 0xff;
      [this.s[this.i], this.s[this.j]] = [this.s[this.j]!, this.s[this.i]!];
      out[n] = data[n]! ^ this.s[(this.s[this.i]! + this.s[this.j]!) & 0xff]!;
    }
    return out;
  }
}

/** RC4K(key, data): a fresh handle for one value (the encrypted session key). */
export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  return new Rc4(key).update(data);
}
