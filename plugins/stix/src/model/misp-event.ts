/**
 * The MISP event shape this library reads and writes: the JSON of MISP's REST API
 * (`GET /events/view/{id}` answers `{ "Event": { ... } }`), fields as MISP spells them.
 */
export interface MispTag {
  name: string;
  [key: string]: unknown;
}

export interface MispAttribute {
  uuid?: string;
  type: string;
  category?: string;
  value: string;
  to_ids?: boolean;
  comment?: string;
  /** Epoch seconds, as a string or a number. */
  timestamp?: string | number;
  first_seen?: string | null;
  last_seen?: string | null;
  object_relation?: string | null;
  Tag?: MispTag[];
  [key: string]: unknown;
}

export interface MispObject {
  uuid?: string;
  name: string;
  'meta-category'?: string;
  comment?: string;
  timestamp?: string | number;
  Attribute: MispAttribute[];
  [key: string]: unknown;
}

export interface MispEvent {
  uuid?: string;
  info: string;
  /** `YYYY-MM-DD` */
  date?: string;
  threat_level_id?: string;
  analysis?: string;
  distribution?: string;
  published?: boolean;
  timestamp?: string | number;
  publish_timestamp?: string | number;
  Orgc?: { uuid?: string; name: string };
  Tag?: MispTag[];
  Attribute?: MispAttribute[];
  Object?: MispObject[];
  [key: string]: unknown;
}

/** An event as given: `{ Event: {...} }` (MISP's REST answer) or the event itself. */
export function unwrapEvent(input: unknown): MispEvent {
  const event = typeof input === 'object' && input !== null && 'Event' in input ? (input as { Event: unknown }).Event : input;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new TypeError('expected a MISP event: an object with "info" (or {"Event": {...}})');
  const record = event as Record<string, unknown>;
  if (typeof record['info'] !== 'string') throw new TypeError('the MISP event has no "info" (its title)');
  for (const [key, list] of [['Attribute', record['Attribute']], ['Object', record['Object']]] as const) {
    if (list !== undefined && !Array.isArray(list)) throw new TypeError(`the MISP event's "${key}" is not a list`);
  }
  (record['Attribute'] as unknown[] | undefined)?.forEach((attribute, index) => checkAttribute(attribute, `Attribute[${index}]`));
  (record['Object'] as unknown[] | undefined)?.forEach((object, index) => {
    const o = object as Record<string, unknown> | null;
    if (typeof o !== 'object' || o === null || typeof o['name'] !== 'string' || !Array.isArray(o['Attribute'])) throw new TypeError(`Object[${index}] needs a "name" and an "Attribute" list`);
    (o['Attribute'] as unknown[]).forEach((attribute, inner) => checkAttribute(attribute, `Object[${index}].Attribute[${inner}]`));
  });
  return event as MispEvent;
}

function checkAttribute(attribute: unknown, where: string): void {
  const a = attribute as Record<string, unknown> | null;
  if (typeof a !== 'object' || a === null) throw new TypeError(`${where} is not an object`);
  if (typeof a['type'] !== 'string') throw new TypeError(`${where} has no "type"`);
  if (typeof a['value'] !== 'string' && typeof a['value'] !== 'number') throw new TypeError(`${where} (${a['type']}) has no "value"`);
}

/** MISP's booleans arrive as true, "1", 1 or "True". */
export function mispBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'True' || value === 'true';
}
