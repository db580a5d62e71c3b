import { Hono } from 'hono';

/**
 * A fake of Sekoia.io's asset connector API, as the reference SDK's asset connectors call it
 * (sekoia-automation-sdk `asset_connector/async_connector.py`): `POST /api/v2/asset-management/asset-connector/{uuid}`
 * with `Authorization: Bearer <api key>` and `{ "version": 1, "items": [...] }` (OCSF items), answered
 * 200 with JSON; 401 for another key, 400 for a body without a numeric version or an items list.
 */
export function fakeAssetApi(apiKey: string) {
  const batches: Array<{ connector: string; items: Array<Record<string, unknown>> }> = [];
  const app = new Hono();
  app.post('/api/v2/asset-management/asset-connector/:uuid', async (c) => {
    if (c.req.header('authorization') !== `Bearer ${apiKey}`) return c.json({ code: 'T300', message: 'Unauthorized' }, 401);
    const body = (await c.req.json().catch(() => undefined)) as { version?: unknown; items?: unknown } | undefined;
    if (typeof body?.version !== 'number' || !Array.isArray(body.items)) return c.json({ code: 'T400', message: 'version and items are required' }, 400);
    batches.push({ connector: c.req.param('uuid'), items: body.items as Array<Record<string, unknown>> });
    return c.json({ status: 'ok', count: body.items.length });
  });
  return { app, batches };
}
