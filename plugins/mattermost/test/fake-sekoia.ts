import { Hono } from 'hono';

/** The alert of the reference module's own test (`Mattermost/tests/test_action_mattermost_postalert.py`), with its uuid. */
export const ALERT = {
  uuid: 'bec203a3-bc70-4430-80ad-f72fe11f3ad8',
  urgency: { current_value: 10, display: 'low' },
  short_id: 'AL13426AYUU',
  entity: { name: 'Blue boat' },
  title: 'Super test alert',
  alert_type: { category: 'malicious-code', value: 'malware' },
  source: '10.10.10.10',
  target: 'test.com.fake',
  details: 'no detail provided',
};

/** A fake of Sekoia.io's `GET v1/sic/alerts/{uuid}` (Bearer key, 401 otherwise; 404 for other alerts). */
export function fakeSekoiaAlerts(apiKey: string, alerts: ReadonlyArray<Record<string, unknown>> = [ALERT]) {
  const app = new Hono();
  app.get('/v1/sic/alerts/:uuid', (c) => {
    if (c.req.header('authorization') !== `Bearer ${apiKey}`) return c.json({ message: 'Unauthorized', code: 'T300' }, 401);
    const uuid = c.req.param('uuid');
    const alert = alerts.find((item) => item['uuid'] === uuid || item['short_id'] === uuid);
    return alert ? c.json(alert) : c.json({ message: `Alert ${uuid} not found` }, 404);
  });
  return { app };
}
