import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { dictEntries } from '../methods/dict-methods.js';
import { requireInt } from '../methods/method-arguments.js';
import { bindArguments } from '../runtime/bind-arguments.js';
import type { CallArguments } from '../runtime/call-arguments.js';
import { iterateValue } from '../runtime/iteration.js';
import type { RenderState } from '../runtime/render-state.js';
import { isDict } from '../values/kinds.js';
import { PyDict } from '../values/py-dict.js';
import { PyObject } from '../values/py-object.js';
import { PyRange } from '../values/py-range.js';
import { pyRepr } from '../values/python-repr.js';
import { NamespaceFactory } from './namespace.js';

/** The sandbox's cap on `range()` (Jinja2's MAX_RANGE). */
export const MAX_RANGE = 100_000;

/** A global function: printed as Python prints the class or function it stands for. */
class GlobalFunction extends PyObject {
  readonly pythonTypeName = 'type';

  constructor(
    private readonly printed: string,
    private readonly run: (call: CallArguments, state: RenderState) => unknown,
  ) {
    super();
  }

  repr(): string {
    return this.printed;
  }

  override get callable(): boolean {
    return true;
  }

  override call(call: CallArguments, state: RenderState): unknown {
    return this.run(call, state);
  }
}

function range(call: CallArguments): PyRange {
  if (call.keywords !== null) throw new JinjaRuntimeError('range() takes no keyword arguments');
  const args = call.positional.map((arg) => requireInt('', arg));
  if (args.length === 0 || args.length > 3) throw new JinjaRuntimeError(`range expected at most 3 arguments, got ${args.length}`);
  const [start, stop, step] = args.length === 1 ? [0, args[0] as number, 1] : [args[0] as number, args[1] as number, args[2] ?? 1];
  if (step === 0) throw new JinjaRuntimeError('range() arg 3 must not be zero', 'ValueError');
  const result = new PyRange(start, stop, step);
  if (result.length > MAX_RANGE) throw new JinjaRuntimeError(`Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`, 'OverflowError');
  return result;
}

function dict(call: CallArguments, state: RenderState): PyDict {
  const [initial, keywords] = bindArguments('dict', [['iterable', null], '**kwargs'], call);
  const result = new PyDict();
  if (initial !== null) {
    if (isDict(initial)) for (const [key, value] of dictEntries(initial)) result.set(key, value);
    else for (const pair of iterateValue(state, initial)) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new JinjaRuntimeError('dictionary update sequence element has wrong length', 'ValueError');
      result.set(pair[0], pair[1]);
    }
  }
  for (const [key, value] of keywords as Map<string, unknown>) result.set(key, value);
  return result;
}

/** Jinja2's `cycler(*items)`: `next()` walks the items round and round. */
class Cycler extends PyObject {
  readonly pythonTypeName = 'Cycler';
  private position = 0;

  constructor(private readonly items: readonly unknown[]) {
    super();
  }

  repr(): string {
    return '<jinja2.utils.Cycler object>';
  }

  override attribute(name: string): unknown {
    if (name === 'current') return this.items[this.position];
    if (name === 'items') return [...this.items];
    if (name === 'next' || name === 'reset') {
      return new GlobalFunction(`<bound method Cycler.${name}>`, () => {
        if (name === 'reset') {
          this.position = 0;
          return null;
        }
        const value = this.items[this.position];
        this.position = (this.position + 1) % this.items.length;
        return value;
      });
    }
    return undefined;
  }
}

/** Jinja2's `joiner(sep)`: '' on the first call, the separator afterwards. */
class Joiner extends PyObject {
  readonly pythonTypeName = 'Joiner';
  private used = false;

  constructor(private readonly separator: unknown) {
    super();
  }

  repr(): string {
    return '<jinja2.utils.Joiner object>';
  }

  override get callable(): boolean {
    return true;
  }

  override call(): unknown {
    if (!this.used) {
      this.used = true;
      return '';
    }
    return this.separator;
  }
}

/** The globals every template sees (Jinja2's defaults, with the sandbox's `range`). */
export function defaultGlobals(): Map<string, unknown> {
  return new Map<string, unknown>([
    ['range', new GlobalFunction('<function safe_range>', range)],
    ['dict', new GlobalFunction("<class 'dict'>", dict)],
    ['namespace', new NamespaceFactory()],
    [
      'cycler',
      new GlobalFunction("<class 'jinja2.utils.Cycler'>", (call) => {
        if (call.positional.length === 0) throw new JinjaRuntimeError('at least one item has to be provided');
        return new Cycler(call.positional);
      }),
    ],
    ['joiner', new GlobalFunction("<class 'jinja2.utils.Joiner'>", (call) => new Joiner(bindArguments('Joiner', [['sep', ', ']], call)[0]))],
  ]);
}

export { pyRepr };
