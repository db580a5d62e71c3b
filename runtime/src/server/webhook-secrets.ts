import { createHmac, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { loadSecretKey } from '../store/secret-key.js';

/** Header carrying a webhook's token. */
export const WEBHOOK_TOKEN_HEADER = 'x-ply-token';
/** Header carrying `sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook token>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-ply-signature';

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The secret of each playbook's webhook, derived from the store's secret key
 * (HMAC-SHA256(key, "ply-webhook-v1:" + playbook id)): nothing to store or to leak from the
 * database, and it survives restarts. A caller proves it knows the secret either by sending it
 * in `X-Ply-Token`, or by signing the raw body with it in `X-Ply-Signature: sha256=<hex>` (the
 * secret itself then never travels).
 */
export class WebhookSecrets {
  private key: Buffer | undefined;
  private readonly cache = new Map<string, string>();

  constructor(private readonly home: string) {}

  /** The webhook token of a playbook. */
  tokenOf(playbookId: string): string {
    let token = this.cache.get(playbookId);
    if (!token) {
      this.key ??= loadSecretKey(join(this.home, 'secret.key'));
      token = createHmac('sha256', this.key).update(`ply-webhook-v1:${playbookId}`).digest('base64url');
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(playbookId, token);
    }
    return token;
  }

  /** The signature a sender puts in `X-Ply-Signature` for this body. */
  signatureOf(playbookId: string, body: string): string {
    return `sha256=${createHmac('sha256', this.tokenOf(playbookId)).update(body).digest('hex')}`;
  }

  /** True when the request carries the playbook's token or a valid signature of `body`. */
  verify(playbookId: string, headers: { token?: string | undefined; signature?: string | undefined }, body: string): boolean {
    if (headers.token !== undefined) return sameText(headers.token, this.tokenOf(playbookId));
    if (headers.signature !== undefined) return sameText(headers.signature.toLowerCase(), this.signatureOf(playbookId, body));
    return false;
  }
}
