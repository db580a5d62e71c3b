import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestPly } from '@ply/kit/testing';
import plugin from '../src/index.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));

/** A runtime with the Utils plugin bound to its committed module JSON, and a run data folder. */
export function utilsPly() {
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }] });
  const dataDir = mkdtempSync(join(tmpdir(), 'ply-utils-run-'));
  const request = (action: string, args: Record<string, unknown>, extra: { timeoutMs?: number } = {}) => ({ action: `utils.${action}`, arguments: args, configuration: {}, dataDir, ...extra });
  const run = async (action: string, args: Record<string, unknown>) => (await ply.run(request(action, args))).results as Record<string, unknown>;
  const writeFile = (name: string, content: string) => {
    writeFileSync(join(dataDir, name), content);
    return name;
  };
  return { ply, logs, dataDir, run, request, writeFile };
}
