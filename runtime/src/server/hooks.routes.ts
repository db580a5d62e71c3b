import { PlyError } from '@ply/core';
import { Hono } from 'hono';
import { bodyBytes, parseJsonText } from './request-input.js';
import type { Runtime } from './runtime.js';
import type { ServerEnv } from './server-env.js';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, WEBHOOK_TOKEN_HEADER, WEBHOOK_TOLERANCE_SECONDS, type SignatureRefusal, type WebhookSecrets } from './webhook-secrets.js';

/** Largest webhook body accepted (alerts are small; a flood of huge bodies must not fill memory). */
const MAX_HOOK_BYTES = 256 * 1024;

/** What the webhook route needs of a playbook. */
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
    return this.byId.get(id) ?? this.read(id);
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
  return parseJsonText(new TextDecoder().decode(bytes), 'webhook body');
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
 * Answers 202 with the execution id once the execution row is committed, so an accepted event is
 * never lost.
 */
export function hooksRoutes(runtime: Runtime, webhooks: WebhookSecrets): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const targets = new WebhookTargets(runtime);

  app.post('/:id', async (c) => {
    const id = c.req.param('id');
    const credentials = { token: c.req.header(WEBHOOK_TOKEN_HEADER), signature: c.req.header(WEBHOOK_SIGNATURE_HEADER), timestamp: c.req.header(WEBHOOK_TIMESTAMP_HEADER) };
    const refused = (why = '') =>
      new PlyError('PLY_UNAUTHENTICATED', `webhook ${id} needs its token in ${WEBHOOK_TOKEN_HEADER} or a signature of the raw body in ${WEBHOOK_SIGNATURE_HEADER} (sha256=<hex HMAC>)${why}`);
    // Authenticate before reading: a token is checked from the header alone; only a signature
    // needs the body, read bounded. A caller with neither is refused without a byte read.
    if (credentials.token === undefined && credentials.signature === undefined) throw refused();
    const target = await targets.lookup(id);
    const version = target?.tokenVersion ?? 0;
    if (credentials.token !== undefined && !webhooks.verifyToken(id, version, credentials.token)) throw refused();
    const bytes = await bodyBytes(c, MAX_HOOK_BYTES);
    if (credentials.token === undefined) {
      const refusal = webhooks.verifySignature(id, version, credentials, bytes);
      if (refusal) throw refused(WHY[refusal]);
    }
    if (!target?.webhook) throw new PlyError('PLY_PLAYBOOK_NOT_FOUND', `no playbook ${id} started by a webhook`, { details: { id } });
    // A timestamped signature is good once within its window: a copy sent again is a replay.
    const once = credentials.token === undefined && credentials.timestamp !== undefined ? credentials.signature! : undefined;
    if (once !== undefined && !(await runtime.store.webhookSignatures.remember(id, once, WEBHOOK_TOLERANCE_SECONDS * 1000))) throw refused(REPLAYED);
    try {
      const { executionId } = await runtime.engine.submit(id, eventOf(bytes));
      return c.json({ executionId }, 202);
    } catch (error) {
      // Not accepted (a full disk, a rate limit, a bad body): the sender may send it again.
      if (once !== undefined) await runtime.store.webhookSignatures.forget(id, once);
      throw error;
    }
  });

  return app;
}
