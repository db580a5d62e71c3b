import { describe, expect, it } from 'vitest';
import { plyErrorOf, secretLeaks } from '@ply/kit/testing';
import type { FakeEvent } from './fake-misp.js';
import { API_KEY, mispHarness, published } from './misp-harness.js';

const { setup } = mispHarness();
// Backoff ceilings above the Retry-After the fake sends, so that the wait logged is MISP's.
const PATIENT = { httpRetry: { baseDelayMs: 1, maxDelayMs: 1000 } };

describe('MISP publish_event when MISP fails', () => {
  it('names the event that was not found when it is gone before it is published (404)', async () => {
    const { fake, run } = await setup();
    fake.state.lose = true;
    const error = await plyErrorOf(run('publish_event', { event: { info: 'Deleted meanwhile' } }));
    expect(error?.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error?.details['status']).toBe(404);
    expect(error?.message).toBe('the event 1 just added was not found at MISP (HTTP 404: Invalid event)');
  });

  it('waits for Retry-After on a 429, then adds the event once', async () => {
    const { fake, run, logs } = await setup(PATIENT);
    fake.faults.failNext.push({ status: 429, retryAfter: '0.05' });
    const result = (await run('publish_event', { event: { info: 'After the limit' } })).results as { event: FakeEvent };
    expect(result.event).toMatchObject({ info: 'After the limit', published: true });
    expect(logs.records('HTTP request failed, retrying')).toEqual([expect.objectContaining({ status: 429, delayMs: 50 })]);
    expect(fake.state.events).toHaveLength(1);
  });

  it('does not repeat events/add after a 5xx (MISP may have stored the event)', async () => {
    const { fake, run } = await setup();
    fake.faults.failNext.push({ status: 503 });
    const error = await plyErrorOf(run('publish_event', { event: { info: 'Maybe stored' } }));
    expect(error?.code).toBe('PLY_VENDOR_HTTP_ERROR');
    expect(error?.details).toMatchObject({ status: 503, attempts: 1 });
  });

  it('gives up at the run timeout when MISP does not answer', async () => {
    const { fake, configuration, run } = await setup();
    fake.faults.delayNextMs = 10_000;
    const error = await plyErrorOf(run('publish_event', { event: { info: 'Slow' } }, configuration, 200));
    expect(error?.code).toBe('PLY_ACTION_TIMEOUT');
    expect(error?.details['timeoutMs']).toBe(200);
  });

  it('reports an answer that is not JSON, or JSON without the event, as PLY_VENDOR_RESPONSE_INVALID', async () => {
    const { fake, run } = await setup();
    fake.state.malformed = 'html';
    const html = await plyErrorOf(run('publish_event', { event: { info: 'x' } }));
    expect(html?.code).toBe('PLY_VENDOR_RESPONSE_INVALID');
    fake.state.malformed = 'json';
    const json = await plyErrorOf(run('publish_event', { event: { info: 'x' } }));
    expect(json?.code).toBe('PLY_VENDOR_RESPONSE_INVALID');
    expect(json?.message).toBe('MISP answered events/add without an event id');
  });

  it('never shows the key when MISP quotes it back, raw, URL-encoded or in a header', async () => {
    const { fake, run, logs } = await setup();
    fake.state.echoKey = true;
    const error = await plyErrorOf(run('publish_event', { event: { info: 'x' } }));
    expect(error?.message).toContain('Authentication failed for');
    expect(secretLeaks(API_KEY, { message: error?.message, details: error?.details, logs: logs.text() })).toEqual([]);
  });
});

describe('MISP account check when MISP is slow', () => {
  it('gives up at the timeoutMs of the check', async () => {
    const { ply, fake, configuration } = await setup();
    fake.faults.delayNextMs = 10_000;
    const error = await plyErrorOf(ply.checkCredentials({ module: 'misp', configuration, timeoutMs: 200 }));
    expect(error?.code).toBe('PLY_ACTION_TIMEOUT');
  });
});

describe('MISP New Event trigger when MISP fails', () => {
  it('reconnects after MISP drops the connection mid-answer, and emits each event once', async () => {
    const { fake, start } = await setup();
    const now = Math.floor(Date.now() / 1000);
    fake.state.events.push(published(1, now - 1), published(2, now));
    fake.faults.dropNext = 6;
    const trigger = start();
    await trigger.waitForEvents(2, 15_000);
    expect(fake.faults.dropNext).toBe(0);
    const searched = fake.state.searches.length;
    await expect.poll(() => fake.state.searches.length).toBeGreaterThan(searched + 2);
    expect(trigger.events.map((e) => (e.event as { event: FakeEvent }).event.uuid)).toEqual([published(1, 0).uuid, published(2, 0).uuid]);
  });

  it('waits for Retry-After on a 429 within the poll', async () => {
    const { fake, start } = await setup(PATIENT);
    fake.state.events.push(published(1, Math.floor(Date.now() / 1000)));
    fake.faults.failNext.push({ status: 429, retryAfter: '0.05' });
    const trigger = start();
    await trigger.waitForEvents(1);
    expect(trigger.logs.records('HTTP request failed, retrying')).toEqual([expect.objectContaining({ status: 429, delayMs: 50 })]);
    expect(trigger.logs.records('MISP poll failed; trying again')).toHaveLength(0);
  });

  it('logs a malformed restSearch answer and polls on', async () => {
    const { fake, start } = await setup();
    fake.state.malformed = 'json';
    const trigger = start();
    await expect.poll(() => trigger.logs.records('MISP poll failed; trying again').length).toBeGreaterThan(0);
    expect(trigger.logs.records('MISP poll failed; trying again')[0]?.['error']).toBe('MISP answered events/restSearch without a "response" list');
    fake.state.malformed = false;
    fake.state.events.push(published(1, Math.floor(Date.now() / 1000)));
    await trigger.waitForEvents(1);
    expect(trigger.events).toHaveLength(1);
  });

  it('never shows the key when MISP quotes it back while the trigger polls', async () => {
    const { fake, start } = await setup();
    fake.state.echoKey = true;
    const trigger = start();
    // A 403 stops the trigger: the error it ends with and every line it logged are checked.
    const error = await plyErrorOf(trigger.waitForEvents(1));
    expect(error?.code).toBe('PLY_CONFIGURATION_INVALID');
    expect(secretLeaks(API_KEY, { message: error?.message, details: error?.details, logs: trigger.logs.text() })).toEqual([]);
  });
});
