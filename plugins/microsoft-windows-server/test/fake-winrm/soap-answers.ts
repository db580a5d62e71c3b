import { randomUUID } from 'node:crypto';

const NAMESPACES =
  'xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:x="http://schemas.xmlsoap.org/ws/2004/09/transfer" xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd" xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell" xmlns:p="http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd"';

/** A response envelope as the WinRM service writes it, relating to the request's MessageID. */
export function answer(action: string, relatesTo: string, body: string): string {
  return `<s:Envelope xml:lang="en-US" ${NAMESPACES}><s:Header><a:Action>${action}</a:Action><a:MessageID>uuid:${randomUUID().toUpperCase()}</a:MessageID><a:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:To><a:RelatesTo>${relatesTo}</a:RelatesTo></s:Header><s:Body>${body}</s:Body></s:Envelope>`;
}

/** Faults the fake answers, with the codes and texts Windows uses (MS-WSMV §2.2.4.14, §3.1.4.1.28). */
export const FAULTS = {
  timedOut: { subcode: 'w:TimedOut', code: '2150858793', text: 'The WS-Management service cannot complete the operation within the time specified in OperationTimeout.' },
  invalidSelectors: { subcode: 'w:InvalidSelectors', code: '2150858843', text: 'The request for the Windows Remote Shell with ShellId {id} failed because the shell was not found on the server. Possible causes are: the specified ShellId is incorrect or the shell no longer exists on the server.' },
  actionNotSupported: { subcode: 'a:ActionNotSupported', code: '2150858770', text: 'The WS-Management service cannot process the request because the action is not supported.' },
  invalidResource: { subcode: 'w:InvalidResourceURI', code: '2150858752', text: 'The WS-Management service cannot process the request. The resource URI is not valid.' },
  accessDenied: { subcode: 'w:AccessDenied', code: '5', text: 'Access is denied.' },
} as const;

export function fault(relatesTo: string, which: (typeof FAULTS)[keyof typeof FAULTS], detail: Record<string, string> = {}): string {
  const text = Object.entries(detail).reduce((message, [key, value]) => message.replace(`{${key}}`, value), which.text as string);
  return answer(
    'http://schemas.dmtf.org/wbem/wsman/1/wsman/fault',
    relatesTo,
    `<s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>${which.subcode}</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">${text} </s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="${which.code}" Machine="WIN-FAKE"><f:Message>${text} </f:Message></f:WSManFault></s:Detail></s:Fault>`,
  );
}
