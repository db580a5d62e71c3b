import { z } from 'zod';

/** The fields TheHive 5 gives every entity it returns (alerts, observables, attachments). */
export const entityFields = {
  _id: z.string().nullish(),
  _type: z.string().nullish(),
  _createdBy: z.string().nullish(),
  _updatedBy: z.string().nullish(),
  _createdAt: z.number().nullish(),
  _updatedAt: z.number().nullish(),
};
