/** An error answered to a registry client as `{ "error": message }` with an HTTP status (npm prints `error`). */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 422,
    message: string,
  ) {
    super(message);
  }
}
