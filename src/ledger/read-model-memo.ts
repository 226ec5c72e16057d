/** What a memo needs of the projection runner: word each time the read models move on. */
export interface ReadModelsAdvance {
  onAdvance(listener: (position: number) => void): () => void;
  /** The events of each batch, before the read models apply it. */
  onBatch?(listener: (events: readonly { readonly type: string }[]) => void): () => void;
}

/**
 * Answers read from the read models, kept until they next move on. Read models change only
 * when the runner applies events, and the runner tells its advance listeners in the same
 * synchronous step, before any request can run: a remembered answer is always the one the
 * tables would give now (a user disabled a moment ago is refused at once).
 *
 * Given the event types its answers are read from (`readsFrom`), a memo outlives the batches
 * that hold none of them: the accounts of users, say, stay remembered while only activities
 * are recorded. A read model swapped in after a rebuild moves on with no batch: that clears it.
 */
export class ReadModelMemo<Value> {
  private readonly answers = new Map<string, Value>();
  private readonly stops: Array<() => void> = [];
  /** Since the last advance: whether a batch came, and whether one held an event read from. */
  private batches = { seen: false, relevant: false };

  constructor(
    advance: ReadModelsAdvance,
    private readonly maxEntries = 10_000,
    readsFrom?: ReadonlySet<string>,
  ) {
    const onBatch = readsFrom && advance.onBatch?.bind(advance);
    if (onBatch) {
      this.stops.push(
        onBatch((events) => {
          this.batches.seen = true;
          if (!this.batches.relevant) this.batches.relevant = events.some((event) => readsFrom.has(event.type));
        }),
      );
    }
    this.stops.push(
      advance.onAdvance(() => {
        if (!onBatch || this.batches.relevant || !this.batches.seen) this.answers.clear();
        this.batches = { seen: false, relevant: false };
      }),
    );
  }

  get(key: string, read: () => Value): Value {
    if (this.answers.has(key)) return this.answers.get(key) as Value;
    const value = read();
    // Many distinct keys between two advances (a scan of usernames at login): start afresh.
    if (this.answers.size >= this.maxEntries) this.answers.clear();
    this.answers.set(key, value);
    return value;
  }

  close(): void {
    for (const stop of this.stops) stop();
    this.answers.clear();
  }
}
