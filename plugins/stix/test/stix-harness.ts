import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestPly } from '@ply/kit/testing';
import type { PlySettings } from '@ply/core';
import plugin from '../src/index.js';
import type { StixBundle, StixObject } from '../src/model.js';

const moduleDir = fileURLToPath(new URL('../module', import.meta.url));

/** A runtime with the STIX plugin bound to its committed module JSON, and a run data folder. */
export function stixPly(settings: Partial<PlySettings> = {}) {
  const { ply, logs } = createTestPly({ plugins: [{ moduleDir, plugin }], settings });
  const dataDir = mkdtempSync(join(tmpdir(), 'ply-stix-run-'));
  const run = async (action: string, args: Record<string, unknown>) => (await ply.run({ action: `stix.${action}`, arguments: args, configuration: {}, dataDir })).results as Record<string, unknown>;
  const writeInput = (name: string, value: unknown) => {
    writeFileSync(join(dataDir, name), JSON.stringify(value));
    return name;
  };
  return { ply, logs, dataDir, run, writeInput };
}

/** The objects of a results bundle, by type. */
export function ofType(bundle: unknown, type: string): StixObject[] {
  return (bundle as StixBundle).objects.filter((object) => object.type === type);
}
