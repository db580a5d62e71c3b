import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { PyObject } from '../values/py-object.js';
import { PyDict } from '../values/py-dict.js';
import { PyTuple } from '../values/py-tuple.js';
import { JinjaUndefined } from '../values/undefined-value.js';
import type { CallArguments } from './call-arguments.js';
import type { Evaluate } from './compile-expression.js';
import { OutputSink } from './output-sink.js';
import type { RenderState } from './render-state.js';
import type { Scope } from './scope.js';

/** A compiled statement list. */
export type Execute = (state: RenderState, scope: Scope, out: OutputSink) => void;

/** What a `{% macro %}` (or the `caller` of a `{% call %}` block) needs to run. */
export interface MacroDefinition {
  readonly name: string;
  readonly params: readonly string[];
  readonly defaults: readonly Evaluate[];
  readonly body: Execute;
  readonly usesVarargs: boolean;
  readonly usesKwargs: boolean;
  readonly usesCaller: boolean;
}

/** A macro value: called like a function, it renders its body and returns the text. */
export class Macro extends PyObject {
  readonly pythonTypeName = 'Macro';

  constructor(
    private readonly definition: MacroDefinition,
    /** The scope the macro was defined in: its body reads outer names from there. */
    private readonly closure: Scope,
  ) {
    super();
  }

  repr(): string {
    return `<Macro '${this.definition.name}'>`;
  }

  override attribute(name: string): unknown {
    const d = this.definition;
    switch (name) {
      case 'name':
        return d.name;
      case 'arguments':
        return PyTuple.of_(d.params);
      case 'catch_kwargs':
        return d.usesKwargs;
      case 'catch_varargs':
        return d.usesVarargs;
      case 'caller':
        return d.usesCaller;
      default:
        return undefined;
    }
  }

  override get callable(): boolean {
    return true;
  }

  override call(call: CallArguments, state: RenderState): unknown {
    const d = this.definition;
    state.enter();
    try {
      const scope = this.closure.child();
      const { positional } = call;
      if (positional.length > d.params.length && !d.usesVarargs) {
        throw new JinjaRuntimeError(`macro '${d.name}' takes not more than ${d.params.length} argument(s)`);
      }
      const keywords = new Map(call.keywords ?? []);
      let caller: unknown = keywords.get('caller');
      keywords.delete('caller');
      if (caller !== undefined && !d.usesCaller) throw new JinjaRuntimeError(`macro '${d.name}' takes no keyword argument 'caller'`);
      const firstDefault = d.params.length - d.defaults.length;
      d.params.forEach((param, index) => {
        let value: unknown;
        if (index < positional.length) {
          if (keywords.has(param)) throw new JinjaRuntimeError(`macro '${d.name}' got multiple values for argument '${param}'`);
          value = positional[index];
        } else if (keywords.has(param)) {
          value = keywords.get(param);
          keywords.delete(param);
        } else if (index >= firstDefault) {
          value = (d.defaults[index - firstDefault] as Evaluate)(state, scope);
        } else {
          value = new JinjaUndefined(`parameter '${param}' was not provided`);
        }
        scope.set(param, value);
      });
      if (d.usesVarargs) scope.set('varargs', PyTuple.of_(positional.slice(d.params.length)));
      if (d.usesKwargs) {
        const extra = new PyDict();
        for (const [key, value] of keywords) extra.set(key, value);
        scope.set('kwargs', extra);
      } else if (keywords.size > 0) {
        throw new JinjaRuntimeError(`macro '${d.name}' takes no keyword argument '${[...keywords.keys()][0] as string}'`);
      }
      if (d.usesCaller) {
        caller ??= new JinjaUndefined('No caller defined');
        scope.set('caller', caller);
      }
      const out = new OutputSink(state.limits.maxValueSize, 'value-size');
      d.body(state, scope, out);
      return out.text();
    } finally {
      state.leave();
    }
  }
}
