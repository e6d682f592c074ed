import { canonicalUuid, FieldErrors, isUuid } from '@crm/subgraph';
import { dayOfInstant, formatDay, type CalendarDay } from './calendar-day';

export type SalesModel = 'B2B' | 'B2C';

export interface MetricsFilterInput {
  from: Date;
  to: Date;
  salesModel?: SalesModel | null;
  ownerId?: string | null;
  channel?: string | null;
  productId?: string | null;
  campaignId?: string | null;
}

/**
 * A validated filter: the instants [from, to) and, for day-based figures, the tenant-local days
 * they cover: localDay(from) … localDay(to − 1 ms). A window aligned on local midnights is exact.
 */
export interface MetricsWindow {
  from: Date;
  to: Date;
  firstDay: string;
  lastDay: string;
  firstCalendarDay: CalendarDay;
  lastCalendarDay: CalendarDay;
  salesModel: SalesModel | null;
  ownerId: string | null;
  channel: string | null;
  productId: string | null;
  campaignId: string | null;
}

/** Longest window a query may span: bounds the day → bucket table a query sends along. */
const MAX_WINDOW_DAYS = 366 * 20;

export function metricsWindow(
  filter: MetricsFilterInput,
  timeZone: string,
  argument = 'filter',
): MetricsWindow {
  const errors = new FieldErrors(argument);
  if (!(filter.from.getTime() < filter.to.getTime())) errors.add('to', 'must be after from');
  if (filter.to.getTime() - filter.from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    errors.add('to', `the window may span at most ${MAX_WINDOW_DAYS} days`);
  }
  for (const field of ['ownerId', 'productId', 'campaignId'] as const) {
    const id = filter[field];
    if (id != null && !isUuid(id)) errors.add(field, 'must be a UUID');
  }
  if (filter.channel != null && !/^[A-Z_]{1,40}$/.test(filter.channel)) {
    errors.add('channel', 'must be a channel name such as WEB or STORE');
  }
  errors.throwIfAny();
  const firstCalendarDay = dayOfInstant(filter.from, timeZone);
  const lastCalendarDay = dayOfInstant(new Date(filter.to.getTime() - 1), timeZone);
  return {
    from: filter.from,
    to: filter.to,
    firstCalendarDay,
    lastCalendarDay,
    firstDay: formatDay(firstCalendarDay),
    lastDay: formatDay(lastCalendarDay),
    salesModel: filter.salesModel ?? null,
    ownerId: filter.ownerId == null ? null : canonicalUuid(filter.ownerId),
    channel: filter.channel ?? null,
    productId: filter.productId == null ? null : canonicalUuid(filter.productId),
    campaignId: filter.campaignId == null ? null : canonicalUuid(filter.campaignId),
  };
}
