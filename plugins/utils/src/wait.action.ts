import { z } from 'zod';
import { utils } from './module.js';

/** Resolves after `ms`, or rejects with the signal's reason when the run is cancelled or times out. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export const waitAction = utils.action({
  uuid: '41cd724b-bfcc-4fb7-bee7-ef5d02176e4c',
  slug: 'wait',
  docker_parameters: 'utils_wait',
  name: 'Wait',
  description: 'Wait',
  arguments: z
    .object({
      duration: z.number().int().min(0).max(3600).describe('Time to wait, in seconds'),
    })
    .meta({ title: 'Arguments' }),
  results: z.object({}).meta({ title: 'Results' }),
  async run(ctx, args) {
    await sleep(args.duration * 1000, ctx.signal);
    return {};
  },
});
