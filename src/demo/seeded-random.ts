/** A small deterministic generator (mulberry32): the same demo every time. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  /** A date between two YYYY-MM-DD dates, inclusive. */
  date(from: string, to: string): string {
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T00:00:00Z`);
    return new Date(start + Math.floor(this.next() * ((end - start) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
  }
}

/** `total` split into `parts` positive integers that add up exactly, each near the mean. */
export function splitTotal(total: number, parts: number, random: SeededRandom, spread = 0.3): number[] {
  const weights = Array.from({ length: parts }, () => 1 - spread + random.next() * 2 * spread);
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  let rest = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; rest !== 0; i = (i + 1) % parts) {
    const step = rest > 0 ? 1 : -1;
    if ((shares[i] ?? 0) + step >= 1) {
      shares[i] = (shares[i] ?? 0) + step;
      rest -= step;
    }
  }
  return shares;
}
