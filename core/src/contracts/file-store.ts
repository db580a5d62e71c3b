/**
 * The run's data folder, for large values (Sekoia's `_path` convention).
 * Paths are relative to the folder; a path that escapes it is refused (PLY_FILE_REFERENCE_INVALID).
 */
export interface FileStore {
  /** Absolute path of the run's data folder. */
  readonly root: string;
  /** Absolute path of a relative reference, checked to stay inside `root`. */
  resolve(relativePath: string): string;
  readJson<T = unknown>(relativePath: string): Promise<T>;
  /** Writes `value` as JSON to a new file named after `name`; returns its relative path. */
  writeJson(name: string, value: unknown): Promise<string>;
  readText(relativePath: string): Promise<string>;
  writeText(name: string, text: string): Promise<string>;
  /** Writes bytes as they are (a PDF, an archive) to a new file named after `name`; returns its relative path. */
  writeBytes(name: string, bytes: Uint8Array): Promise<string>;
}
