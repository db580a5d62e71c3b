import { createHash, createSign, generateKeyPairSync } from 'node:crypto';
import { Hono } from 'hono';
import { startFakeServer, type FakeServer } from '@ply/kit/testing';
import { sha1Hex, sha512Integrity } from '../src/integrity.js';
import { signedMessage } from '../src/package-signature.js';

/** One version the fake registry serves, with knobs to make it hostile. */
export interface FakeVersion {
  name: string;
  version: string;
  tarball: Buffer;
  engines?: string;
  signature?: 'good' | 'none' | 'other-key';
  integrity?: string;
  /** Send only this many bytes of the tarball, then break the connection. */
  cutAfter?: number;
}

const fileOf = (v: FakeVersion) => `${v.name.replace(/[@/]/g, '_')}-${v.version}.tgz`;

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const keyid = `SHA256:${createHash('sha256').update(der).digest('base64')}`;
  return { privateKey, keyid, key: der.toString('base64') };
}

/**
 * An npm registry as the installer sees it (packument, tarball, `/-/npm/v1/keys`), signing the
 * npm way. Used to test the installer without the registry package (core cannot depend on it).
 */
export class FakeRegistry {
  readonly versions: FakeVersion[] = [];
  private keys = keyPair();
  private readonly stranger = keyPair();
  server!: FakeServer;

  async start(): Promise<this> {
    const app = new Hono();
    app.get('/-/npm/v1/keys', (c) => c.json({ keys: [{ expires: null, keyid: this.keys.keyid, keytype: 'ecdsa-sha2-nistp256', scheme: 'ecdsa-sha2-nistp256', key: this.keys.key }] }));
    app.get('/tarballs/:file', (c) => {
      const found = this.versions.find((v) => fileOf(v) === c.req.param('file'));
      if (!found) return c.json({ error: 'not found' }, 404);
      if (found.cutAfter === undefined) return c.body(new Uint8Array(found.tarball), 200, { 'content-length': String(found.tarball.byteLength) });
      const half = found.tarball.subarray(0, found.cutAfter);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(half));
          setTimeout(() => controller.error(new Error('connection cut')), 20);
        },
      });
      return c.body(stream, 200, { 'content-length': String(found.tarball.byteLength) });
    });
    app.get('/*', (c) => {
      const name = decodeURIComponent(new URL(c.req.url).pathname.slice(1));
      const versions = this.versions.filter((v) => v.name === name);
      if (versions.length === 0) return c.json({ error: 'not found' }, 404);
      return c.json({
        name,
        'dist-tags': { latest: versions.at(-1)!.version },
        versions: Object.fromEntries(versions.map((v) => [v.version, this.versionDoc(v)])),
      });
    });
    this.server = await startFakeServer(app.fetch);
    return this;
  }

  /** Replaces the signing key (as a compromised or re-created registry would). */
  rotateKey(): void {
    this.keys = keyPair();
  }

  private versionDoc(v: FakeVersion) {
    const integrity = v.integrity ?? sha512Integrity(v.tarball);
    const signer = v.signature === 'other-key' ? this.stranger : this.keys;
    const sig = createSign('SHA256').update(signedMessage(v.name, v.version, integrity)).sign(signer.privateKey, 'base64');
    const signatures = v.signature === 'none' ? [] : [{ keyid: this.keys.keyid, sig }];
    return {
      name: v.name,
      version: v.version,
      ...(v.engines ? { engines: { ply: v.engines } } : {}),
      dist: { tarball: `${this.server.url}tarballs/${fileOf(v)}`, integrity, shasum: sha1Hex(v.tarball), signatures },
    };
  }
}
