import type { CallArguments } from '../runtime/call-arguments.js';
import type { RenderState } from '../runtime/render-state.js';

/**
 * A Python object the engine makes (a macro, a bound method, `loop`, a namespace, a cycler...).
 * It prints with {@link repr}, exposes only the attributes {@link attribute} returns and can be
 * called only when it overrides {@link call}. Nothing from the data is ever a PyObject.
 */
export abstract class PyObject {
  abstract readonly pythonTypeName: string;

  /** Python's `repr()` of the object. */
  abstract repr(): string;

  /** The attribute `name`, or undefined when it has none (the caller makes the Undefined). */
  attribute(_name: string): unknown {
    return undefined;
  }

  /** True when {@link call} can be used. */
  get callable(): boolean {
    return false;
  }

  /** Calls the object. */
  call(_args: CallArguments, _state: RenderState): unknown {
    throw new TypeError(`'${this.pythonTypeName}' object is not callable`);
  }

  /** Python's `bool()`: objects are true. */
  get truthy(): boolean {
    return true;
  }
}
