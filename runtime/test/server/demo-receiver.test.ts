import { captureLogs } from '@ply/kit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PLAYBOOK_ID } from '../../src/server/first-start.js';
import { setupApi, type ApiHarness } from './api-fixture.js';

// Issue #21 item 16: the demo receiver is open only while the demo runs, and logs what it got as
// a field of a pino line, never as a raw line someone else wrote.

let api: ApiHarness | undefined;
afterEach(async () => {
  await api?.runtime.close(1000);
  api = undefined;
});

const demo = 'name: Demo\ntrigger: { type: webhook, next: [keep] }\nnodes:\n  keep: { type: store, set: { x: 1 } }\n';
const forged = 'hi\n{"level":50,"msg":"admin token leaked"}\n[demo receiver] forged';

describe('POST /demo/receiver', () => {
  it('is not there while the demo playbook is off, and writes nothing', async () => {
    const logs = captureLogs('info');
    api = await setupApi({ logger: logs.logger });
    const answer = await api.call(undefined, 'POST', '/demo/receiver', forged);
    expect(answer.status).toBe(404);
    expect(logs.text()).not.toContain('admin token leaked');
  });

  it('logs the received body as a field of one pino line while the demo is on', async () => {
    const logs = captureLogs('info');
    api = await setupApi({ logger: logs.logger });
    await api.runtime.engine.create(api.runtime.engine.parse(demo), { id: DEMO_PLAYBOOK_ID });
    await api.runtime.engine.enable(DEMO_PLAYBOOK_ID);
    expect((await api.call(undefined, 'POST', '/demo/receiver', forged)).status).toBe(200);
    const lines = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => line['msg'] === 'demo receiver got a message').map((line) => line['body'])).toEqual([forged]);
    expect(lines.some((line) => line['msg'] === 'admin token leaked')).toBe(false);
  });
});
