import { Hono } from 'hono';

export const ALERT = {
  uuid: '0c8dd6b4-4a8c-4e58-a3a6-8e8b8e3c1a11',
  short_id: 'ALxyz123',
  title: 'Suspicious PowerShell',
  urgency: { current_value: 80, value: 80, severity: 80 },
  status: { uuid: '2efc4930-1442-4abb-acf2-58ba219a4fd0', name: 'Pending', description: 'The alert is waiting for action' },
  rule: { uuid: 'b5c3c1a0-0000-4000-8000-000000000001', name: 'PowerShell download cradle', description: 'A PowerShell command downloaded code' },
  entity: { uuid: 'e0000000-0000-4000-8000-000000000001', name: 'Main entity' },
  alert_type: { category: 'malicious-code', value: 'malware' },
  details: 'Detected on host WS-042',
  created_at: 1764400000,
};

/** A fake of Sekoia.io's `GET v1/sic/alerts/{uuid}`: Bearer auth (401 otherwise), 404 for unknown uuids. */
export function fakeSekoiaAlerts(apiKey: string) {
  const app = new Hono();
  app.get('/v1/sic/alerts/:uuid', (c) => {
    if (c.req.header('authorization') !== `Bearer ${apiKey}`) return c.json({ message: 'Unauthorized' }, 401);
    const uuid = c.req.param('uuid');
    if (uuid !== ALERT.uuid && uuid !== ALERT.short_id) return c.json({ message: `Alert ${uuid} not found` }, 404);
    return c.json(ALERT);
  });
  return { app };
}
