import { defineAction } from '@ply/core';
import { z } from 'zod';
import { callEndpoint } from './endpoint-call.js';

export const commentAlert = defineAction({
  uuid: '0d323de3-a864-4afe-a0c3-e7ff45883d7a',
  slug: 'comment_alert',
  name: 'Comment Alert',
  description: 'Attach a new comment on an Alert',
  group: 'Setters',
  arguments: z
    .object({
      uuid: z.string().min(1).describe('UUID or short id of the alert'),
      content: z.string().describe('Content of the comment'),
      author: z.string().max(32).optional().describe('Author of the comment'),
    })
    .meta({ title: 'post_a_comment_on_an_alert' }),
  results: z.looseObject({
    uuid: z.string().describe('Identifier of the comment'),
    content: z.string().describe('Content of the comment'),
    author: z.string().describe('Author of the comment'),
    date: z.number(),
    created_by: z.string().describe('The identifier of the creator of the comment'),
    created_by_type: z.string().describe('The type of the creator of the comment'),
    unseen: z.boolean().optional(),
  }),
  run: async (ctx, args) =>
    (await callEndpoint(ctx, { method: 'POST', path: 'v1/sic/alerts/{uuid}/comments' }, args)) as {
      uuid: string; content: string; author: string; date: number; created_by: string; created_by_type: string;
    },
});
