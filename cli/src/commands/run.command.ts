import { PlyError } from '@ply/core';
import { parseKeyValues, readJsonObject } from '../key-values.js';
import { openPly } from '../open-ply.js';
import { printJson, type Output } from '../output.js';

export interface RunOptions {
  arg: string[];
  argsFile?: string;
  config: string[];
  configFile?: string;
  contextFile?: string;
  timeout?: string;
  moduleVersion?: string;
}

/** `ply run <module>.<action>`: runs one action through the executor and prints its results. */
export async function runCommand(output: Output, reference: string, options: RunOptions): Promise<void> {
  const ply = openPly(output);
  const { module, item } = ply.catalog.find('action', reference, options.moduleVersion);
  const args = {
    ...(options.argsFile ? readJsonObject(options.argsFile, '--args-file') : {}),
    ...parseKeyValues(options.arg, item.arguments, '--arg'),
  };
  const configuration = {
    ...(options.configFile ? readJsonObject(options.configFile, '--config-file') : {}),
    ...parseKeyValues(options.config, module.manifest.configuration, '--config'),
  };
  const timeoutMs = options.timeout === undefined ? undefined : Number(options.timeout);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) {
    throw new PlyError('PLY_INVALID_INPUT', `--timeout "${options.timeout}" must be a positive number of milliseconds`);
  }
  const result = await ply.run({
    action: `${module.manifest.slug}.${item.slug}`,
    version: module.manifest.version,
    arguments: args,
    configuration,
    ...(options.contextFile ? { templateContext: readJsonObject(options.contextFile, '--context-file') } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  if (output.json) return printJson(output, result);
  output.err(`ok ${result.module.slug}.${result.action.slug}@${result.module.version} in ${result.durationMs.toFixed(1)} ms (run ${result.runId})`);
  output.out(JSON.stringify(result.results, null, 2));
}
