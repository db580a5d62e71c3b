import { PlyError } from '../errors/ply-error.js';
import { isForbiddenName } from './forbidden-names.js';
import { nunjucksInternals, type NunjucksContext, type NunjucksFrame } from './nunjucks-internals.js';
import { ownData, readMember } from './plain-data.js';
import { containsMember } from './predicates.js';

const INSTALLED = Symbol.for('ply.templating.safeRuntime');

/**
 * Replaces the nunjucks runtime helpers that compiled templates use to reach data, so that even
 * a template that got past the static guard can only read own data properties:
 *
 * - `memberLookup` (every `a.b` / `a[b]`, where `b` may come from attacker-controlled trigger
 *   data) returns own data properties of plain objects, arrays and strings, never a function,
 *   and throws PLY_TEMPLATE_FORBIDDEN for `constructor`, `__proto__`, `prototype`, ...;
 * - `contextOrFrameLookup` (every top-level name) reads loop/set variables and own keys of the
 *   render context only: no environment globals (`range`, `cycler`, `joiner`), nothing inherited
 *   from `Object.prototype`;
 * - `callWrap` (every `f(...)`) refuses to call anything;
 * - `inOperator` tests own keys only.
 *
 * The patch is global on purpose: compiled template code does not import anything, it receives
 * the shared `nunjucks/src/runtime` module object as its `runtime` argument (environment.js
 * passes the module it required), so there is no per-environment hook to put a safer runtime
 * in. Every nunjucks environment of this process that uses this copy of nunjucks is hardened
 * the same way; Ply core owns that copy (plugins bundle their own dependencies).
 *
 * Idempotent: the runtime is marked, so repeated calls (or a second copy of this module) do not
 * wrap it twice.
 */
export function installSafeRuntime(): void {
  const runtime = nunjucksInternals().runtime;
  if (Object.hasOwn(runtime, INSTALLED)) return;
  runtime.memberLookup = safeMemberLookup;
  runtime.contextOrFrameLookup = safeContextOrFrameLookup;
  runtime.callWrap = refuseCall;
  runtime.inOperator = (key: unknown, container: unknown) => containsMember(container, key);
  Object.defineProperty(runtime, INSTALLED, { value: true });
}

/** `a.b` / `a[b]` in a template: see {@link readMember}. */
export function safeMemberLookup(target: unknown, key: unknown): unknown {
  return readMember(target, key);
}

/** A top-level name in a template: a `set`/`for` variable, else an own key of the context. */
export function safeContextOrFrameLookup(context: NunjucksContext, frame: NunjucksFrame, name: string): unknown {
  if (isForbiddenName(name)) throw new PlyError('PLY_TEMPLATE_FORBIDDEN', `access to "${name}" is forbidden`);
  const local = frame.lookup(name);
  if (local !== undefined) return typeof local === 'function' ? undefined : local;
  const variables: unknown = context.ctx;
  return typeof variables === 'object' && variables !== null ? ownData(variables, name) : undefined;
}

function refuseCall(_callee: unknown, name: string): never {
  throw new PlyError('PLY_TEMPLATE_FORBIDDEN', `calling "${name}" is not allowed`);
}
