import { z } from 'zod';

/**
 * The reference's configuration (the account WinRM authenticates as), plus how to reach the servers:
 * a default server, NTLM or Basic, message encryption, TLS, and pywinrm's timeouts.
 */
export const windowsServerConfigurationSchema = z
  .object({
    username: z.string().min(1).describe('Username to do authentication on remote server (user, DOMAIN\\user or user@domain)'),
    password: z.string().min(1).meta({ secret: true }).describe('Password to do authentication on remote server'),
    server: z.string().optional().describe('Default remote server (DNS name, IP address, host:port or a WinRM URL such as https://host:5986/wsman), when an action names none'),
    auth: z.enum(['ntlm', 'basic']).default('ntlm').describe('WinRM authentication: NTLM (default), or Basic (local accounts, over HTTPS)'),
    message_encryption: z.enum(['auto', 'always', 'never']).default('auto').describe('Seal WinRM messages with NTLM: auto (over HTTP), always, never (HTTPS, or a listener with AllowUnencrypted)'),
    verify_certificate: z.boolean().default(true).describe("Verify the server's TLS certificate over HTTPS"),
    ca_certificate: z.string().optional().describe("PEM of the CA that signed the servers' WinRM certificates, when it is a private one"),
    operation_timeout_sec: z.number().int().min(1).max(3600).default(20).describe('WS-Management OperationTimeout of each call (seconds)'),
    read_timeout_sec: z.number().int().min(2).max(3600).default(30).describe('How long to wait for one HTTP answer (seconds; more than the operation timeout)'),
  })
  .meta({ title: 'Microsoft Actions module Configuration' });

export type WindowsServerConfiguration = z.output<typeof windowsServerConfigurationSchema>;
