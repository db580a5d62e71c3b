/**
 * True when the JSON Schema of `schema` at the value pointer `pointer` (`/a/0/b`) accepts only
 * strings (`type: "string"` or `type: ["string"]`), following `properties`,
 * `additionalProperties` and `items`. Used to render a lone `{{ expr }}` as Jinja text where an
 * argument must be a string, instead of failing validation with a number.
 */
export function acceptsOnlyStrings(schema: unknown, pointer: string): boolean {
  let node: unknown = schema;
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const segment of segments) {
    if (!isObject(node)) return false;
    const properties = node['properties'];
    if (isObject(properties) && Object.hasOwn(properties, segment)) node = properties[segment];
    else if (node['items'] !== undefined && /^\d+$/.test(segment)) node = Array.isArray(node['items']) ? node['items'][Number(segment)] : node['items'];
    else if (isObject(node['additionalProperties'])) node = node['additionalProperties'];
    else return false;
  }
  if (!isObject(node)) return false;
  const type = node['type'];
  return type === 'string' || (Array.isArray(type) && type.length === 1 && type[0] === 'string');
}

/** Pointers remembered per schema: an item's arguments have few, arrays' indexes aside. */
const MAX_POINTERS = 256;
const answers = new WeakMap<object, Map<string, boolean>>();

/**
 * {@link acceptsOnlyStrings} over one schema, remembered per pointer: every run of an item asks
 * the same questions of the same schema (the walk and its pointer parsing cost about 1 µs each).
 */
export function stringOnlyPointers(schema: object): (pointer: string) => boolean {
  let known = answers.get(schema);
  if (!known) answers.set(schema, (known = new Map()));
  const cache = known;
  return (pointer) => {
    let answer = cache.get(pointer);
    if (answer === undefined) {
      answer = acceptsOnlyStrings(schema, pointer);
      if (cache.size >= MAX_POINTERS) cache.clear();
      cache.set(pointer, answer);
    }
    return answer;
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
