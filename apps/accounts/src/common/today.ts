/** Today's calendar date in UTC, YYYY-MM-DD. */
export function todayInUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
