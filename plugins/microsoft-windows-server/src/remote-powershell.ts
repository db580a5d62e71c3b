import { PlyError, type ActionContext } from '@ply/core';
import type { WindowsServerConfiguration } from './configuration.js';
import { encodedCommand } from './powershell-script.js';
import { WinRmShell } from './winrm/winrm-shell.js';
import { WinRmTransport } from './winrm/winrm-transport.js';

/**
 * The WinRM endpoint of a server as pywinrm reads it: a URL as given (`/wsman` when it has no
 * path), or `host[:port]` over HTTP on 5985 (HTTPS when the port is 5986).
 */
export function winRmEndpoint(server: string | undefined): URL {
  const value = (server ?? '').trim();
  if (value === '') throw new PlyError('PLY_ARGUMENTS_INVALID', 'no server: give `server` in the arguments or in the account', { details: { issues: [{ pointer: '/server', message: 'is required' }] } });
  let url: URL;
  try {
    url = /^https?:\/\//i.test(value) ? new URL(value) : new URL(`http://${value}`);
  } catch {
    throw new PlyError('PLY_ARGUMENTS_INVALID', `server ${JSON.stringify(value)} is not a host name, host:port or URL`, { details: { issues: [{ pointer: '/server', message: 'is not a host or URL' }] } });
  }
  if (url.username || url.password || url.search || url.hash) throw new PlyError('PLY_ARGUMENTS_INVALID', 'server must not carry credentials, a query or a fragment', { details: { issues: [{ pointer: '/server', message: 'has credentials, query or fragment' }] } });
  if (!/^https?:\/\//i.test(value)) {
    if (url.port === '5986') url.protocol = 'https:';
    if (url.port === '') url.port = '5985';
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/wsman';
  return url;
}

/** Runs a PowerShell script on a server over WinRM; a non-zero exit code fails the run with PowerShell's error. */
export async function runPowerShell(ctx: ActionContext<WindowsServerConfiguration>, server: string | undefined, lines: readonly string[], what: string): Promise<void> {
  const config = ctx.config;
  const endpoint = winRmEndpoint(server ?? config.server);
  const http = endpoint.protocol === 'http:';
  if (config.auth === 'basic' && config.message_encryption === 'always') throw new PlyError('PLY_CONFIGURATION_INVALID', 'message encryption needs NTLM authentication (auth: ntlm)');
  if (config.auth === 'basic' && http) ctx.log.warn('WinRM Basic authentication over HTTP sends the password unencrypted', { server: endpoint.host });
  if (!http && !config.verify_certificate) ctx.log.warn('TLS certificate verification is off for this WinRM server', { server: endpoint.host });
  const transport = new WinRmTransport(
    {
      endpoint,
      auth: config.auth,
      username: config.username,
      password: config.password,
      encrypt: config.auth === 'ntlm' && (config.message_encryption === 'always' || (config.message_encryption === 'auto' && http)),
      tls: { verify: config.verify_certificate, ca: config.ca_certificate },
      timeoutMs: Math.max(config.read_timeout_sec, config.operation_timeout_sec + 1) * 1000,
    },
    ctx.signal,
  );
  try {
    const { command, args } = encodedCommand(lines);
    const outcome = await new WinRmShell(transport, endpoint, ctx.log, config.operation_timeout_sec).run(command, args);
    if (outcome.exitCode !== 0) throw new PlyError('PLY_VENDOR_JOB_FAILED', `${what} failed on ${endpoint.host} (exit code ${outcome.exitCode})${outcome.stderr ? `: ${outcome.stderr}` : ''}`, { details: { server: endpoint.host, exitCode: outcome.exitCode } });
    ctx.log.info(`${what}: done`, { server: endpoint.host });
  } finally {
    transport.close();
  }
}
