/** The GraphQL and event shape of an amount: integer minor units as a decimal string, ISO 4217 currency. */
export interface Money {
  amountMinor: string;
  currency: string;
}

export function money(amountMinor: bigint | string, currency: string): Money {
  return { amountMinor: amountMinor.toString(), currency };
}

const MINOR_UNITS = /^\d{1,18}$/;

/** Amounts clients send: non-negative whole minor units that fit a bigint column; null if not. */
export function parseMinorUnits(text: string): bigint | null {
  const trimmed = text.trim();
  return MINOR_UNITS.test(trimmed) ? BigInt(trimmed) : null;
}
