import { z } from 'zod';

/** `user/subscription`: the plan and what is left of it. */
export const subscriptionSchema = z.looseObject({
  subscription: z.looseObject({ name: z.string().optional() }).optional(),
  end_date: z.string().optional(),
  requests_left: z.number().int().optional(),
  requests_plan: z.number().int().optional(),
});
