import { bucketOf, type CalendarSystem, type Granularity } from './buckets';
import { dayOfInstant, formatDay, parseDay, startOfDayInstant } from './calendar-day';

describe('bucketOf', () => {
  it.each<[string, Granularity, CalendarSystem, string, string]>([
    // Nowruz 1404 is 2025-03-21: the first day of Farvardin, of the first season and of the year.
    ['2025-03-21', 'DAY', 'JALALI', '1404-01-01', '2025-03-21'],
    ['2025-03-21', 'MONTH', 'JALALI', '1404-01', '2025-03-21'],
    ['2025-03-21', 'QUARTER', 'JALALI', '1404-Q1', '2025-03-21'],
    ['2025-03-21', 'YEAR', 'JALALI', '1404', '2025-03-21'],
    // The day before Nowruz is the last day of Esfand 1403 (a leap year: 30 days).
    ['2025-03-20', 'DAY', 'JALALI', '1403-12-30', '2025-03-20'],
    ['2025-03-20', 'MONTH', 'JALALI', '1403-12', '2025-02-19'],
    ['2025-03-20', 'QUARTER', 'JALALI', '1403-Q4', '2024-12-21'],
    ['2025-03-20', 'YEAR', 'JALALI', '1403', '2024-03-20'],
    // Mehr 1404 starts on 2025-09-23; a Persian week starts on Saturday (2025-03-22 is one).
    ['2025-09-23', 'MONTH', 'JALALI', '1404-07', '2025-09-23'],
    ['2025-03-27', 'WEEK', 'JALALI', '1404-01-02', '2025-03-22'],
    ['2025-03-21', 'WEEK', 'JALALI', '1403-12-25', '2025-03-15'],
    // Gregorian: ISO weeks start on Monday; 2024-12-30 belongs to 2025-W01.
    ['2024-12-30', 'WEEK', 'GREGORIAN', '2025-W01', '2024-12-30'],
    ['2025-03-21', 'WEEK', 'GREGORIAN', '2025-W12', '2025-03-17'],
    ['2021-01-03', 'WEEK', 'GREGORIAN', '2020-W53', '2020-12-28'],
    ['2025-03-21', 'MONTH', 'GREGORIAN', '2025-03', '2025-03-01'],
    ['2025-08-15', 'QUARTER', 'GREGORIAN', '2025-Q3', '2025-07-01'],
    ['2025-08-15', 'YEAR', 'GREGORIAN', '2025', '2025-01-01'],
    ['2025-08-15', 'DAY', 'GREGORIAN', '2025-08-15', '2025-08-15'],
  ])('puts %s in the %s/%s bucket %s starting %s', (day, granularity, calendar, key, firstDay) => {
    const bucket = bucketOf(parseDay(day), granularity, calendar);
    expect(bucket.key).toBe(key);
    expect(formatDay(bucket.firstDay)).toBe(firstDay);
  });
});

describe('tenant-local days', () => {
  it('cuts days at the tenant zone midnight: 2025-03-20T21:00Z is already Nowruz in Tehran', () => {
    const instant = new Date('2025-03-20T21:00:00Z');
    expect(formatDay(dayOfInstant(instant, 'Asia/Tehran'))).toBe('2025-03-21');
    expect(formatDay(dayOfInstant(instant, 'UTC'))).toBe('2025-03-20');
    expect(bucketOf(dayOfInstant(instant, 'Asia/Tehran'), 'YEAR', 'JALALI').key).toBe('1404');
    expect(bucketOf(dayOfInstant(instant, 'UTC'), 'YEAR', 'JALALI').key).toBe('1403');
  });

  it('keeps the last minute before Tehran midnight in the old day', () => {
    expect(formatDay(dayOfInstant(new Date('2025-03-20T20:29:59Z'), 'Asia/Tehran'))).toBe('2025-03-20');
  });

  it('starts a bucket at local midnight as an instant', () => {
    expect(startOfDayInstant(parseDay('2025-03-21'), 'Asia/Tehran').toISOString()).toBe(
      '2025-03-20T20:30:00.000Z',
    );
    expect(startOfDayInstant(parseDay('2025-03-21'), 'UTC').toISOString()).toBe('2025-03-21T00:00:00.000Z');
    expect(startOfDayInstant(parseDay('2025-07-01'), 'America/New_York').toISOString()).toBe(
      '2025-07-01T04:00:00.000Z',
    );
  });
});
