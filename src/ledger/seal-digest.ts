import { createHash, type Hash } from 'node:crypto';

/** Rolling digest of the events a seal covers, in log order. */
export class SealDigest {
  private hash: Hash;
  private readonly entries: string[] = [];
  count = 0;

  constructor(readonly previousDigest: string) {
    this.hash = createHash('sha256').update(previousDigest);
  }

  add(event: { readonly position: number; readonly id: string; readonly hash: string | undefined }): void {
    const hash = event.hash ?? event.id;
    this.hash.update(`${event.position}:${hash}\n`);
    this.entries.push(`${event.position}:${hash.slice(0, 8)}`);
    this.count += 1;
  }

  entryList(): string {
    return this.entries.join(',');
  }

  /** The first position where these events differ from a seal's entry list. */
  firstDifference(recorded: string): number | undefined {
    const expected = recorded.split(',');
    for (let i = 0; i < Math.max(expected.length, this.entries.length); i++) {
      if (expected[i] !== this.entries[i]) {
        const positions = [expected[i], this.entries[i]].filter(Boolean).map((e) => Number(e?.split(':')[0]));
        return Math.min(...positions);
      }
    }
    return undefined;
  }

  digest(): string {
    return this.hash.copy().digest('hex');
  }
}
