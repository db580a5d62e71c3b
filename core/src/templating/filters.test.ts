import { describe, expect, it } from 'vitest';
import { PlyError } from '../errors/ply-error.js';
import { TemplateEngine } from './template-engine.js';

const engine = new TemplateEngine();
const context = {
  trigger: {
    name: 'Suspicious Login',
    ips: ['10.0.0.2', '10.0.0.1', '10.0.0.2'],
    users: [
      { name: 'bob', score: 3 },
      { name: 'Alice', score: 7 },
    ],
    count: '42',
    empty: '',
    nothing: null,
    fields: { b: 2, a: 1 },
  },
};

/** Renders a lone expression and returns its typed value. */
const value = (expression: string): unknown => engine.renderValue(`{{ ${expression} }}`, context);

function renderError(expression: string): PlyError {
  try {
    value(expression);
  } catch (error) {
    if (error instanceof PlyError) return error;
    throw error;
  }
  throw new Error(`expected ${expression} to fail`);
}

describe('filters', () => {
  it('tojson / dump serialise to JSON, with optional indent', () => {
    // Jinja2: sorted keys, Python's separators; Undefined is not serializable.
    expect(value('trigger.fields | tojson')).toBe('{"a": 1, "b": 2}');
    expect(value('[1] | tojson(2)')).toBe('[\n  1\n]');
    expect(renderError('missing | tojson').message).toContain('Object of type Undefined is not JSON serializable');
    expect(value('trigger.users[0] | dump')).toBe('{"name": "bob", "score": 3}');
  });

  it('fromjson parses JSON and reports invalid input', () => {
    expect(value('\'{"a": [1, true]}\' | fromjson')).toEqual({ a: [1, true] });
    const error = renderError('"{oops" | fromjson');
    expect(error.code).toBe('PLY_TEMPLATE_ERROR');
    expect(error.message).toContain('input is not valid JSON');
  });

  it('default / d replace undefined only, or any falsy value in boolean mode', () => {
    expect(value('missing | default("x")')).toBe('x');
    expect(value('missing | d("x")')).toBe('x');
    expect(value('trigger.nothing | default("x")')).toBeNull();
    expect(value('trigger.empty | default("x")')).toBe('');
    expect(value('trigger.empty | default("x", true)')).toBe('x');
    expect(value('trigger.empty | default("x", boolean=true)')).toBe('x');
  });

  it('length / count size strings, lists and mappings', () => {
    expect(value('trigger.name | length')).toBe(16);
    expect(value('trigger.ips | length')).toBe(3);
    expect(value('trigger.fields | count')).toBe(2);
    expect(value('missing | length')).toBe(0);
  });

  it('join, with separator and attribute', () => {
    expect(value('trigger.ips | join(", ")')).toBe('10.0.0.2, 10.0.0.1, 10.0.0.2');
    expect(value('trigger.users | join("/", attribute="name")')).toBe('bob/Alice');
    expect(value('[1, none, "a"] | join')).toBe('1Nonea');
  });

  it('string case and whitespace filters', () => {
    expect(value('trigger.name | lower')).toBe('suspicious login');
    expect(value('trigger.name | upper')).toBe('SUSPICIOUS LOGIN');
    expect(value('"hELLO world" | capitalize')).toBe('Hello world');
    expect(value('"hello big-world" | title')).toBe('Hello Big-World');
    expect(value('"  x  " | trim')).toBe('x');
    expect(value('"--x--" | trim("-")')).toBe('x');
  });

  it('replace, with an optional count', () => {
    expect(value('trigger.name | replace("s", "$")')).toBe('Su$piciou$ Login');
    expect(value('"aaa" | replace("a", "b", 2)')).toBe('bba');
  });

  it('first / last of lists and strings', () => {
    expect(value('trigger.ips | first')).toBe('10.0.0.2');
    expect(value('trigger.ips | last')).toBe('10.0.0.2');
    expect(value('"abc" | last')).toBe('c');
  });

  it('int / float convert like Jinja, falling back to 0 or the given default', () => {
    expect(value('trigger.count | int')).toBe(42);
    expect(value('"3.9" | int')).toBe(3);
    expect(value('"abc" | int')).toBe(0);
    expect(value('"abc" | int(-1)')).toBe(-1);
    expect(value('"ff" | int(base=16)')).toBe(255);
    expect(value('"2.5" | float')).toBe(2.5);
    expect(value('"x" | float(1.5)')).toBe(1.5);
  });

  it('string renders lists and mappings as Python prints them and missing values as empty', () => {
    expect(value('trigger.fields | string')).toBe("{'b': 2, 'a': 1}");
    expect(value('42 | string')).toBe('42');
    expect(value('missing | string')).toBe('');
  });

  it('sort, unique, reverse, list', () => {
    expect(value('trigger.ips | sort')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.2']);
    expect(value('trigger.users | sort(attribute="name") | map(attribute="name")')).toEqual(['Alice', 'bob']);
    expect(value('trigger.users | sort(attribute="score", reverse=true) | first')).toEqual({ name: 'Alice', score: 7 });
    expect(value('trigger.ips | unique')).toEqual(['10.0.0.2', '10.0.0.1']);
    expect(value('["A", "a", "b"] | unique')).toEqual(['A', 'b']);
    expect(value('[1, 2, 3] | reverse')).toEqual([3, 2, 1]);
    expect(value('"abc" | reverse')).toBe('cba');
    expect(value('"ab" | list')).toEqual(['a', 'b']);
    expect(value('trigger.fields | list')).toEqual(['b', 'a']);
  });

  it('does not sort the data it was given', () => {
    engine.renderValue('{{ trigger.ips | sort }}', context);
    expect(context.trigger.ips).toEqual(['10.0.0.2', '10.0.0.1', '10.0.0.2']);
  });

  it('numbers: abs, round, min, max, sum', () => {
    expect(value('-3 | abs')).toBe(3);
    expect(value('2.567 | round(2)')).toBe(2.57);
    // Python rounds half to even.
    expect(value('2.5 | round')).toBe(2);
    expect(value('2.1 | round(method="ceil")')).toBe(3);
    expect(value('[3, 1, 2] | min')).toBe(1);
    expect(value('[3, 1, 2] | max')).toBe(3);
    expect(value('trigger.users | max(attribute="score")')).toEqual({ name: 'Alice', score: 7 });
    expect(value('trigger.users | sum(attribute="score")')).toBe(10);
    expect(renderError('"x" | abs').message).toContain("bad operand type for abs(): 'str'");
  });

  it('b64encode / b64decode round-trip UTF-8', () => {
    expect(value('"héllo" | b64encode')).toBe('aMOpbGxv');
    expect(value('"aMOpbGxv" | b64decode')).toBe('héllo');
    expect(renderError('"*not base64*" | b64decode').message).toContain('base64');
  });

  it('urlencode quotes strings and builds query strings from mappings', () => {
    expect(value('"a b/c&d" | urlencode')).toBe('a%20b/c%26d');
    expect(value('{"q": "a b", "n": 1} | urlencode')).toBe('q=a+b&n=1');
  });

  it('truncate follows Jinja (length, killwords, end, leeway)', () => {
    const long = '"the quick brown fox jumps over"';
    expect(value(`${long} | truncate(15)`)).toBe('the quick...');
    expect(value(`${long} | truncate(15, true)`)).toBe('the quick br...');
    expect(value(`${long} | truncate(28)`)).toBe('the quick brown fox jumps over');
    expect(value(`${long} | truncate(17, end="…", leeway=0)`)).toBe('the quick brown…');
  });

  it('select / reject / selectattr / rejectattr use registered tests only', () => {
    expect(value('[0, 1, 2, 3] | select("odd")')).toEqual([1, 3]);
    expect(value('[0, 1, 2, 3] | reject("odd")')).toEqual([0, 2]);
    expect(value('[0, 1, ""] | select')).toEqual([1]);
    expect(value('trigger.users | selectattr("score", "gt", 5) | map(attribute="name")')).toEqual(['Alice']);
    expect(value('trigger.users | rejectattr("score", "gt", 5) | map(attribute="name")')).toEqual(['bob']);
    expect(renderError('[1] | select("nope")').message).toContain("No test named 'nope'");
  });

  it('map applies a registered filter or reads an attribute', () => {
    expect(value('trigger.ips | map("replace", "10.", "") | list')).toEqual(['0.0.2', '0.0.1', '0.0.2']);
    expect(value('trigger.users | map(attribute="name") | map("upper")')).toEqual(['BOB', 'ALICE']);
    expect(renderError('[1] | map("__ply_capture")').message).toContain('No filter named');
  });

  it('items / dictsort list mapping entries', () => {
    expect(value('trigger.fields | items')).toEqual([['b', 2], ['a', 1]]);
    expect(value('trigger.fields | dictsort')).toEqual([['a', 1], ['b', 2]]);
  });

  it('format is Python %-formatting', () => {
    expect(value('"%s has %d hits (%.1f%%)" | format("bob", 3, 12.345)')).toBe('bob has 3 hits (12.3%)');
  });

  it('safe and escape exist for Jinja habits and return plain strings', () => {
    expect(value('"<b>" | safe')).toBe('<b>');
    expect(value('"<b>" | e')).toBe('&lt;b&gt;');
  });

  it('reports unknown keyword and surplus arguments', () => {
    expect(renderError('[1] | join(",", nope=1)').message).toContain("do_join() got an unexpected keyword argument 'nope'");
    expect(renderError('"1" | int(0, 10, 3)').message).toContain('takes 2 positional arguments but 3 were given');
  });
});

describe('the filter vocabulary', () => {
  it('has no filter named after a JavaScript internal', () => {
    const error = renderError('1 | constructor');
    expect(error.code).toBe('PLY_TEMPLATE_FORBIDDEN');
  });

  it('has the Jinja2 built-ins nunjucks lacked, and Sekoia\'s', () => {
    expect(value('[1, 2, 3] | batch(2) | list')).toEqual([[1, 2], [3]]);
    expect(value('"<b>x</b>" | striptags')).toBe('x');
    expect(value('1706703333 | timestamp_to_iso8601')).toBe('2024-01-31T12:15:33Z');
  });
});
