import { describe, expect, it } from 'vitest';
import {
  addMonths,
  isoOfDay,
  monthIndex,
  nextMonthStart,
  parseIsoDay,
  weekdayOf,
} from '../../../src/core/sample/calendar.js';
import { addBusinessMinutes, inBusinessHours } from '../../../src/core/sample/businessHours.js';
import { formatDate, formatEventTime, formatLocalTime } from '../../../src/core/sample/format.js';
import { DAY_MS } from '../../../src/core/sample/calendar.js';

const d = parseIsoDay;

describe('calendar', () => {
  it('round-trips ISO dates and rejects invalid ones', () => {
    expect(isoOfDay(d('2024-02-29'))).toBe('2024-02-29');
    expect(() => d('2025-02-29')).toThrow();
    expect(() => d('2025/01/01')).toThrow();
  });

  it('adds months like billing systems (clamped to month end)', () => {
    expect(isoOfDay(addMonths(d('2025-01-31'), 1))).toBe('2025-02-28');
    expect(isoOfDay(addMonths(d('2024-01-31'), 1))).toBe('2024-02-29');
    expect(isoOfDay(addMonths(d('2025-01-15'), 12))).toBe('2026-01-15');
    expect(isoOfDay(nextMonthStart(d('2025-12-31')))).toBe('2026-01-01');
    expect(monthIndex(d('2025-11-30'), d('2026-01-01'))).toBe(2);
  });

  it('knows weekdays (0 = Monday)', () => {
    expect(weekdayOf(d('2026-10-31'))).toBe(5); // Saturday
    expect(weekdayOf(d('2024-01-01'))).toBe(0); // Monday
  });
});

describe('formats', () => {
  const t = d('2025-01-05') * DAY_MS + (9 * 3600 + 7 * 60 + 3) * 1000 + 45;
  it('writes dates and local timestamps per locale', () => {
    expect(formatDate('en', d('2025-01-05'))).toBe('2025-01-05');
    expect(formatDate('ja', d('2025-01-05'))).toBe('2025/01/05');
    expect(formatLocalTime('en', t)).toBe('2025-01-05 09:07:03');
    expect(formatLocalTime('ja', t)).toBe('2025/01/05 09:07:03');
    expect(formatLocalTime('ja', t, 'survey')).toBe('2025/01/05 9:07:03');
  });

  it('writes event times with an offset: UTC Z for en (users at UTC-5), +09:00 for ja', () => {
    expect(formatEventTime('en', t)).toBe('2025-01-05T14:07:03.045Z');
    expect(formatEventTime('ja', t)).toBe('2025-01-05T09:07:03.045+09:00');
  });
});

describe('business hours', () => {
  const at = (iso: string, h: number, m = 0): number => d(iso) * DAY_MS + (h * 60 + m) * 60_000;
  it('counts only Monday–Friday 09:00–18:00', () => {
    expect(inBusinessHours('en', at('2025-01-06', 10))).toBe(true);
    expect(inBusinessHours('en', at('2025-01-04', 10))).toBe(false); // Saturday
    expect(inBusinessHours('ja', at('2025-01-02', 10))).toBe(false); // 正月
    // Friday 17:30 + 60 business minutes = Monday 09:30.
    expect(addBusinessMinutes('en', at('2025-01-10', 17, 30), 60)).toBe(at('2025-01-13', 9, 30));
    // Created at night: counted from the next opening.
    expect(addBusinessMinutes('en', at('2025-01-07', 22), 15)).toBe(at('2025-01-08', 9, 15));
  });
});
