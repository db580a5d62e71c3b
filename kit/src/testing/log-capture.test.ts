import { describe, expect, it } from 'vitest';
import { captureLogs } from './log-capture.js';

describe('captureLogs', () => {
  it('keeps each line as written, and gives the lines of one message parsed', () => {
    const logs = captureLogs();
    logs.logger.warn('HTTP request failed, retrying', { status: 429, delayMs: 20 });
    logs.logger.info('action finished', { durationMs: 3 });
    expect(logs.lines).toHaveLength(2);
    expect(logs.records('HTTP request failed, retrying')).toEqual([expect.objectContaining({ msg: 'HTTP request failed, retrying', status: 429, delayMs: 20 })]);
    expect(logs.records().map((record) => record['msg'])).toEqual(['HTTP request failed, retrying', 'action finished']);
  });
});
