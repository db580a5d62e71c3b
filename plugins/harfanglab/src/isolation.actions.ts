import { z } from 'zod';
import { harfanglab } from './module.js';

/** HarfangLab's answer to an isolation request: the agents it was requested for, and those it was not (already, or not allowed by their policy). */
function isolationAction(options: { uuid: string; slug: string; name: string; description: string; docker_parameters: string; path: string; what: 'agent' | 'group'; verb: string; done: string; notDone: string }) {
  return harfanglab.restAction({
    uuid: options.uuid,
    slug: options.slug,
    name: options.name,
    description: options.description,
    docker_parameters: options.docker_parameters,
    method: 'POST',
    path: options.path,
    arguments: z.object({ id: z.string().min(1).describe(`The identifier of the ${options.what} to ${options.verb}`) }).meta({ title: 'Arguments' }),
    results: z
      .looseObject({
        requested: z.array(z.unknown()).describe(options.done),
        unrequested: z.array(z.unknown()).describe(options.notDone),
      })
      .meta({ title: 'Results' }),
    // Isolating twice leaves the agent isolated.
    idempotent: true,
    notFound: (args) => `${options.what} ${args.id}`,
    map: (body) => ({ requested: [], unrequested: [], ...(body as Record<string, unknown>) }),
  });
}

export const isolateAgentAction = isolationAction({
  uuid: '77fa2ed4-1b8d-4ea7-9e9f-4485eb6a0699',
  slug: 'isolate_endpoint',
  name: 'Isolate an agent',
  description: 'Isolate an agent',
  docker_parameters: 'harfanglab_endpoint_agent_isolation',
  path: 'api/data/endpoint/Agent/{id}/isolate/',
  what: 'agent',
  verb: 'isolate',
  done: 'The list of identifiers of isolated endpoints',
  notDone: 'The list of identifiers of non-isolated endpoints',
});

export const deisolateAgentAction = isolationAction({
  uuid: 'b2a24dfa-9662-4484-8b0a-0a21958231d1',
  slug: 'deisolate_endpoint',
  name: 'Deisolate an agent',
  description: 'Deisolate an agent',
  docker_parameters: 'harfanglab_endpoint_agent_deisolation',
  path: 'api/data/endpoint/Agent/{id}/deisolate/',
  what: 'agent',
  verb: 'deisolate',
  done: 'The list of identifiers of non-deisolated endpoints',
  notDone: 'The list of identifiers of deisolated endpoints',
});

export const isolateGroupAction = isolationAction({
  uuid: '8f9549da-ba10-4de3-bdba-fd37d7a4ce69',
  slug: 'isolate_group',
  name: 'Isolate a group',
  description: 'Isolate a group of endpoints',
  docker_parameters: 'harfanglab_endpoint_group_isolation',
  path: 'api/data/endpoint/Group/{id}/isolation/',
  what: 'group',
  verb: 'isolate',
  done: 'The list of identifiers of isolated endpoints',
  notDone: 'The list of identifiers of non-isolated endpoints',
});

export const deisolateGroupAction = isolationAction({
  uuid: 'aba2a15c-c0c6-43f0-b617-69f1571e719d',
  slug: 'deisolate_group',
  name: 'Deisolate a group',
  description: 'Deisolate a group of endpoints',
  docker_parameters: 'harfanglab_endpoint_group_deisolation',
  path: 'api/data/endpoint/Group/{id}/deisolation/',
  what: 'group',
  verb: 'deisolate',
  done: 'The list of identifiers of non-deisolated endpoints',
  notDone: 'The list of identifiers of deisolated endpoints',
});
