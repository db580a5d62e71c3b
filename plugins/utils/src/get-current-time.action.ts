import { PlyError } from '@ply/core';
import { z } from 'zod';
import { utils } from './module.js';

const OFFSETS = Array.from({ length: 25 }, (_, index) => index - 12).map((hours) => `UTC ${hours > 0 ? '+' : ''}${hours}`) as [string, ...string[]];

/** The wall-clock fields of `instant` in a named zone, read with Intl (the ICU time zone database). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const field = (type: string) => Number(parts.find((part) => part.type === type)!.value);
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** ISO 8601 of `instant` at a UTC offset, milliseconds and offset included (`2024-05-01T14:00:00.123+02:00`). */
export function isoAtOffset(instant: Date, offsetMinutes: number): string {
  const local = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export const getCurrentTimeAction = utils.action({
  uuid: 'ed382185-77bc-5092-8b54-7ffa94a0587e',
  slug: 'get_current_time',
  docker_parameters: 'GetCurrentTimeAction',
  name: 'Get the current time',
  description: 'Get the current time according to the timezone',
  arguments: z
    .object({
      // No defaults here, unlike the reference's JSON: the named zone's default would always mask
      // the offset. With neither given, the reference's default zone (Europe/Paris) applies.
      selectedNamedTimezone: z.string().min(1).optional().meta({ title: 'Named timezone' }).describe('Named timezone (e.g. Europe/Paris)'),
      selectedTimezone: z.enum(OFFSETS).optional().meta({ title: 'Selectedtimezone' }),
    })
    .meta({ title: 'Arguments' }),
  results: z
    .object({
      epoch: z.number().int().optional().describe('The current datetime represented as an epoch'),
      iso8601: z.string().optional().describe('The current datetime represented as an iso8601-formatted string'),
    })
    .meta({ title: 'Results' }),
  run(ctx, args) {
    const now = new Date();
    let offset: number;
    if (args.selectedNamedTimezone !== undefined || args.selectedTimezone === undefined) {
      const zone = args.selectedNamedTimezone ?? 'Europe/Paris';
      try {
        offset = zoneOffsetMinutes(now, zone);
      } catch (error) {
        throw new PlyError('PLY_INVALID_INPUT', `Invalid timezone: ${zone} (expected an IANA name such as Europe/Paris)`, { cause: error });
      }
      ctx.log.info('current time', { timeZone: zone });
    } else {
      offset = Number(args.selectedTimezone.split(' ')[1]) * 60;
      ctx.log.info('current time', { offset: args.selectedTimezone });
    }
    return { epoch: Math.floor(now.getTime() / 1000), iso8601: isoAtOffset(now, offset) };
  },
});
