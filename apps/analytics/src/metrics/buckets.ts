import { toGregorian, toJalaali } from 'jalaali-js';
import { addDays, formatDay, pad, weekdayOf, type CalendarDay } from './calendar-day';

export type Granularity = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';
export type CalendarSystem = 'GREGORIAN' | 'JALALI';

/** The bucket a tenant-local day falls in: its label and its first day. */
export interface Bucket {
  key: string;
  firstDay: CalendarDay;
}

/**
 * Gregorian: DAY `2025-03-21`, WEEK ISO `2025-W12` (Monday first), MONTH `2025-03`, QUARTER
 * `2025-Q1`, YEAR `2025`. Jalali (Persian solar hijri): DAY `1404-01-01`, WEEK labelled by its first
 * day, a Saturday (`1404-01-02`), MONTH `1404-01` (Farvardin), QUARTER `1404-Q1` (the season:
 * Farvardin–Khordad), YEAR `1404`.
 */
export function bucketOf(day: CalendarDay, granularity: Granularity, calendar: CalendarSystem): Bucket {
  return calendar === 'JALALI' ? jalaliBucket(day, granularity) : gregorianBucket(day, granularity);
}

function gregorianBucket(day: CalendarDay, granularity: Granularity): Bucket {
  switch (granularity) {
    case 'DAY':
      return { key: formatDay(day), firstDay: day };
    case 'WEEK': {
      const monday = addDays(day, -((weekdayOf(day) + 6) % 7));
      const thursday = addDays(monday, 3);
      // ISO 8601: a week belongs to the year of its Thursday, and is numbered from that year's first.
      const thursdayOfYear =
        (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - Date.UTC(thursday.year, 0, 1)) /
        86_400_000;
      const week = Math.floor(thursdayOfYear / 7) + 1;
      return { key: `${thursday.year}-W${pad(week)}`, firstDay: monday };
    }
    case 'MONTH':
      return { key: `${day.year}-${pad(day.month)}`, firstDay: { year: day.year, month: day.month, day: 1 } };
    case 'QUARTER': {
      const quarter = Math.floor((day.month - 1) / 3) + 1;
      return {
        key: `${day.year}-Q${quarter}`,
        firstDay: { year: day.year, month: (quarter - 1) * 3 + 1, day: 1 },
      };
    }
    case 'YEAR':
      return { key: String(day.year), firstDay: { year: day.year, month: 1, day: 1 } };
  }
}

function fromJalali(jy: number, jm: number, jd: number): CalendarDay {
  const { gy, gm, gd } = toGregorian(jy, jm, jd);
  return { year: gy, month: gm, day: gd };
}

function jalaliBucket(day: CalendarDay, granularity: Granularity): Bucket {
  const { jy, jm, jd } = toJalaali(day.year, day.month, day.day);
  switch (granularity) {
    case 'DAY':
      return { key: `${jy}-${pad(jm)}-${pad(jd)}`, firstDay: day };
    case 'WEEK': {
      // The Persian week starts on Saturday (getUTCDay 6).
      const saturday = addDays(day, -((weekdayOf(day) + 1) % 7));
      const start = toJalaali(saturday.year, saturday.month, saturday.day);
      return { key: `${start.jy}-${pad(start.jm)}-${pad(start.jd)}`, firstDay: saturday };
    }
    case 'MONTH':
      return { key: `${jy}-${pad(jm)}`, firstDay: fromJalali(jy, jm, 1) };
    case 'QUARTER': {
      const season = Math.floor((jm - 1) / 3) + 1;
      return { key: `${jy}-Q${season}`, firstDay: fromJalali(jy, (season - 1) * 3 + 1, 1) };
    }
    case 'YEAR':
      return { key: String(jy), firstDay: fromJalali(jy, 1, 1) };
  }
}
