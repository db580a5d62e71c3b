// Part of the fake Sekoia.io API, after its published reference: https://docs.sekoia.io/xdr/develop/rest_api/ (Configuration).
import { Hono } from 'hono';
import type { FakeSekoiaState } from './state.js';

/** The configuration objects read by uuid: entities, intakes, communities, custom statuses, priorities and verdicts. */
export const OBJECT_PATHS = ['sic/conf/entities', 'sic/conf/intakes', 'communities', 'sic/custom_statuses', 'sic/custom_priorities', 'sic/custom_verdicts'] as const;

/** `GET api/v1/<path>/{uuid}` for each of {@link OBJECT_PATHS}: the seeded object, or 404 naming it. */
export function workspaceRoutes(state: FakeSekoiaState): Hono {
  const app = new Hono();
  for (const path of OBJECT_PATHS) {
    app.get(`/${path}/:uuid`, (c) => {
      const found = state.objectsAt(path).get(c.req.param('uuid'));
      return found ? c.json(found) : c.json({ message: `${path.split('/').at(-1)} ${c.req.param('uuid')} not found` }, 404);
    });
  }
  return app;
}
