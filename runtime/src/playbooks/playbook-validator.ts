import semver from 'semver';
import type { ModuleCatalog } from '@ply/core';
import type { ItemKind, ModuleItem } from '@ply/core';
import { isPlyError, type PlyIssue } from '@ply/core';
import type { SchemaCompiler } from '@ply/core';
import { holdsTemplate } from './holds-template.js';
import { buildPlaybookGraph, structuralIssues, type PlaybookGraph } from './playbook-graph.js';
import { pointerOf } from './playbook-parser.js';
import type { PlaybookDocument } from './playbook-schema.js';
import { croner } from './croner.js';

/** What validation needs to know beyond the document. */
export interface PlaybookValidationContext {
  catalog: ModuleCatalog;
  schemas: SchemaCompiler;
  /** Whether the module has an account of that name; when absent, accounts are not checked. */
  accountExists?: (module: string, name: string) => boolean;
}


/**
 * Every problem that can be seen before a run: the graph's structure, unknown modules, actions
 * and triggers, unusable version ranges, missing accounts, invalid cron expressions, and
 * literal arguments that do not match the action's schema (templated arguments are checked at
 * run time by the executor). Issues point into the document.
 */
export function validatePlaybook(document: PlaybookDocument, context: PlaybookValidationContext): { graph: PlaybookGraph; issues: PlyIssue[] } {
  const graph = buildPlaybookGraph(document);
  const issues = structuralIssues(graph);
  issues.push(...triggerIssues(document, context));
  for (const [id, node] of graph.nodes) {
    if (node.type !== 'action') continue;
    const at = (...path: PropertyKey[]) => pointerOf(['nodes', id, ...path]);
    const item = findItem(context, 'action', node.module, node.action, node.version, at, issues);
    if (node.account !== undefined && context.accountExists && !context.accountExists(node.module, node.account)) {
      issues.push({ pointer: at('account'), message: `module "${node.module}" has no account named "${node.account}"` });
    }
    if (item) issues.push(...argumentIssues(context.schemas, item, node.arguments ?? {}, at('arguments')));
  }
  return { graph, issues };
}

function triggerIssues(document: PlaybookDocument, context: PlaybookValidationContext): PlyIssue[] {
  const issues: PlyIssue[] = [];
  const trigger = document.trigger;
  if (trigger.type === 'schedule') {
    try {
      new (croner().Cron)(trigger.cron, { paused: true, ...(trigger.timezone ? { timezone: trigger.timezone } : {}) }).stop();
    } catch (error) {
      issues.push({ pointer: '/trigger/cron', message: `invalid cron expression: ${(error as Error).message}` });
    }
  }
  if (trigger.type === 'module') {
    const at = (...path: PropertyKey[]) => pointerOf(['trigger', ...path]);
    const item = findItem(context, 'trigger', trigger.module, trigger.trigger, trigger.version, at, issues);
    if (trigger.account !== undefined && context.accountExists && !context.accountExists(trigger.module, trigger.account)) {
      issues.push({ pointer: at('account'), message: `module "${trigger.module}" has no account named "${trigger.account}"` });
    }
    if (item) issues.push(...argumentIssues(context.schemas, item, trigger.arguments ?? {}, at('arguments')));
  }
  return issues;
}

function findItem(
  context: PlaybookValidationContext,
  kind: ItemKind,
  module: string,
  name: string,
  version: string | undefined,
  at: (...path: PropertyKey[]) => string,
  issues: PlyIssue[],
): ModuleItem | undefined {
  if (version !== undefined && semver.validRange(version) === null) {
    issues.push({ pointer: at('version'), message: `"${version}" is not a semver range` });
    return undefined;
  }
  if (context.catalog.versions(module).length === 0) {
    issues.push({ pointer: at('module'), message: `unknown module "${module}"` });
    return undefined;
  }
  try {
    return context.catalog.find(kind, `${module}.${name}`, version).item;
  } catch (error) {
    if (!isPlyError(error)) throw error;
    const field = error.code === 'PLY_MODULE_NOT_FOUND' ? 'version' : kind;
    issues.push({ pointer: at(field), message: error.message });
    return undefined;
  }
}

/**
 * Validates the literal part of some arguments: templated values (and `<key>_path` file
 * references) are left out, and the problems their absence causes are not reported.
 */
function argumentIssues(schemas: SchemaCompiler, item: ModuleItem, args: Record<string, unknown>, at: string): PlyIssue[] {
  const deferred = new Set<string>();
  const literal: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (holdsTemplate(value)) deferred.add(key);
    else literal[key] = structuredClone(value);
    if (key.endsWith('_path')) {
      // Sekoia's file convention: `X_path` stands for `X` and is resolved by the executor.
      deferred.add(key);
      deferred.add(key.slice(0, -'_path'.length));
    }
  }
  const validator = schemas.validator(item.arguments, { file: item.file, pointer: '/arguments' });
  return validator(literal)
    .filter((issue) => {
      const top = issue.pointer.split('/')[1] ?? '';
      const key = top.replace(/~1/g, '/').replace(/~0/g, '~');
      return !deferred.has(key);
    })
    .map((issue) => ({ pointer: `${at}${issue.pointer === '/' ? '' : issue.pointer}`, message: issue.message }));
}
