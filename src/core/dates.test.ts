import { describe, expect, it } from 'vitest';
import { InvalidPeriodError, isoWeekOf, parsePeriod, shiftPeriod } from './dates.js';

describe('periods', () => {
  it('rejects impossible dates, weeks and months with a message naming the format', () => {
    expect(() => parsePeriod('day', '2024-13-45')).toThrow(InvalidPeriodError);
    expect(() => parsePeriod('day', '2023-02-29')).toThrow(/YYYY-MM-DD/);
    expect(() => parsePeriod('week', '2024-W60')).toThrow(/ISO week/);
    expect(() => parsePeriod('week', '2023-W53')).toThrow(InvalidPeriodError);
    expect(() => parsePeriod('month', '2024-13')).toThrow(/YYYY-MM/);
  });

  it('accepts leap days and 53-week years', () => {
    expect(parsePeriod('day', '2024-02-29').from).toBe('2024-02-29');
    expect(parsePeriod('week', '2020-W53')).toMatchObject({ from: '2020-12-28', to: '2021-01-03' });
  });

  it('computes ISO weeks across year boundaries', () => {
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(parsePeriod('week', '2024-W18')).toMatchObject({ from: '2024-04-29', to: '2024-05-05' });
  });

  it('gives month bounds including February of leap years', () => {
    expect(parsePeriod('month', '2024-02')).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('steps to the previous and next period', () => {
    expect(shiftPeriod(parsePeriod('day', '2024-03-01'), -1).value).toBe('2024-02-29');
    expect(shiftPeriod(parsePeriod('week', '2025-W01'), -1).value).toBe('2024-W52');
    expect(shiftPeriod(parsePeriod('month', '2024-12'), 1).value).toBe('2025-01');
  });
});
