/**
 * The colour of an alert card: the reference module's `Color("green").range_to(Color("red"), 101)`
 * (the `colour` Python library) indexed by the urgency. That library interpolates the hue,
 * saturation and lightness linearly between CSS green (#008000) and red, and writes hex in its
 * short form when it can (`#f00`).
 */
const GREEN = rgbToHsl(0, 128 / 255, 0);
const RED = rgbToHsl(1, 0, 0);

function rgbToHsl(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const diff = max - min;
  if (diff < 5e-7) return [0, 0, l];
  const s = l < 0.5 ? diff / (max + min) : diff / (2 - max - min);
  const part = (value: number) => ((max - value) / 6 + diff / 2) / diff;
  let h = r === max ? part(b) - part(g) : g === max ? 1 / 3 + part(r) - part(b) : 2 / 3 + part(g) - part(r);
  if (h < 0) h += 1;
  if (h > 1) h -= 1;
  return [h, s, l];
}

function hueToRgb(v1: number, v2: number, hue: number): number {
  let h = hue;
  while (h < 0) h += 1;
  while (h > 1) h -= 1;
  if (6 * h < 1) return v1 + (v2 - v1) * 6 * h;
  if (2 * h < 1) return v2;
  if (3 * h < 2) return v1 + (v2 - v1) * (2 / 3 - h) * 6;
  return v1;
}

function hslToHex([h, s, l]: [number, number, number]): string {
  const rgb = s === 0 ? [l, l, l] : (() => {
    const v2 = l < 0.5 ? l * (1 + s) : l + s - s * l;
    const v1 = 2 * l - v2;
    return [hueToRgb(v1, v2, h + 1 / 3), hueToRgb(v1, v2, h), hueToRgb(v1, v2, h - 1 / 3)];
  })();
  const hex = rgb.map((channel) => Math.trunc(channel * 255 + 0.5 - 5e-7).toString(16).padStart(2, '0')).join('');
  const short = hex[0] === hex[1] && hex[2] === hex[3] && hex[4] === hex[5];
  return `#${short ? `${hex[0]}${hex[2]}${hex[4]}` : hex}`;
}

/** The card colour for an urgency of 0 to 100 (clamped; an alert without urgency is green). */
export function urgencyColour(urgency: number | undefined): string {
  const step = Math.min(100, Math.max(0, Math.round(urgency ?? 0)));
  const mix = (index: number) => GREEN[index]! + ((RED[index]! - GREEN[index]!) / 100) * step;
  return hslToHex([mix(0), mix(1), mix(2)]);
}
