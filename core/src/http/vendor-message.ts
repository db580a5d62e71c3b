/** Longest text kept from an error body that has no recognisable message field. */
export const VENDOR_TEXT_SNIPPET_LENGTH = 200;
/** Longest message kept from a recognisable message field. */
const VENDOR_MESSAGE_MAX_LENGTH = 1000;

/**
 * The vendor's own explanation in an error response body, or `undefined`.
 *
 * JSON bodies are searched for `message`, `error` (a string), `error.message`, `detail` and
 * `errors[0].message`, in that order. Other bodies (or JSON without any of those fields) give
 * the first {@link VENDOR_TEXT_SNIPPET_LENGTH} characters of their text, whitespace collapsed.
 */
export function extractVendorMessage(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    parsed = undefined;
  }
  const fromJson = messageFromJson(parsed);
  if (fromJson !== undefined) return truncate(collapse(fromJson), VENDOR_MESSAGE_MAX_LENGTH);
  return truncate(collapse(trimmed), VENDOR_TEXT_SNIPPET_LENGTH);
}

function messageFromJson(value: unknown): string | undefined {
  if (typeof value === 'string') return nonEmpty(value);
  if (!isRecord(value)) return undefined;
  const { message, error, detail, errors } = value;
  return (
    nonEmpty(message) ??
    nonEmpty(error) ??
    (isRecord(error) ? nonEmpty(error['message']) : undefined) ??
    nonEmpty(detail) ??
    (Array.isArray(errors) && isRecord(errors[0]) ? nonEmpty(errors[0]['message']) : undefined)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max);
}
