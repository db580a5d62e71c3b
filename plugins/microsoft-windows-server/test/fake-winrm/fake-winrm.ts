// A fake WinRM listener after Microsoft's published protocol: MS-WSMV
// (https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-wsmv/) and MS-PSRP's shell commands over WS-Management.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from '@ply/kit/testing';
import type { NtlmSession } from '../../src/ntlm/ntlm-session.js';
import { decryptMessage, encryptMessage, ENCRYPTED_CONTENT_TYPE, SPNEGO_ENCRYPTED } from '../../src/winrm/encrypted-message.js';
import { elementText, WSMAN, xmlDecode } from '../../src/winrm/wsman-envelopes.js';
import { runFakePowerShell, type LocalUser, type ScriptRun } from './fake-powershell.js';
import { NtlmAcceptor } from './ntlm-acceptor.js';
import { answer, fault, FAULTS } from './soap-answers.js';

/** How the fake listener is configured, as `winrm get winrm/config/service` would show it. */
export interface FakeWinRmOptions {
  account: { user: string; domain: string; password: string };
  /** `Auth/Basic` (default false, as Windows ships). */
  allowBasic?: boolean;
  /** `AllowUnencrypted` (default false, as Windows ships): plain SOAP over HTTP is refused. */
  allowUnencrypted?: boolean;
  /** An HTTPS listener (5986) with the kit's self-signed certificate: plain SOAP is then allowed. */
  tls?: boolean;
}

interface Connection {
  acceptor?: NtlmAcceptor;
  session?: NtlmSession;
}

/**
 * A fake WinRM listener on 127.0.0.1, after MS-WSMV (WS-Management Protocol Extensions for Windows
 * Vista and later) and MS-NLMP, checking what the WinRM service checks:
 * - HTTP authentication per connection: `Negotiate` (NTLM NEGOTIATE, then CHALLENGE in a 401
 *   `WWW-Authenticate: Negotiate`, then AUTHENTICATE with the NTLMv2 proof and MIC verified), or
 *   `Basic` only when allowed; 401 otherwise, offering what it accepts.
 * - Over HTTP with `AllowUnencrypted` false, every SOAP body must be NTLM-sealed
 *   (`multipart/encrypted;protocol="application/HTTP-SPNEGO-session-encrypted"`, §2.2.9.1); the
 *   signature and sequence are checked and answers are sealed back.
 * - The SOAP headers: `To`, `MessageID`, the shell `ResourceURI`, an `Action` among Create, Command,
 *   Receive, Signal and Delete (§3.1.4.1), and the `ShellId` selector of a shell it created.
 * - Commands: `powershell ... -EncodedCommand <base64 UTF-16LE>` run by a fake PowerShell that acts
 *   on local accounts (fake-powershell.ts); output and exit code as a ReceiveResponse.
 */
export async function startFakeWinRm(options: FakeWinRmOptions) {
  const users = new Map<string, LocalUser>();
  const shells = new Map<string, { commands: Map<string, ScriptRun> }>();
  const connections = new WeakMap<Socket, Connection>();
  const log: Array<{ action: string; encrypted: boolean; authorization: string }> = [];
  const scripts: ScriptRun[] = [];
  /** Receives answered with the OperationTimeout fault before the output (a long command). */
  const behaviour = { receiveTimeouts: 0, hangReceive: false, closeAfterAuth: false };
  const sockets = new Set<Socket>();

  const send = (response: ServerResponse, connection: Connection, status: number, xml: string, encrypted: boolean) => {
    if (encrypted && connection.session) {
      const body = encryptMessage(connection.session, Buffer.from(xml));
      response.writeHead(status, { 'content-type': ENCRYPTED_CONTENT_TYPE, 'content-length': body.length }).end(body);
    } else {
      response.writeHead(status, { 'content-type': 'application/soap+xml;charset=UTF-8', 'content-length': Buffer.byteLength(xml) }).end(xml);
    }
  };
  const challengeHeaders = () => ['Negotiate', ...(options.allowBasic ? ['Basic realm="WSMAN"'] : [])];

  const handle = async (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
    const socket = request.socket;
    const connection = connections.get(socket) ?? {};
    connections.set(socket, connection);
    const authorization = request.headers.authorization ?? '';
    if (request.url !== '/wsman' || request.method !== 'POST') return response.writeHead(request.method === 'POST' ? 404 : 405).end();
    if (authorization.startsWith('Negotiate ')) {
      const token = Buffer.from(authorization.slice('Negotiate '.length), 'base64');
      const type = token.length >= 12 ? token.readUInt32LE(8) : 0;
      if (type === 1) {
        connection.acceptor = new NtlmAcceptor(options.account);
        connection.session = undefined;
        const challenge = connection.acceptor.challengeFor(token);
        return response.writeHead(401, { 'www-authenticate': `Negotiate ${challenge.toString('base64')}`, 'content-length': 0 }).end();
      }
      const session = type === 3 && connection.acceptor ? connection.acceptor.accept(token) : undefined;
      if (!session) return response.writeHead(401, { 'www-authenticate': challengeHeaders(), 'content-length': 0 }).end();
      connection.session = session;
      if (body.length === 0) {
        response.writeHead(200, { 'content-length': 0 }).end();
        if (behaviour.closeAfterAuth) {
          behaviour.closeAfterAuth = false;
          response.on('finish', () => socket.destroy());
        }
        return;
      }
    } else if (authorization.startsWith('Basic ')) {
      const [user, ...rest] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
      const secure = 'encrypted' in socket;
      if (!options.allowBasic || (!secure && !options.allowUnencrypted) || user !== options.account.user || rest.join(':') !== options.account.password) return response.writeHead(401, { 'www-authenticate': challengeHeaders(), 'content-length': 0 }).end();
    } else if (!connection.session) {
      return response.writeHead(401, { 'www-authenticate': challengeHeaders(), 'content-length': 0 }).end();
    }
    const encrypted = String(request.headers['content-type'] ?? '').includes(`protocol="${SPNEGO_ENCRYPTED}"`);
    let xml: string;
    if (encrypted) {
      if (!connection.session) return response.writeHead(400).end();
      try {
        xml = decryptMessage(connection.session, body).toString('utf8');
      } catch {
        return response.writeHead(400).end();
      }
    } else {
      if (!options.allowUnencrypted && !('encrypted' in socket)) return response.writeHead(400, { 'content-length': 0 }).end();
      xml = body.toString('utf8');
    }

    const action = elementText(xml, 'Action') ?? '';
    const messageId = elementText(xml, 'MessageID') ?? '';
    log.push({ action, encrypted, authorization: authorization.split(' ')[0] ?? '' });
    const reply = (status: number, text: string) => send(response, connection, status, text, encrypted);
    if (!elementText(xml, 'To') || !messageId.startsWith('uuid:')) return reply(400, fault(messageId, FAULTS.actionNotSupported));
    if (elementText(xml, 'ResourceURI') !== WSMAN.shellCmd) return reply(500, fault(messageId, FAULTS.invalidResource));
    const shellId = /<(?:[\w-]+:)?Selector Name="ShellId">([^<]+)</.exec(xml)?.[1];
    if (action === WSMAN.create) {
      const id = randomUUID().toUpperCase();
      shells.set(id, { commands: new Map() });
      return reply(200, answer('http://schemas.xmlsoap.org/ws/2004/09/transfer/CreateResponse', messageId, `<x:ResourceCreated><a:Address>${'http://127.0.0.1/wsman'}</a:Address><a:ReferenceParameters><w:ResourceURI>${WSMAN.shellCmd}</w:ResourceURI><w:SelectorSet><w:Selector Name="ShellId">${id}</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated><rsp:Shell><rsp:ShellId>${id}</rsp:ShellId><rsp:ResourceUri>${WSMAN.shellCmd}</rsp:ResourceUri><rsp:State>Connected</rsp:State></rsp:Shell>`));
    }
    const shell = shellId ? shells.get(shellId) : undefined;
    if (!shell) return reply(500, fault(messageId, FAULTS.invalidSelectors, { id: shellId ?? '' }));
    if (action === WSMAN.command) {
      const command = elementText(xml, 'Command') ?? '';
      const args = [...xml.matchAll(/<(?:[\w-]+:)?Arguments>([^<]*)<\/(?:[\w-]+:)?Arguments>/g)].map((match) => xmlDecode(match[1]!));
      const line = [command, ...args].join(' ').split(/\s+/);
      const encoded = line[line.findIndex((word) => /^-(EncodedCommand|enc|e)$/i.test(word)) + 1];
      let run: ScriptRun;
      if (line[0]?.toLowerCase() !== 'powershell' || !encoded || !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) run = { exitCode: 1, stdout: '', stderr: `'${line[0] ?? ''}' is not recognized as an internal or external command, operable program or batch file.`, cmdlets: [], unreadable: [line.join(' ')] };
      else run = runFakePowerShell(Buffer.from(encoded, 'base64').toString('utf16le'), users);
      scripts.push(run);
      const commandId = randomUUID().toUpperCase();
      shell.commands.set(commandId, run);
      return reply(200, answer('http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandResponse', messageId, `<rsp:CommandResponse><rsp:CommandId>${commandId}</rsp:CommandId></rsp:CommandResponse>`));
    }
    const commandId = /CommandId="([^"]+)"/.exec(xml)?.[1] ?? '';
    if (action === WSMAN.receive) {
      const run = shell.commands.get(commandId);
      if (!run) return reply(500, fault(messageId, FAULTS.invalidSelectors, { id: shellId! }));
      if (behaviour.hangReceive) return; // never answers: the client's timeout must end it
      if (behaviour.receiveTimeouts > 0) {
        behaviour.receiveTimeouts -= 1;
        return reply(500, fault(messageId, FAULTS.timedOut));
      }
      const stream = (name: string, text: string) => (text ? `<rsp:Stream Name="${name}" CommandId="${commandId}">${Buffer.from(text).toString('base64')}</rsp:Stream>` : '') + `<rsp:Stream Name="${name}" CommandId="${commandId}" End="true"></rsp:Stream>`;
      return reply(200, answer('http://schemas.microsoft.com/wbem/wsman/1/windows/shell/ReceiveResponse', messageId, `<rsp:ReceiveResponse>${stream('stdout', run.stdout)}${stream('stderr', run.stderr)}<rsp:CommandState CommandId="${commandId}" State="${WSMAN.done}"><rsp:ExitCode>${run.exitCode}</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse>`));
    }
    if (action === WSMAN.signal) return reply(200, answer('http://schemas.microsoft.com/wbem/wsman/1/windows/shell/SignalResponse', messageId, '<rsp:SignalResponse/>'));
    if (action === WSMAN.delete) {
      shells.delete(shellId!);
      return reply(200, answer('http://schemas.xmlsoap.org/ws/2004/09/transfer/DeleteResponse', messageId, ''));
    }
    return reply(500, fault(messageId, FAULTS.actionNotSupported));
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void handle(request, response, Buffer.concat(chunks)));
  };
  const server = options.tls ? createHttpsServer({ cert: SELF_SIGNED_CERT, key: SELF_SIGNED_KEY }, listener) : createServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/wsman`,
    host: `127.0.0.1:${port}`,
    users,
    shells,
    log,
    scripts,
    behaviour,
    addUser(name: string, enabled = true): LocalUser {
      const user = { name, enabled, password: 'Initial-Passw0rd', sid: `S-1-5-21-1004336348-1177238915-682003330-${1000 + users.size}` };
      users.set(name, user);
      return user;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type FakeWinRm = Awaited<ReturnType<typeof startFakeWinRm>>;
