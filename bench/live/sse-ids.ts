const ID_LINE = Buffer.from('\nid: ');
/** "\nid: " and at most 15 digits and the newline: what a chunk may end in the middle of. */
const CARRY = ID_LINE.length - 1;

/**
 * Reads the ids of the events of a Server-Sent Events stream, chunk by chunk, whatever
 * the chunk boundaries. Only the `id:` lines are read: the `data:` lines are single-line
 * JSON, so "\nid: " marks an event and nothing else, and the bodies are never parsed.
 * A stream opens with `retry:` (or a comment), so every id line follows a newline.
 */
export class SseIdScanner {
  private carried: Buffer = Buffer.alloc(0);

  /** The ids of the id lines completed by this chunk, in order. */
  push(chunk: Buffer): number[] {
    const text = this.carried.length === 0 ? chunk : Buffer.concat([this.carried, chunk]);
    const ids: number[] = [];
    let keepFrom = Math.max(0, text.length - CARRY);
    for (let at = text.indexOf(ID_LINE); at !== -1; at = text.indexOf(ID_LINE, at + 1)) {
      const digitsFrom = at + ID_LINE.length;
      const lineEnd = text.indexOf(10, digitsFrom);
      if (lineEnd === -1) {
        keepFrom = at;
        break;
      }
      ids.push(Number(text.toString('latin1', digitsFrom, lineEnd)));
      // The newline that ends the id line may begin the next line: keep it, not before.
      keepFrom = Math.max(keepFrom, lineEnd);
      at = lineEnd - 1;
    }
    this.carried = Buffer.from(text.subarray(Math.min(keepFrom, text.length)));
    return ids;
  }
}
