import { bindArguments } from './bind-arguments.js';
import type { CallArguments } from './call-arguments.js';
import type { RenderState } from './render-state.js';
import { pyEquals } from '../values/equality.js';
import { PyObject } from '../values/py-object.js';
import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { JinjaUndefined } from '../values/undefined-value.js';

/** A method of `loop` (`loop.cycle`, `loop.changed`). */
class LoopMethod extends PyObject {
  readonly pythonTypeName = 'method';

  constructor(
    private readonly name: string,
    private readonly run: (call: CallArguments) => unknown,
  ) {
    super();
  }

  repr(): string {
    return `<bound method LoopContext.${this.name}>`;
  }

  override get callable(): boolean {
    return true;
  }

  override call(call: CallArguments): unknown {
    return this.run(call);
  }
}

/** Jinja2's `loop` variable inside `{% for %}`. */
export class LoopContext extends PyObject {
  readonly pythonTypeName = 'LoopContext';
  index0 = -1;
  private lastChanged: unknown[] | undefined;

  constructor(
    private readonly items: readonly unknown[],
    readonly depth0: number,
    /** Renders the loop body again over other items (`loop(children)` in recursive loops). */
    private readonly recurse: ((items: unknown, state: RenderState) => string) | undefined,
  ) {
    super();
  }

  repr(): string {
    return `<LoopContext ${this.index0 + 1}/${this.items.length}>`;
  }

  override attribute(name: string): unknown {
    const length = this.items.length;
    switch (name) {
      case 'index':
        return this.index0 + 1;
      case 'index0':
        return this.index0;
      case 'revindex':
        return length - this.index0;
      case 'revindex0':
        return length - this.index0 - 1;
      case 'first':
        return this.index0 === 0;
      case 'last':
        return this.index0 === length - 1;
      case 'length':
        return length;
      case 'depth':
        return this.depth0 + 1;
      case 'depth0':
        return this.depth0;
      case 'previtem':
        return this.index0 > 0 ? this.items[this.index0 - 1] : new JinjaUndefined('there is no previous item');
      case 'nextitem':
        return this.index0 < length - 1 ? this.items[this.index0 + 1] : new JinjaUndefined('there is no next item');
      case 'cycle':
        return new LoopMethod('cycle', (call) => {
          const values = call.positional;
          if (values.length === 0) throw new JinjaRuntimeError('no items for cycling given');
          return values[this.index0 % values.length];
        });
      case 'changed':
        return new LoopMethod('changed', (call) => {
          const values = [...call.positional];
          const previous = this.lastChanged;
          this.lastChanged = values;
          return previous === undefined || previous.length !== values.length || previous.some((value, i) => !pyEquals(value, values[i]));
        });
      default:
        return undefined;
    }
  }

  override get callable(): boolean {
    return this.recurse !== undefined;
  }

  override call(call: CallArguments, state: RenderState): unknown {
    if (this.recurse === undefined) throw new JinjaRuntimeError('Tried to call non recursive loop.  Maybe you forgot the \'recursive\' modifier.');
    const [items] = bindArguments('loop', ['iterable'], call);
    return this.recurse(items, state);
  }
}
