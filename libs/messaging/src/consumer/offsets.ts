/**
 * Kafka's committed offset names the next message to read, not the last one processed. Offsets
 * are 64-bit, hence BigInt.
 */
export function nextOffsetToCommit(processedOffset: string): string {
  return (BigInt(processedOffset) + 1n).toString();
}

/** Messages written to a partition but not yet committed by the group. */
export function partitionLag(highWatermark: string, committedOffset: string): number {
  const lag = BigInt(highWatermark) - BigInt(committedOffset);
  return lag > 0n ? Number(lag) : 0;
}
