import { PlyError, toPlyError, type ActionContext } from '@ply/core';
import { z } from 'zod';
import type { Firewall } from './configuration.js';
import { FortiOs, firewallName } from './fortios-api.js';

/** What happened on one firewall. */
export const firewallOutcomeSchema = z.object({
  firewall: z.string().describe('The firewall (address:port)'),
  vdom: z.string(),
  status: z.enum(['created', 'updated', 'unchanged', 'disabled', 'failed']),
  error: z.string().optional().describe('Why it failed on this firewall'),
});

export type FirewallOutcome = z.infer<typeof firewallOutcomeSchema>;

/**
 * Runs `change` on every configured firewall, one after the other, so that one firewall down
 * does not hide the others: each gets its own outcome. Fails only when every firewall failed.
 */
export async function onEveryFirewall(
  ctx: ActionContext<{ firewalls: Firewall[] }>,
  what: string,
  change: (api: FortiOs) => Promise<Exclude<FirewallOutcome['status'], 'failed'>>,
): Promise<FirewallOutcome[]> {
  const outcomes: FirewallOutcome[] = [];
  for (const firewall of ctx.config.firewalls) {
    const name = firewallName(firewall);
    if (!firewall.verify_certificate) ctx.log.warn('TLS certificate verification is off for this firewall', { firewall: name });
    try {
      const status = await change(new FortiOs(ctx.http, firewall));
      outcomes.push({ firewall: name, vdom: firewall.vdom, status });
      ctx.log.info(`${what}: ${status}`, { firewall: name, vdom: firewall.vdom });
    } catch (error) {
      const failure = toPlyError(error);
      // A cancelled run stops here: the remaining firewalls are not touched.
      if (failure.code === 'PLY_ACTION_CANCELLED') throw failure;
      outcomes.push({ firewall: name, vdom: firewall.vdom, status: 'failed', error: failure.message });
      ctx.log.warn(`${what}: failed`, { firewall: name, code: failure.code, error: failure.message });
    }
  }
  if (outcomes.every((outcome) => outcome.status === 'failed')) {
    const reasons = outcomes.map((outcome) => `${outcome.firewall}: ${outcome.error}`).join('; ');
    throw new PlyError('PLY_VENDOR_HTTP_ERROR', `${what} failed on every firewall (${reasons})`, { details: { firewalls: outcomes } });
  }
  return outcomes;
}
