import { PlyError } from '@ply/core';
import { JSONPath } from 'jsonpath-plus';
import { z } from 'zod';
import { readBoundedText } from './bounded-file.js';
import { outputOf, readerOptions, readerResults, selectMatches } from './file-output.js';
import { utils } from './module.js';

function evaluate(path: string, json: unknown): unknown[] {
  try {
    // eval 'safe': filter expressions run in jsonpath-plus's own evaluator, never as JavaScript.
    return JSONPath({ path, json: json as object, eval: 'safe', wrap: true }) as unknown[];
  } catch (error) {
    throw new PlyError('PLY_INVALID_INPUT', `jsonpath "${path}" cannot be evaluated: ${(error as Error).message}`, { cause: error });
  }
}

export const readJsonFileAction = utils.action({
  uuid: 'ecedfa52-7033-4ea8-9c3b-93ad34295f87',
  slug: 'read_json_file',
  docker_parameters: 'fileutils_readjsonfile',
  name: 'Read JSON File',
  description: 'Read the json file and return its content evaluated against specified jsonpath',
  arguments: z
    .object({
      file_path: z.string().min(1).optional().describe('File path to the JSON file to read.'),
      file: z.unknown().optional().describe('The JSON content to read.'),
      jsonpath: z.string().min(1).optional().describe('JSON path to evaluate against read file content'),
      ...readerOptions,
    })
    .meta({ title: 'Arguments' }),
  results: readerResults,
  async run(ctx, args) {
    let content: unknown = args.file;
    if (content === undefined) {
      if (args.file_path === undefined) throw new PlyError('PLY_INVALID_INPUT', 'give file (the JSON content) or file_path (a JSON file in the run data folder)');
      const text = await readBoundedText(ctx.files, args.file_path);
      try {
        content = JSON.parse(text);
      } catch (error) {
        throw new PlyError('PLY_INVALID_INPUT', `file_path "${args.file_path}" is not valid JSON: ${(error as Error).message}`, { cause: error });
      }
    }
    const result = args.jsonpath === undefined ? content : selectMatches(evaluate(args.jsonpath, content), args.return_list);
    return outputOf(result, args.to_file, ctx.files);
  },
});
