/** Aborts `controller` when `external` aborts; returns what unlinks them. */
export function linkSignal(external: AbortSignal | undefined, controller: AbortController): () => void {
  if (!external) return () => {};
  if (external.aborted) {
    controller.abort(external.reason);
    return () => {};
  }
  const abort = () => controller.abort(external.reason);
  external.addEventListener('abort', abort, { once: true });
  return () => external.removeEventListener('abort', abort);
}
