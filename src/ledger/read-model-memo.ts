/** What a memo needs of the projection runner: word each time the read models move on. */
export interface ReadModelsAdvance {
  onAdvance(listener: (position: number) => void): () => void;
}

/**
 * Answers read from the read models, kept until they next move on. Read models change only
 * when the runner applies events, and the runner tells its advance listeners in the same
 * synchronous step, before any request can run: a remembered answer is always the one the
 * tables would give now (a user disabled a moment ago is refused at once).
 */
export class ReadModelMemo<Value> {
  private readonly answers = new Map<string, Value>();
  private readonly stop: () => void;

  constructor(
    advance: ReadModelsAdvance,
    private readonly maxEntries = 10_000,
  ) {
    this.stop = advance.onAdvance(() => this.answers.clear());
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
    this.stop();
    this.answers.clear();
  }
}
