import { TZDate } from '@date-fns/tz';

/**
 * A calendar day without a time or zone, as the rollups store it (`date`): year, month 1–12, day.
 * Day arithmetic runs on UTC midnights, where every day has 24 hours.
 */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

export function dayOfInstant(instant: Date, timeZone: string): CalendarDay {
  const local = new TZDate(instant.getTime(), timeZone);
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

/** The instant the day starts (local midnight) in the zone. */
export function startOfDayInstant(day: CalendarDay, timeZone: string): Date {
  return new Date(new TZDate(day.year, day.month - 1, day.day, timeZone).getTime());
}

export function formatDay(day: CalendarDay): string {
  return `${day.year}-${pad(day.month)}-${pad(day.day)}`;
}

export function parseDay(text: string): CalendarDay {
  const [year, month, day] = text.split('-').map(Number);
  return { year, month, day };
}

export function addDays(day: CalendarDay, days: number): CalendarDay {
  const next = new Date(Date.UTC(day.year, day.month - 1, day.day) + days * DAY_MS);
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

export function compareDays(a: CalendarDay, b: CalendarDay): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: CalendarDay): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
}

export function daysBetween(first: CalendarDay, last: CalendarDay): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let day = first; compareDays(day, last) <= 0; day = addDays(day, 1)) days.push(day);
  return days;
}

export function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
