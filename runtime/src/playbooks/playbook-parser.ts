import type * as Yaml from 'yaml';
import type { z } from 'zod';
import { PlyError, type PlyIssue } from '@ply/core';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../json-depth.js';
import { lazyRequire } from '../lazy-require.js';
import { playbookDocumentSchema, type PlaybookDocument } from './playbook-schema.js';

const yaml = lazyRequire<typeof Yaml>('yaml');

/** A JSON pointer from a path of keys and indexes. */
export function pointerOf(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The issues of a failed zod parse, as pointers into the document. */
export function issuesOfZod(error: z.ZodError): PlyIssue[] {
  return error.issues.map((issue) => ({ pointer: pointerOf(issue.path) || '/', message: issue.message }));
}

export function invalidPlaybook(issues: PlyIssue[], what = 'playbook is invalid'): PlyError {
  const listed = issues.slice(0, 5).map((issue) => `${issue.pointer} ${issue.message}`);
  const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
  return new PlyError('PLY_PLAYBOOK_INVALID', `${what}: ${listed.join('; ')}${more}`, { details: { issues } });
}

/**
 * Checks the shape of a playbook document (already parsed from JSON or YAML).
 *
 * @throws PlyError PLY_PLAYBOOK_INVALID with one issue per problem, located by JSON pointer.
 */
export function parsePlaybookDocument(value: unknown): PlaybookDocument {
  if (nestsDeeperThan(value)) throw invalidPlaybook([{ pointer: '/', message: `the document nests deeper than ${MAX_JSON_DEPTH} levels` }]);
  const parsed = playbookDocumentSchema.safeParse(value);
  if (!parsed.success) throw invalidPlaybook(issuesOfZod(parsed.error));
  return parsed.data;
}

/**
 * Reads a playbook from JSON or YAML text (YAML is a superset of JSON; JSON is tried first as
 * it is faster and its errors are plainer), then checks its shape.
 *
 * @throws PlyError PLY_PLAYBOOK_INVALID for unreadable text (pointer "/") or a wrong shape.
 */
export function parsePlaybookText(text: string): PlaybookDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    try {
      value = yaml().parse(text, { prettyErrors: true, maxAliasCount: 100 });
    } catch (error) {
      const message = error instanceof yaml().YAMLParseError ? error.message.split('\n')[0]! : (error as Error).message;
      throw invalidPlaybook([{ pointer: '/', message: `not valid JSON or YAML: ${message}` }]);
    }
  }
  return parsePlaybookDocument(value);
}
