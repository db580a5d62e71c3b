const TEMPLATE_MARKERS = ['{{', '{%'];

/** True when the value holds a template anywhere (its final value is known only at run time). */
export function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return TEMPLATE_MARKERS.some((marker) => value.includes(marker));
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsTemplate);
  return false;
}
