import { randomUUID } from 'node:crypto';

/** WS-Management and Windows shell URIs (MS-WSMV §2.2.4, MS-WSMV §3.1.4.1 "Remote Shell"). */
export const WSMAN = {
  create: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Create',
  delete: 'http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete',
  command: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command',
  receive: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive',
  signal: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal',
  shellCmd: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd',
  terminate: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate',
  done: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done',
} as const;

/** WSManFault code of an operation that ran out of its OperationTimeout while waiting (a Receive to send again). */
export const OPERATION_TIMEOUT_FAULT = '2150858793';

export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function xmlDecode(value: string): string {
  return value.replace(/&(lt|gt|quot|apos|amp);/g, (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
}

interface EnvelopeParts {
  to: string;
  action: string;
  shellId?: string;
  options?: Record<string, string>;
  body: string;
  operationTimeoutS: number;
}

/** A SOAP 1.2 envelope as pywinrm and winrs write them: addressing, resource URI, selector and options headers. */
export function envelope(parts: EnvelopeParts): string {
  const selector = parts.shellId ? `<w:SelectorSet><w:Selector Name="ShellId">${xmlText(parts.shellId)}</w:Selector></w:SelectorSet>` : '';
  const options = parts.options ? `<w:OptionSet>${Object.entries(parts.options).map(([name, value]) => `<w:Option Name="${xmlText(name)}">${xmlText(value)}</w:Option>`).join('')}</w:OptionSet>` : '';
  return (
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd" xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell">' +
    '<env:Header>' +
    `<a:To>${xmlText(parts.to)}</a:To>` +
    '<a:ReplyTo><a:Address env:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>' +
    '<w:MaxEnvelopeSize env:mustUnderstand="true">153600</w:MaxEnvelopeSize>' +
    `<a:MessageID>uuid:${randomUUID()}</a:MessageID>` +
    '<w:Locale xml:lang="en-US" env:mustUnderstand="false"/>' +
    '<p:DataLocale xml:lang="en-US" env:mustUnderstand="false"/>' +
    `<w:OperationTimeout>PT${parts.operationTimeoutS}S</w:OperationTimeout>` +
    `<w:ResourceURI env:mustUnderstand="true">${WSMAN.shellCmd}</w:ResourceURI>` +
    `<a:Action env:mustUnderstand="true">${parts.action}</a:Action>` +
    selector +
    options +
    '</env:Header>' +
    `<env:Body>${parts.body}</env:Body>` +
    '</env:Envelope>'
  );
}

/** The text of the first element with this local name (any namespace prefix). */
export function elementText(xml: string, localName: string): string | undefined {
  const match = new RegExp(`<(?:[\\w-]+:)?${localName}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${localName}>`).exec(xml);
  return match ? xmlDecode(match[1]!) : undefined;
}

/** A SOAP fault's WSManFault code and message, when the body is one. */
export function soapFault(xml: string): { code: string | undefined; message: string } | undefined {
  if (!/<(?:[\w-]+:)?Fault[\s>]/.test(xml)) return undefined;
  const code = /<(?:[\w-]+:)?WSManFault[^>]*\sCode="(\d+)"/.exec(xml)?.[1];
  const message = (elementText(xml, 'Message') ?? elementText(xml, 'Text') ?? 'SOAP fault').trim();
  return { code, message };
}

/** stdout and stderr chunks, the command's state and exit code, from a ReceiveResponse. */
export function receivedOutput(xml: string): { stdout: Buffer; stderr: Buffer; done: boolean; exitCode: number | undefined } {
  const streams = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  for (const match of xml.matchAll(/<(?:[\w-]+:)?Stream\s[^>]*Name="(stdout|stderr)"[^>]*?(?:\/>|>([^<]*)<\/(?:[\w-]+:)?Stream>)/g)) {
    if (match[2]) streams[match[1] as 'stdout' | 'stderr'].push(Buffer.from(match[2], 'base64'));
  }
  const done = xml.includes(`State="${WSMAN.done}"`);
  const exit = elementText(xml, 'ExitCode');
  return { stdout: Buffer.concat(streams.stdout), stderr: Buffer.concat(streams.stderr), done, exitCode: exit === undefined ? undefined : Number(exit) };
}
