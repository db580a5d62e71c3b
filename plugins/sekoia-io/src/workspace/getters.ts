import { z } from 'zod';
import { sekoia } from '../module.js';

/** One `GET <path>/{<key>}` getter: the configuration objects of a community, read by uuid. */
export function getter(options: { uuid: string; slug: string; name: string; description: string; docker: string; path: string; key: string; title: string; what: string; results: z.ZodType }) {
  return sekoia.restAction({
    uuid: options.uuid,
    slug: options.slug,
    name: options.name,
    description: options.description,
    docker_parameters: options.docker,
    group: 'Getters',
    method: 'GET',
    path: `${options.path}/{${options.key}}`,
    arguments: z.object({ [options.key]: z.string() }).meta({ title: options.title }),
    results: options.results,
    notFound: (args) => `${options.what} ${String(args[options.key])}`,
  });
}
