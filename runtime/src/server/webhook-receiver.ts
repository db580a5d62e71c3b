import { PlyError } from '@ply/core';
import { parseJsonText, UTF8 } from './request-input.js';
import type { Runtime } from './runtime.js';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, WEBHOOK_TOKEN_HEADER, WEBHOOK_TOLERANCE_SECONDS, type SignatureRefusal, type WebhookSecrets } from './webhook-secrets.js';

/** Largest webhook body accepted (alerts are small; a flood of huge bodies must not fill memory). */
export const MAX_HOOK_BYTES = 256 * 1024;

/** One webhook call as either transport sees it (the Hono route, or the node:http listener in front of it). */
export interface WebhookCall {
  /** The playbook id, from the path. */
  id: string;
  /** A request header (lower-case name), undefined when absent. */
  header(name: string): string | undefined;
  /** The raw body, refused (PLY_PAYLOAD_TOO_LARGE) past `limit`; called only once the caller is authenticated by token, or to check a signature. */
  body(limit: number): Promise<Buffer>;
}

/** What a webhook route needs of a playbook. */
interface WebhookTarget {
  /** Its trigger is `webhook`. */
  webhook: boolean;
  tokenVersion: number;
}

/** Remembers which playbooks a webhook starts and their token version, read again only when a playbook changed. */
class WebhookTargets {
  private generation = -1;
  private readonly byId = new Map<string, WebhookTarget | null>();

  constructor(private readonly runtime: Runtime) {}

  /** Answers from memory once a playbook was seen (no await on the webhook's hot path); null: no such playbook. */
  lookup(id: string): WebhookTarget | null | Promise<WebhookTarget | null> {
    const { playbooks } = this.runtime.store;
    if (playbooks.generation !== this.generation) {
      this.byId.clear();
      this.generation = playbooks.generation;
    }
    const known = this.byId.get(id);
    return known !== undefined ? known : this.read(id);
  }

  private async read(id: string): Promise<WebhookTarget | null> {
    const generation = this.generation;
    let target: WebhookTarget | null;
    try {
      const record = await this.runtime.store.playbooks.get(id);
      target = { webhook: (record.document as { trigger?: { type?: unknown } } | null)?.trigger?.type === 'webhook', tokenVersion: record.webhookTokenVersion };
    } catch (error) {
      if (!(error instanceof PlyError) || error.code !== 'PLY_PLAYBOOK_NOT_FOUND') throw error;
      target = null;
    }
    // A change while reading makes the answer stale: use it, but do not keep it.
    if (generation === this.runtime.store.playbooks.generation) {
      if (this.byId.size > 10_000) this.byId.clear();
      this.byId.set(id, target);
    }
    return target;
  }
}

function eventOf(bytes: Buffer): unknown {
  // Decoded as UTF-8 (a leading BOM dropped) only after the signature was checked over the bytes; depth bounded.
  return parseJsonText(UTF8.decode(bytes), 'webhook body');
}

const WHY: Record<SignatureRefusal, string> = {
  mismatch: '',
  'stale-timestamp': `: its ${WEBHOOK_TIMESTAMP_HEADER} is more than ${WEBHOOK_TOLERANCE_SECONDS} s from this server's clock (a replay, or a clock to set right)`,
  'bad-timestamp': `: ${WEBHOOK_TIMESTAMP_HEADER} must be a Unix time in seconds`,
};

const REPLAYED = `: this signed request was already received (a replay); sign each request with a new ${WEBHOOK_TIMESTAMP_HEADER}`;

/**
 * `POST /hooks/{playbook id}`: starts the playbook whose trigger is `webhook`, with the JSON
 * body as `trigger`. The caller proves it holds the playbook's webhook token (`X-Ply-Token`,
 * checked before the body is read) or signs the raw body bytes with it (`X-Ply-Signature:
 * sha256=<hex>`, optionally over `<X-Ply-Timestamp>.<body>`, refused when the timestamp is old or
 * when the same timestamped signature was received before).
 * Resolves with the execution id once the execution row is committed, so an accepted event is
 * never lost; a refusal throws the PlyError whose status the caller answers.
 */
export class WebhookReceiver {
  private readonly targets: WebhookTargets;

  constructor(
    private readonly runtime: Runtime,
    private readonly webhooks: WebhookSecrets,
  ) {
    this.targets = new WebhookTargets(runtime);
  }

  async accept(call: WebhookCall): Promise<{ executionId: string }> {
    const { id } = call;
    const credentials = { token: call.header(WEBHOOK_TOKEN_HEADER), signature: call.header(WEBHOOK_SIGNATURE_HEADER), timestamp: call.header(WEBHOOK_TIMESTAMP_HEADER) };
    const refused = (why = '') =>
      new PlyError('PLY_UNAUTHENTICATED', `webhook ${id} needs its token in ${WEBHOOK_TOKEN_HEADER} or a signature of the raw body in ${WEBHOOK_SIGNATURE_HEADER} (sha256=<hex HMAC>)${why}`);
    // Authenticate before reading: a token is checked from the header alone; only a signature
    // needs the body, read bounded. A caller with neither is refused without a byte read.
    if (credentials.token === undefined && credentials.signature === undefined) throw refused();
    const target = await this.targets.lookup(id);
    const version = target?.tokenVersion ?? 0;
    if (credentials.token !== undefined && !this.webhooks.verifyToken(id, version, credentials.token)) throw refused();
    const bytes = await call.body(MAX_HOOK_BYTES);
    if (credentials.token === undefined) {
      const refusal = this.webhooks.verifySignature(id, version, credentials, bytes);
      if (refusal) throw refused(WHY[refusal]);
    }
    if (!target?.webhook) throw new PlyError('PLY_PLAYBOOK_NOT_FOUND', `no playbook ${id} started by a webhook`, { details: { id } });
    // A timestamped signature is good once within its window: a copy sent again is a replay.
    const once = credentials.token === undefined && credentials.timestamp !== undefined ? credentials.signature! : undefined;
    if (once !== undefined && !(await this.runtime.store.webhookSignatures.remember(id, once, WEBHOOK_TOLERANCE_SECONDS * 1000))) throw refused(REPLAYED);
    try {
      return await this.runtime.engine.submit(id, eventOf(bytes));
    } catch (error) {
      // Not accepted (a full disk, a rate limit, a bad body): the sender may send it again.
      if (once !== undefined) await this.runtime.store.webhookSignatures.forget(id, once);
      throw error;
    }
  }
}
