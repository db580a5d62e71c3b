import { PlyError } from '@ply/core';
import { Hono } from 'hono';
import { bodyText, parseJsonText } from './request-input.js';
import type { Runtime } from './runtime.js';
import type { ServerEnv } from './server-env.js';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TOKEN_HEADER, type WebhookSecrets } from './webhook-secrets.js';

/** Largest webhook body accepted (alerts are small; a flood of huge bodies must not fill memory). */
const MAX_HOOK_BYTES = 256 * 1024;

/** Remembers which playbooks a webhook starts, read again only when a playbook changed. */
class WebhookTargets {
  private generation = -1;
  private readonly byId = new Map<string, boolean>();

  constructor(private readonly runtime: Runtime) {}

  /** Answers from memory once a playbook was seen (no await on the webhook's hot path). */
  isWebhook(id: string): boolean | Promise<boolean> {
    const { playbooks } = this.runtime.store;
    if (playbooks.generation !== this.generation) {
      this.byId.clear();
      this.generation = playbooks.generation;
    }
    return this.byId.get(id) ?? this.read(id);
  }

  private async read(id: string): Promise<boolean> {
    const generation = this.generation;
    let type: unknown;
    try {
      type = ((await this.runtime.store.playbooks.get(id)).document as { trigger?: { type?: unknown } } | null)?.trigger?.type;
    } catch (error) {
      if (error instanceof PlyError && error.code === 'PLY_PLAYBOOK_NOT_FOUND') return false;
      throw error;
    }
    const known = type === 'webhook';
    // A change while reading makes the answer stale: use it, but do not keep it.
    if (generation === this.runtime.store.playbooks.generation) {
      if (this.byId.size > 10_000) this.byId.clear();
      this.byId.set(id, known);
    }
    return known;
  }
}

/**
 * `POST /hooks/{playbook id}`: starts the playbook whose trigger is `webhook`, with the JSON
 * body as `trigger`. The caller proves it holds the playbook's webhook token (`X-Ply-Token`) or
 * signs the body with it (`X-Ply-Signature: sha256=<hex>`). Answers 202 with the execution id
 * once the execution row is committed, so an accepted event is never lost.
 */
export function hooksRoutes(runtime: Runtime, webhooks: WebhookSecrets): Hono<ServerEnv> {
  const app = new Hono<ServerEnv>();
  const targets = new WebhookTargets(runtime);

  app.post('/:id', async (c) => {
    const id = c.req.param('id');
    const headers = { token: c.req.header(WEBHOOK_TOKEN_HEADER), signature: c.req.header(WEBHOOK_SIGNATURE_HEADER) };
    const refused = () => new PlyError('PLY_UNAUTHENTICATED', `webhook ${id} needs its token in ${WEBHOOK_TOKEN_HEADER} or a body signature in ${WEBHOOK_SIGNATURE_HEADER} (sha256=<hex HMAC>)`);
    // Authenticate before reading: a token is checked from the header alone; only a signature
    // needs the body, read bounded. A caller with neither is refused without a byte read.
    if (headers.token === undefined && headers.signature === undefined) throw refused();
    if (headers.token !== undefined && !webhooks.verify(id, headers, '')) throw refused();
    const text = await bodyText(c, MAX_HOOK_BYTES);
    if (headers.token === undefined && !webhooks.verify(id, headers, text)) throw refused();
    if (!(await targets.isWebhook(id))) throw new PlyError('PLY_PLAYBOOK_NOT_FOUND', `no playbook ${id} started by a webhook`, { details: { id } });
    const { executionId } = await runtime.engine.submit(id, parseJsonText(text, 'webhook body'));
    return c.json({ executionId }, 202);
  });

  return app;
}
