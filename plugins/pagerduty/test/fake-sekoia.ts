import { Hono } from 'hono';

export const ALERT = {
  uuid: '0c8dd6b4-4a8c-4e58-a3a6-8e8b8e3c1a11',
  short_id: 'ALxyz123',
  title: 'Suspicious PowerShell',
  urgency: { current_value: 80, value: 80, severity: 80 },
  status: { uuid: '2efc4930-1442-4abb-acf2-58ba219a4fd0', name: 'Pending' },
  rule: { uuid: 'b5c3c1a0-0000-4000-8000-000000000001', name: 'PowerShell download cradle', description: 'A PowerShell command downloaded code' },
  entity: { uuid: 'e0000000-0000-4000-8000-000000000001', name: 'Main entity' },
  alert_type: { category: 'malicious-code', value: 'malware' },
  source: '10.0.0.4',
  target: 'WS-042',
  details: 'Detected on host WS-042',
  created_at: 1764400000,
};

/**
 * A fake of Sekoia.io's `GET v1/sic/alerts/{uuid}`: Bearer auth (401 for an unknown key, 403 for
 * the `readOnlyKey` that lacks the alert permission), 404 for unknown alerts; `alerts` maps uuid
 * or short id to the alert served.
 */
export function fakeSekoiaAlerts(apiKey: string, forbiddenKey: string) {
  const alerts = new Map<string, Record<string, unknown>>([
    [ALERT.uuid, ALERT],
    [ALERT.short_id, ALERT],
  ]);
  const app = new Hono();
  app.get('/v1/sic/alerts/:uuid', (c) => {
    const authorization = c.req.header('authorization');
    if (authorization === `Bearer ${forbiddenKey}`) return c.json({ message: 'You do not have the permission SIC_READ_ALERTS' }, 403);
    if (authorization !== `Bearer ${apiKey}`) return c.json({ message: 'Unauthorized' }, 401);
    const alert = alerts.get(c.req.param('uuid'));
    return alert ? c.json(alert) : c.json({ message: `Alert ${c.req.param('uuid')} not found` }, 404);
  });
  return { app, alerts };
}
