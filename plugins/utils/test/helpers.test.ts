import { describe, expect, it } from 'vitest';
import { plyErrorOf } from '@ply/kit/testing';
import { utilsPly } from './utils-harness.js';

describe('groupby through the executor', () => {
  const input = [
    { host: 'a', severity: 'high', user: 'x' },
    { host: 'b', severity: 'low' },
    { host: 'a', severity: 'low', user: 'y' },
    { severity: 'high' },
  ];

  it('groups by a key, in first-seen order, with indexes and the group count', async () => {
    const { run } = utilsPly();
    expect(await run('groupby', { group_key: 'host', input })).toEqual({
      results: [
        { group_index: 0, total_groups: 3, group_value: 'a', group_data: [input[0], input[2]] },
        { group_index: 1, total_groups: 3, group_value: 'b', group_data: [input[1]] },
        { group_index: 2, total_groups: 3, group_value: null, group_data: [input[3]] },
      ],
    });
  });

  it('keeps only elements whose filter key is set, or equals the filter value, and drops empty groups', async () => {
    const { run } = utilsPly();
    const withUser = (await run('groupby', { group_key: 'host', input, filter_key: 'user' }))['results'] as Array<{ group_value: unknown; group_data: unknown[] }>;
    expect(withUser.map((g) => [g.group_value, g.group_data.length])).toEqual([['a', 2]]);
    const low = (await run('groupby', { group_key: 'host', input, filter_key: 'severity', filter_value: 'low' }))['results'] as Array<{ group_value: unknown; total_groups: number }>;
    expect(low.map((g) => [g.group_value, g.total_groups])).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
  });

  it('refuses an input that is not a list', async () => {
    const { ply, request } = utilsPly();
    expect((await plyErrorOf(ply.run(request('groupby', { group_key: 'host', input: 'nope' })))).code).toBe('PLY_ARGUMENTS_INVALID');
  });
});

describe('generate_password through the executor', () => {
  it('has the asked length, at least the asked digits and special characters, and both letter cases', async () => {
    const { run } = utilsPly();
    const passwords = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const { password } = (await run('generate_password', { password_length: 16, number_of_digits: 3, number_of_special_characters: 2 })) as { password: string };
      expect(password).toHaveLength(16);
      expect(password.replace(/[^0-9]/g, '').length).toBeGreaterThanOrEqual(3);
      expect(password.replace(/[A-Za-z0-9]/g, '').length).toBeGreaterThanOrEqual(2);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      passwords.add(password);
    }
    expect(passwords.size).toBe(20);
  });

  it('uses the reference defaults (20 characters, 1 digit, 1 special) and no digits when none are asked', async () => {
    const { run } = utilsPly();
    const { password } = (await run('generate_password', {})) as { password: string };
    expect(password).toHaveLength(20);
    const { password: letters } = (await run('generate_password', { password_length: 30, number_of_digits: 0, number_of_special_characters: 0 })) as { password: string };
    expect(letters).toMatch(/^[A-Za-z]{30}$/);
  });

  it('refuses more digits and special characters than the length, and never logs the password', async () => {
    const { ply, request, logs, run } = utilsPly();
    const error = await plyErrorOf(ply.run(request('generate_password', { password_length: 4, number_of_digits: 3, number_of_special_characters: 2 })));
    expect(error.code).toBe('PLY_INVALID_INPUT');
    expect(error.message).toContain('must be lower than password_length');
    const { password } = (await run('generate_password', { password_length: 40 })) as { password: string };
    expect(logs.text()).not.toContain(password);
  });
});

describe('get_current_time through the executor', () => {
  it('gives the Unix epoch and ISO 8601 with the named zone offset', async () => {
    const { run } = utilsPly();
    const before = Math.floor(Date.now() / 1000);
    const { epoch, iso8601 } = (await run('get_current_time', { selectedNamedTimezone: 'Asia/Kolkata' })) as { epoch: number; iso8601: string };
    expect(epoch).toBeGreaterThanOrEqual(before);
    expect(epoch).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(iso8601).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+05:30$/);
    expect(Math.floor(Date.parse(iso8601) / 1000)).toBe(epoch);
  });

  it('uses a UTC offset when no named zone is given, and refuses an unknown zone', async () => {
    const { run, ply, request } = utilsPly();
    const { iso8601 } = (await run('get_current_time', { selectedTimezone: 'UTC -3' })) as { iso8601: string };
    expect(iso8601).toMatch(/-03:00$/);
    const error = await plyErrorOf(ply.run(request('get_current_time', { selectedNamedTimezone: 'Mars/Olympus' })));
    expect(error.code).toBe('PLY_INVALID_INPUT');
    expect(error.message).toContain('Invalid timezone: Mars/Olympus');
    expect((await plyErrorOf(ply.run(request('get_current_time', { selectedTimezone: 'UTC +13' })))).code).toBe('PLY_ARGUMENTS_INVALID');
  });
});

describe('wait through the executor', () => {
  it('returns an empty result after a zero wait', async () => {
    const { run } = utilsPly();
    expect(await run('wait', { duration: 0 })).toEqual({});
  });

  it('ends with the run deadline instead of waiting past it, and refuses more than an hour', async () => {
    const { ply, request } = utilsPly();
    const error = await plyErrorOf(ply.run(request('wait', { duration: 30 }, { timeoutMs: 50 })));
    expect(error.code).toBe('PLY_ACTION_TIMEOUT');
    expect((await plyErrorOf(ply.run(request('wait', { duration: 3601 })))).code).toBe('PLY_ARGUMENTS_INVALID');
  });
});
