/**
 * SentinelOne's error body (https://<console>/api-doc, "Errors"):
 * `{"errors": [{"code": 4010010, "detail": "...", "title": "Authentication Failed"}]}`.
 */
export function sentineloneMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const first = errors[0] as { code?: unknown; title?: unknown; detail?: unknown };
  const parts = [typeof first.title === 'string' ? first.title : undefined, typeof first.detail === 'string' ? first.detail : undefined].filter(Boolean);
  if (parts.length === 0) return undefined;
  return `${parts.join(': ')}${typeof first.code === 'number' ? ` (code ${first.code})` : ''}`;
}
