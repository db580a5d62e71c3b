import type { Output } from '../src/output.js';

/** A command's {@link Output} that keeps what it printed, stdout and stderr apart, for assertions. */
export function captureOutput(json: boolean): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { json, stdout, stderr, out: (text) => void stdout.push(text), err: (text) => void stderr.push(text) };
}
