/**
 * Slows password guessing: after `limit` failed logins for one username, or from one
 * address, within `windowMs`, further attempts are refused until the window passes.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 15 * 60 * 1000,
  ) {}

  /** Seconds to wait before trying again, or 0 when an attempt may go ahead. */
  retryAfter(username: string, address: string, now: number): number {
    const waits = [`user:${username}`, `addr:${address}`].map((key) => {
      const recent = this.recent(key, now);
      const oldest = recent[0];
      return recent.length >= this.limit && oldest !== undefined ? oldest + this.windowMs - now : 0;
    });
    return Math.ceil(Math.max(...waits) / 1000);
  }

  failed(username: string, address: string, now: number): void {
    for (const key of [`user:${username}`, `addr:${address}`]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  succeeded(username: string): void {
    this.failures.delete(`user:${username}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }
}
