/** How long after its command was sent a new record takes follow-ups: every answer comes well before. */
const SETTLE_MS = 2000;

/**
 * Records that take follow-up commands (a club its members, a loan its disbursements), each
 * up to a real record's number of them. A record made during the load joins once its own
 * command has surely been answered. Follow-ups go to the oldest records first, among a
 * few, so that records fill up as in the programme instead of all staying half empty.
 */
export class FollowUpPool {
  private readonly open: { id: string; taken: number }[] = [];
  private readonly settling: { id: string; from: number }[] = [];

  constructor(
    private readonly limit: number,
    private readonly spread = 10,
  ) {}

  /** A record that exists already. */
  add(id: string): void {
    this.open.push({ id, taken: 0 });
  }

  /** A record whose command is being sent now. */
  addSoon(id: string): void {
    this.settling.push({ id, from: performance.now() + SETTLE_MS });
  }

  /** The record the next follow-up goes to, or undefined when none is open. */
  take(): string | undefined {
    const now = performance.now();
    while (this.settling.length > 0 && (this.settling[0]?.from ?? Infinity) <= now) {
      this.add((this.settling.shift() as { id: string }).id);
    }
    const index = Math.floor(Math.random() * Math.min(this.spread, this.open.length));
    const record = this.open[index];
    if (!record) return undefined;
    record.taken += 1;
    if (record.taken >= this.limit) this.open.splice(index, 1);
    return record.id;
  }
}
