import { z } from 'zod';

/** One firewall of the account, as the reference configures it (plus TLS settings). */
export const firewallSchema = z.object({
  api_key: z.string().min(1).meta({ secret: true }).describe('Fortigate API Key related to the API user generated'),
  base_ip: z.string().min(1).describe('Fortigate base IP (ex. 31.7.YYY.XXX)'),
  base_port: z.string().regex(/^\d{1,5}$/, 'a TCP port number').describe('Fortigate base Port (ex. 4443)'),
  vdom: z.string().min(1).default('root').describe('Fortigate Virtual Domain (VDOM)'),
  verify_certificate: z.boolean().default(true).describe("Verify the firewall's TLS certificate (turn off only for a self-signed one you cannot replace)"),
  ca_certificate: z.string().optional().describe("PEM of the CA that signed the firewall's certificate, when it is a private one"),
});

export type Firewall = z.output<typeof firewallSchema>;

/** The reference's configuration: the firewalls every action applies to. */
export const fortigateConfigurationSchema = z
  .object({
    firewalls: z.array(firewallSchema).min(1).describe('Fortigate FW Configurations'),
  })
  .meta({ title: 'Fortigate FW Configuration' });
