import { z } from 'zod';
import { azureAd } from './module.js';

/** `DELETE /applications/{objectId}` (204; https://learn.microsoft.com/en-us/graph/api/application-delete). */
export const deleteApp = azureAd.restAction({
  uuid: 'ec4039ec-7991-48ac-9d8f-503ef17013a2',
  slug: 'delete_app',
  name: 'Delete app',
  description: 'Delete an app in azure AD. Requires the Application.ReadWrite.OwnedBy or Application.ReadWrite.All.',
  docker_parameters: 'DeleteApplicationAction',
  method: 'DELETE',
  path: 'applications/{objectId}',
  arguments: z.object({ objectId: z.string().optional().meta({ title: 'Id', in: 'path' }).describe('Object ID of the app.') }).meta({ title: 'ApplicationArguments' }),
  results: z.looseObject({}),
  notFound: (args) => `application ${args.objectId}`,
});
