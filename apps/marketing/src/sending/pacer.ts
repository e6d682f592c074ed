/** Spaces out work to at most `perSecond` operations per second (no bursts beyond one slot). */
export class Pacer {
  private nextSlot = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before the next operation, reserving its slot. */
  reserve(): number {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + 1000 / this.perSecond;
    return slot - now;
  }
}
