import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying a webhook's token. */
export const WEBHOOK_TOKEN_HEADER = 'x-ply-token';
/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook token>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-ply-signature';
/** Header carrying the Unix time (seconds) the sender signed at; the signature then covers `<timestamp>.<raw body>`. */
export const WEBHOOK_TIMESTAMP_HEADER = 'x-ply-timestamp';
/** How far a signed timestamp may be from this server's clock, in seconds (older: a replay). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** What a webhook caller sent to prove it holds the token. */
export interface WebhookCredentials {
  token?: string | undefined;
  signature?: string | undefined;
  timestamp?: string | undefined;
}

/** Why a signature was refused, for the 401's message; undefined when it verifies. */
export type SignatureRefusal = 'mismatch' | 'stale-timestamp' | 'bad-timestamp';

/**
 * The secret of each playbook's webhook, derived from the store's webhook key
 * (HMAC-SHA256(key, "ply-webhook-v1:" + playbook id), then `:<version>` once rotated; the key is
 * `PlyStore.keys.webhookKey()`, kept sealed in the store, so it survives restarts and secret-key
 * rotations and every process of a cluster derives the same tokens). A caller proves it
 * knows the secret either by sending it in `X-Ply-Token`, or by signing the raw body bytes with
 * it in `X-Ply-Signature: sha256=<hex>` (the secret itself then never travels), optionally with
 * `X-Ply-Timestamp` (signed as `<timestamp>.<body>`, refused outside {@link WEBHOOK_TOLERANCE_SECONDS}).
 */
export class WebhookSecrets {
  /** Per playbook id and token version: the token and its bytes (a webhook checks it per request). */
  private readonly cache = new Map<string, { version: number; token: string; bytes: Buffer }>();

  constructor(
    private readonly key: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /** The webhook token of a playbook at a token version (0: never rotated). */
  tokenOf(playbookId: string, version = 0): string {
    return this.derived(playbookId, version).token;
  }

  private derived(playbookId: string, version: number): { version: number; token: string; bytes: Buffer } {
    const cached = this.cache.get(playbookId);
    if (cached?.version === version) return cached;
    const input = version === 0 ? `ply-webhook-v1:${playbookId}` : `ply-webhook-v1:${playbookId}:${version}`;
    const token = createHmac('sha256', this.key).update(input).digest('base64url');
    const entry = { version, token, bytes: Buffer.from(token) };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(playbookId, entry);
    return entry;
  }

  /** The signature a sender puts in `X-Ply-Signature` for these raw body bytes (and timestamp, if it sends one). */
  signatureOf(playbookId: string, version: number, body: Uint8Array, timestamp?: string): string {
    const hmac = createHmac('sha256', this.tokenOf(playbookId, version));
    if (timestamp !== undefined) hmac.update(`${timestamp}.`);
    return `sha256=${hmac.update(body).digest('hex')}`;
  }

  /** True when `token` is the playbook's current webhook token (checked from the header alone, before any body is read). */
  verifyToken(playbookId: string, version: number, token: string): boolean {
    const expected = this.derived(playbookId, version).bytes;
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Checks a signature of the raw body bytes; undefined when it verifies, else why not. */
  verifySignature(playbookId: string, version: number, credentials: WebhookCredentials, body: Uint8Array): SignatureRefusal | undefined {
    const { signature, timestamp } = credentials;
    if (signature === undefined) return 'mismatch';
    if (timestamp !== undefined) {
      if (!/^\d{1,12}$/.test(timestamp)) return 'bad-timestamp';
      if (Math.abs(this.now() / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) return 'stale-timestamp';
    }
    return sameText(signature.toLowerCase(), this.signatureOf(playbookId, version, body, timestamp)) ? undefined : 'mismatch';
  }
}
