import { z } from 'zod';

// Shodan's banners and hosts carry many more fields than the reference lists, and send null where
// a value is unknown (area_code, dma_code, region_code...): every object is loose and every field
// nullable, so a real answer never fails the results check.
const text = z.string().nullish();
const number = z.number().nullish();
const list = z.array(z.unknown()).nullish();

export const locationSchema = z.looseObject({
  city: text,
  region_code: text,
  area_code: z.union([z.string(), z.number()]).nullish(),
  longitude: number,
  country_code3: text,
  country_name: text,
  postal_code: text,
  dma_code: z.union([z.string(), z.number()]).nullish(),
  country_code: text,
  latitude: number,
});

/** A banner: one service seen on a host. */
export const bannerSchema = z.looseObject({
  product: text,
  os: text,
  timestamp: text,
  isp: text,
  asn: text,
  banner: text,
  data: text,
  hostnames: list,
  devicetype: text,
  location: locationSchema.nullish(),
  ip: z.union([z.number(), z.string()]).nullish(),
  ip_str: text,
  domains: list,
  org: text,
  port: z.int().nullish(),
  opts: z.looseObject({}).nullish(),
});

/** `facets`: per property, the top values and their counts. */
export const facetsSchema = z.record(z.string(), z.array(z.looseObject({ count: z.int().optional(), value: z.unknown().optional() }))).describe('Summary information per requested facet');
