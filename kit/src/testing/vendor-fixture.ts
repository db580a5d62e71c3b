import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One HTTP request and its response, as recorded (secrets scrubbed). Bodies are JSON when they parse, else text. */
export interface RecordedExchange {
  request: { method: string; path: string; headers: Record<string, string>; body?: unknown };
  response: { status: number; headers: Record<string, string>; body?: unknown };
}

/** A fixture file: the exchanges with one vendor API, in the order they happened. */
export interface VendorFixture {
  /** Written by `startRecordingProxy`; tells a reader where the exchanges came from (its host only). */
  recordedFrom?: string;
  exchanges: RecordedExchange[];
}

export function readVendorFixture(file: string): VendorFixture {
  return JSON.parse(readFileSync(file, 'utf8')) as VendorFixture;
}

/** Writes a fixture through a temp file and a rename, so a crash never leaves half a file. */
export function writeVendorFixture(file: string, fixture: VendorFixture): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(fixture, null, 2)}\n`);
  renameSync(temp, file);
}

/** A body as stored: parsed JSON when it is JSON, the text otherwise, absent when empty. */
export function decodeBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function encodeBody(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  return typeof body === 'string' ? body : JSON.stringify(body);
}
