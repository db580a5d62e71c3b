import { PlyError } from '@ply/core';
import { z } from 'zod';
import { sekoia } from '../module.js';
import { SekoiaApi } from '../sekoia-api.js';

/**
 * `POST api/v2/inthreat/observables/bulk` `{data: observables}`. Hand-written: `observables_path`
 * (a file of the run) is read by the action, as the reference's `json_argument` does.
 */
export const uploadObservables = sekoia.action({
  uuid: 'ab660ed7-9160-4f91-bb1c-3d49dc8c0972',
  slug: 'upload_observables',
  name: 'Upload Observables',
  description: 'Upload observables to inthreat',
  docker_parameters: 'upload_observables_inthreat',
  group: 'Setters',
  arguments: z
    .object({
      observables: z.array(z.unknown()).optional().describe('List of observables or bundle to upload to inThreat'),
      observables_path: z.string().optional().describe('Path of the observables file to upload inThreat'),
    })
    .meta({ title: 'Arguments' }),
  results: z.looseObject({}),
  async run(ctx, args) {
    const observables = args.observables ?? (args.observables_path === undefined ? undefined : await ctx.files.readJson(args.observables_path));
    if (observables === undefined) {
      throw new PlyError('PLY_ARGUMENTS_INVALID', 'upload_observables needs observables or observables_path', { details: { issues: [{ pointer: '/observables', message: 'is required' }] } });
    }
    await SekoiaApi.fromModuleConfiguration(ctx.http, ctx.config).request('v2/inthreat/observables/bulk', { method: 'POST', json: { data: observables } });
    ctx.log.info('observables uploaded', { observables: Array.isArray(observables) ? observables.length : 1 });
    return {};
  },
});
