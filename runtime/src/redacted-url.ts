/** A server URL for messages and logs: its password replaced by `***` (or a placeholder when it does not parse). */
export function redactedUrl(url: string, scheme: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return `${scheme}://(unparsable URL)`;
  }
}
