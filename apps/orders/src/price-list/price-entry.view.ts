import type { PriceEntryEntity } from './price-entry.entity';

/** An entry with its list's currency, so `unitPrice` needs no further read. */
export type PriceEntryView = PriceEntryEntity & { currency: string };
