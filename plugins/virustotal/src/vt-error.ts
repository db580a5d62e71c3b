/** VirusTotal's error body: `{"error": {"code": "NotFoundError", "message": "..."}}`. */
export function virustotalError(body: unknown): { code?: string; message?: string } {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return {};
  const { code, message } = error as { code?: unknown; message?: unknown };
  return { ...(typeof code === 'string' ? { code } : {}), ...(typeof message === 'string' ? { message } : {}) };
}

/** `<code>: <message>`, for error messages. */
export function virustotalMessage(body: unknown): string | undefined {
  const { code, message } = virustotalError(body);
  if (!code && !message) return undefined;
  return [code, message].filter(Boolean).join(': ');
}
