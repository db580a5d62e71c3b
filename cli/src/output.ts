// The light subpath: printing an error must not load the whole kernel.
import { isPlyError, toPlyError, type PlyError } from '@ply/core/errors';

/** Where command output goes: stdout for results, stderr for diagnostics. */
export interface Output {
  json: boolean;
  out(text: string): void;
  err(text: string): void;
}

export function consoleOutput(json: boolean): Output {
  return {
    json,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}

export function printJson(output: Output, value: unknown): void {
  output.out(JSON.stringify(value, null, 2));
}

/** Prints an error: a code and message, then one line per located issue. */
export function printError(output: Output, error: unknown): PlyError {
  const failure = isPlyError(error) ? error : toPlyError(error);
  if (output.json) {
    output.out(JSON.stringify({ error: failure.toJSON() }, null, 2));
    return failure;
  }
  output.err(`error ${failure.code}: ${failure.message}`);
  for (const issue of failure.issues.slice(0, 20)) {
    output.err(`  ${issue.file ? `${issue.file}:` : ''}${issue.pointer || '/'}: ${issue.message}`);
  }
  return failure;
}
