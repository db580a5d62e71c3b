import { z } from 'zod';
import { entityFields } from './entity-fields.js';

/** An observable as TheHive 5's `InputObservable` takes it (alert creation and `POST alert/{id}/observable`). */
export const inputObservableSchema = z.looseObject({
  dataType: z.string().min(1).describe('Type of the observable: ip, domain, url, fqdn, hash, mail, filename, hostname, other, ...'),
  data: z.string().min(1).describe('Value of the observable'),
  message: z.string().optional().describe('Description of the observable'),
  startDate: z.int().optional().describe('Date of the observable in milliseconds since epoch'),
  tlp: z.int().min(0).max(4).optional().describe('TLP: 0 CLEAR, 1 GREEN, 2 AMBER, 3 AMBER+STRICT, 4 RED'),
  pap: z.int().min(0).max(3).optional().describe('PAP: 0 CLEAR, 1 GREEN, 2 AMBER, 3 RED'),
  tags: z.array(z.string()).optional().describe('Tags of the observable'),
  ioc: z.boolean().optional().describe('Whether the observable is an indicator of compromise'),
  sighted: z.boolean().optional().describe('Whether the observable was seen in the organisation'),
  sightedAt: z.int().optional().describe('When it was seen, in milliseconds since epoch'),
  ignoreSimilarity: z.boolean().optional().describe('Ignore the observable when computing similarity'),
});

export type InputObservable = z.output<typeof inputObservableSchema>;

/** An observable as TheHive 5 returns it (`OutputObservable`); other fields are kept. */
export const outputObservableSchema = z.looseObject({
  ...entityFields,
  dataType: z.string().nullish(),
  data: z.string().nullish(),
  startDate: z.number().nullish(),
  attachment: z.looseObject({}).nullish(),
  tlp: z.number().nullish(),
  tlpLabel: z.string().nullish(),
  pap: z.number().nullish(),
  papLabel: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  ioc: z.boolean().nullish(),
  sighted: z.boolean().nullish(),
  sightedAt: z.number().nullish(),
  reports: z.looseObject({}).nullish(),
  message: z.string().nullish(),
  extraData: z.looseObject({}).nullish(),
  ignoreSimilarity: z.boolean().nullish(),
});
