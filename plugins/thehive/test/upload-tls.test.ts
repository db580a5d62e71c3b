import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SELF_SIGNED_CERT } from '@ply/kit/testing';
import { startTheHive, type TheHiveHarness } from './harness.js';

describe('TheHive 5 Upload logs, and certificate checks', () => {
  let h: TheHiveHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('attaches a file of the run to the alert, multipart, and returns the attachment', async () => {
    h = await startTheHive();
    const alertId = await h.seedAlert();
    const dataDir = mkdtempSync(join(tmpdir(), 'ply-thehive-'));
    writeFileSync(join(dataDir, 'events.log'), 'line 1\nline 2\n');
    const { results } = (await h.run('upload_logs_in_the_hive_v5', { alert_id: alertId, filepath: 'events.log' }, { dataDir })) as { results: { outputAttachment: Array<Record<string, unknown>> } };
    expect(results.outputAttachment).toEqual([expect.objectContaining({ name: 'events.log', size: 14, contentType: 'application/octet-stream', id: createHash('sha256').update('line 1\nline 2\n').digest('hex') })]);
    expect(h.attachments.get(alertId)![0]!['content']).toBe('line 1\nline 2\n');
    expect(h.received.at(-1)!.contentType).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('refuses a file the run does not have, naming it', async () => {
    h = await startTheHive();
    const error = await h.fail('upload_logs_in_the_hive_v5', { alert_id: '~1', filepath: 'missing.log' }, { dataDir: mkdtempSync(join(tmpdir(), 'ply-thehive-')) });
    expect([error.code, error.message]).toEqual(['PLY_ARGUMENTS_INVALID', "file not found in the run's data folder: missing.log"]);
  });

  it('verifies the certificate of an https TheHive by default, and refuses a self-signed one', async () => {
    h = await startTheHive({ https: true });
    const error = await h.fail('add_a_comment_in_the_hive_v5', { alert_id: '~1', message: 'x' });
    expect([error.code, error.message]).toEqual(['PLY_NETWORK_ERROR', expect.stringContaining('TLS certificate is not trusted')]);
  });

  it('accepts the certificate with verify_certificate false, and says so in the logs', async () => {
    h = await startTheHive({ https: true });
    const configuration = { ...h.configuration, verify_certificate: false };
    const alertId = ((await h.run('create_an_alert_in_the_hive_v5', { alert: {}, title: 't', description: 'd', type: 'x', source: 's', sourceRef: 'r' }, { configuration })).results as { _id: string })._id;
    await h.run('add_a_comment_in_the_hive_v5', { alert_id: alertId, message: 'over TLS' }, { configuration });
    expect(h.logs.text()).toContain('TLS certificate verification is off for this account');
    expect(h.logs.lines.filter((line) => line.includes('verification is off')).length).toBeGreaterThanOrEqual(2);
  });

  it('trusts the private CA given as ca_certificate, with verification on', async () => {
    h = await startTheHive({ https: true });
    const configuration = { ...h.configuration, ca_certificate: SELF_SIGNED_CERT };
    const alertId = ((await h.run('create_an_alert_in_the_hive_v5', { alert: {}, title: 't', description: 'd', type: 'x', source: 's', sourceRef: 'r' }, { configuration })).results as { _id: string })._id;
    expect((await h.run('add_a_comment_in_the_hive_v5', { alert_id: alertId, message: 'trusted' }, { configuration })).results).toMatchObject({ message: 'trusted' });
    expect(h.logs.text()).not.toContain('verification is off');
  });
});
