import { sha256Hex } from './event-hash';

/**
 * Rolling digest of the events a seal covers, in log order: sha256 over the previous seal's
 * digest and `position:hash\n` of each event. Keeps only positions and hashes, and hashes
 * them in one call when the digest is asked for.
 */
export class SealDigest {
  private readonly positions: number[] = [];
  private readonly hashes: string[] = [];

  constructor(readonly previousDigest: string) {}

  get count(): number {
    return this.positions.length;
  }

  add(event: { readonly position: number; readonly id: string; readonly hash: string | undefined }): void {
    this.positions.push(event.position);
    this.hashes.push(event.hash ?? event.id);
  }

  get firstPosition(): number | undefined {
    return this.positions[0];
  }

  /** How many of the events sit at or before `position` (they are in log order). */
  countUpTo(position: number): number {
    let count = this.positions.length;
    while (count > 0 && this.positions[count - 1]! > position) count -= 1;
    return count;
  }

  /** The digest of the first `count` events. */
  digest(count = this.count): string {
    let text = this.previousDigest;
    for (let i = 0; i < count; i++) text += `${this.positions[i]}:${this.hashes[i]}\n`;
    return sha256Hex(text);
  }

  /** `position:first 8 hex of hash` of the first `count` events, comma-separated. */
  entryList(count = this.count): string {
    const entries: string[] = [];
    for (let i = 0; i < count; i++) entries.push(`${this.positions[i]}:${this.hashes[i]!.slice(0, 8)}`);
    return entries.join(',');
  }

  /** The first position where the first `count` events differ from a seal's entry list. */
  firstDifference(recorded: string, count = this.count): number | undefined {
    const expected = recorded.split(',');
    const actual = this.entryList(count).split(',').filter(Boolean);
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (expected[i] !== actual[i]) {
        const positions = [expected[i], actual[i]].filter(Boolean).map((e) => Number(e?.split(':')[0]));
        return Math.min(...positions);
      }
    }
    return undefined;
  }

  /** The events after the first `count`, rolling on from `digest`, the digest of those. */
  after(count: number, digest: string): SealDigest {
    const rest = new SealDigest(digest);
    for (let i = count; i < this.positions.length; i++) {
      rest.positions.push(this.positions[i]!);
      rest.hashes.push(this.hashes[i]!);
    }
    return rest;
  }
}
