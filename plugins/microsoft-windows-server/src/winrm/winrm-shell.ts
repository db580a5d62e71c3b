import { PlyError, type Logger } from '@ply/core';
import { readableError } from './clixml.js';
import type { WinRmTransport } from './winrm-transport.js';
import { elementText, envelope, OPERATION_TIMEOUT_FAULT, receivedOutput, soapFault, WSMAN, xmlText } from './wsman-envelopes.js';

/** What a command left: its exit code and output. */
export interface CommandOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** A WS-Management fault the server answered (HTTP 500 with a SOAP fault). */
class WsManFault extends PlyError {
  constructor(
    readonly faultCode: string | undefined,
    message: string,
  ) {
    super('PLY_VENDOR_HTTP_ERROR', message, { details: { status: 500, wsmanFault: faultCode } });
  }
}

/**
 * Runs one command in a remote Windows shell, as pywinrm's `run_cmd` does (MS-WSMV §3.1.4.1): Create
 * a shell, Command, Receive until the command is Done (a Receive that ran out of its operation
 * timeout is sent again), Signal terminate, Delete the shell. The shell is deleted whatever
 * happened, the cancellation of the run included.
 */
export class WinRmShell {
  constructor(
    private readonly transport: WinRmTransport,
    private readonly endpoint: URL,
    private readonly log: Logger,
    private readonly operationTimeoutS = 20,
  ) {}

  async run(command: string, args: readonly string[]): Promise<CommandOutcome> {
    const created = await this.call(WSMAN.create, '<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>', undefined, { WINRS_NOPROFILE: 'FALSE', WINRS_CODEPAGE: '65001' });
    const shellId = /<(?:[\w-]+:)?Selector Name="ShellId">([^<]+)</.exec(created)?.[1] ?? elementText(created, 'ShellId');
    if (!shellId) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'the WinRM server created a shell without a ShellId');
    try {
      const body = `<rsp:CommandLine><rsp:Command>${xmlText(command)}</rsp:Command>${args.map((arg) => `<rsp:Arguments>${xmlText(arg)}</rsp:Arguments>`).join('')}</rsp:CommandLine>`;
      const started = await this.call(WSMAN.command, body, shellId, { WINRS_CONSOLEMODE_STDIN: 'TRUE', WINRS_SKIP_CMD_SHELL: 'FALSE' });
      const commandId = elementText(started, 'CommandId');
      if (!commandId) throw new PlyError('PLY_VENDOR_RESPONSE_INVALID', 'the WinRM server started a command without a CommandId');
      try {
        return await this.receive(shellId, commandId);
      } finally {
        await this.cleanup(() => this.call(WSMAN.signal, `<rsp:Signal CommandId="${xmlText(commandId)}"><rsp:Code>${WSMAN.terminate}</rsp:Code></rsp:Signal>`, shellId, undefined, true), 'terminating the command');
      }
    } finally {
      await this.cleanup(() => this.call(WSMAN.delete, '', shellId, undefined, true), 'deleting the shell');
    }
  }

  private async receive(shellId: string, commandId: string): Promise<CommandOutcome> {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    for (;;) {
      let xml: string;
      try {
        xml = await this.call(WSMAN.receive, `<rsp:Receive><rsp:DesiredStream CommandId="${xmlText(commandId)}">stdout stderr</rsp:DesiredStream></rsp:Receive>`, shellId);
      } catch (error) {
        // The command is still running: the server's wait ended, ask again.
        if (error instanceof WsManFault && error.faultCode === OPERATION_TIMEOUT_FAULT) continue;
        throw error;
      }
      const output = receivedOutput(xml);
      stdout.push(output.stdout);
      stderr.push(output.stderr);
      if (output.done) return { exitCode: output.exitCode ?? 0, stdout: Buffer.concat(stdout).toString('utf8'), stderr: readableError(Buffer.concat(stderr).toString('utf8')) };
    }
  }

  private async cleanup(step: () => Promise<unknown>, what: string): Promise<void> {
    try {
      await step();
    } catch (error) {
      this.log.warn(`WinRM: ${what} failed`, { error: (error as Error).message });
    }
  }

  private async call(action: string, body: string, shellId?: string, options?: Record<string, string>, cleanup = false): Promise<string> {
    const xml = envelope({ to: this.endpoint.href, action, ...(shellId ? { shellId } : {}), ...(options ? { options } : {}), body, operationTimeoutS: this.operationTimeoutS });
    const answer = await this.transport.send(xml, { cleanup });
    if (answer.status === 200) return answer.xml;
    const fault = soapFault(answer.xml);
    const name = action.slice(action.lastIndexOf('/') + 1);
    if (fault) throw new WsManFault(fault.code, `the WinRM server refused ${name}${fault.code ? ` (WSManFault ${fault.code})` : ''}: ${fault.message}`);
    throw new PlyError('PLY_VENDOR_HTTP_ERROR', `the WinRM server answered HTTP ${answer.status} to ${name}`, { details: { status: answer.status } });
  }
}
