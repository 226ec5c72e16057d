/** Fewest slots a set starts with; it doubles whenever it is half full. */
const INITIAL_SLOTS = 1 << 12;

/**
 * Strings kept as 32-bit fingerprints in an open-addressing table (linear probing, at most
 * half full): 8 bytes a string at worst, however long the strings. `mayHold` never misses a
 * string that was added; it may say yes for one that was not, when the two share a
 * fingerprint (about one chance in 4,000 for a set of a million).
 */
export class FingerprintSet {
  private slots = new Uint32Array(INITIAL_SLOTS);
  private count = 0;

  /** Fingerprints held: strings that share one count once. */
  get size(): number {
    return this.count;
  }

  add(value: string): void {
    if (this.insert(fingerprint(value))) this.count += 1;
    if (this.count * 2 > this.slots.length) this.grow();
  }

  mayHold(value: string): boolean {
    const print = fingerprint(value);
    const mask = this.slots.length - 1;
    for (let slot = spread(print) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot];
      if (held === print) return true;
      if (held === 0) return false;
    }
  }

  /** Whether the fingerprint was new. */
  private insert(print: number): boolean {
    const mask = this.slots.length - 1;
    for (let slot = spread(print) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot];
      if (held === print) return false;
      if (held === 0) {
        this.slots[slot] = print;
        return true;
      }
    }
  }

  private grow(): void {
    const previous = this.slots;
    this.slots = new Uint32Array(previous.length * 2);
    for (const print of previous) if (print !== 0) this.insert(print);
  }
}

/** FNV-1a over the UTF-16 code units, never 0 (0 marks an empty slot). */
function fingerprint(value: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index++) {
    hash = Math.imul(hash ^ value.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0 || 1;
}

/** The fingerprint's bits mixed again, so that the slot does not follow its low bits alone. */
function spread(print: number): number {
  let mixed = Math.imul(print ^ (print >>> 16), 0x45d9f3b);
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x45d9f3b);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}
