import { JinjaRuntimeError } from '../errors/jinja-error.js';
import { getAttribute, getItem } from '../runtime/lookup.js';
import type { RenderState } from '../runtime/render-state.js';
import { MISSING, PyDict } from '../values/py-dict.js';
import { pyRepr, pyStr } from '../values/python-repr.js';
import { readOwn } from '../runtime/own-data.js';
import { applyFormatSpec } from './format-spec.js';

type Keywords = ReadonlyMap<string, unknown> | PyDict | Record<string, unknown>;

function keyword(keywords: Keywords, name: string): unknown {
  if (keywords instanceof Map) return keywords.has(name) ? keywords.get(name) : MISSING;
  if (keywords instanceof PyDict) return keywords.get(name);
  return readOwn(keywords as Record<string, unknown>, name);
}

/**
 * Python's `str.format` in Jinja2's sandbox: fields read attributes and items through the
 * sandboxed lookup, so `'{0.__class__}'.format(x)` is refused like `x.__class__`.
 */
export function strFormat(state: RenderState, pattern: string, args: readonly unknown[], keywords: Keywords): string {
  let auto = 0;
  const render = (text: string, nested: boolean): string => {
    let out = '';
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i] as string;
      if (char === '}') {
        if (text[i + 1] === '}') {
          out += '}';
          i += 1;
          continue;
        }
        throw new JinjaRuntimeError("Single '}' encountered in format string", 'ValueError');
      }
      if (char !== '{') {
        out += char;
        continue;
      }
      if (text[i + 1] === '{') {
        out += '{';
        i += 1;
        continue;
      }
      let depth = 1;
      let j = i + 1;
      for (; j < text.length && depth > 0; j += 1) {
        if (text[j] === '{') depth += 1;
        else if (text[j] === '}') depth -= 1;
      }
      if (depth !== 0) throw new JinjaRuntimeError("expected '}' before end of string", 'ValueError');
      out += field(text.slice(i + 1, j - 1), nested);
      state.checkSize(out.length);
      i = j - 1;
    }
    return out;
  };
  const field = (body: string, nested: boolean): string => {
    const match = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(body);
    if (match === null) throw new JinjaRuntimeError(`invalid format field ${JSON.stringify(body)}`, 'ValueError');
    const [, name = '', path = '', conversion, specText = ''] = match;
    let value: unknown;
    if (name === '') {
      if (auto < 0) throw new JinjaRuntimeError('cannot switch from manual field specification to automatic field numbering', 'ValueError');
      value = args[auto];
      if (auto >= args.length) throw new JinjaRuntimeError(`Replacement index ${auto} out of range for positional args tuple`, 'IndexError');
      auto += 1;
    } else if (/^\d+$/.test(name)) {
      if (auto > 0) throw new JinjaRuntimeError('cannot switch from automatic field numbering to manual field specification', 'ValueError');
      auto = -1;
      const index = Number(name);
      if (index >= args.length) throw new JinjaRuntimeError(`Replacement index ${index} out of range for positional args tuple`, 'IndexError');
      value = args[index];
    } else {
      value = keyword(keywords, name);
      if (value === MISSING) throw new JinjaRuntimeError(`'${name}'`, 'KeyError');
    }
    for (const part of path.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
      if (part.startsWith('.')) value = getAttribute(state, value, part.slice(1));
      else {
        const key = part.slice(1, -1);
        value = getItem(state, value, /^\d+$/.test(key) ? Number(key) : key);
      }
    }
    if (conversion === 'r' || conversion === 'a') value = pyRepr(value, state);
    else if (conversion === 's') value = pyStr(value, state);
    const spec = nested ? specText : render(specText, true);
    return applyFormatSpec(value, spec, state.limits.maxValueSize);
  };
  const result = render(pattern, false);
  state.taint?.propagate(result, [pattern, ...args]);
  return result;
}
