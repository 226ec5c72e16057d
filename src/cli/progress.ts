/** A progress line on stderr: done/total, rate and time left; plain lines when not a terminal. */
export class Progress {
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastDone = -1;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number): void {
    const now = Date.now();
    const interval = this.out.isTTY ? 100 : 2000;
    if (now - this.lastDraw < interval && done < this.total) return;
    if (done === this.lastDone) return;
    this.lastDraw = now;
    this.lastDone = done;
    const elapsed = Math.max(0.001, (now - this.started) / 1000);
    const rate = done / elapsed;
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const left = rate > 0 ? (this.total - done) / rate : 0;
    const width = 30;
    const bar = '#'.repeat(Math.round(fraction * width)).padEnd(width, '.');
    const line =
      `${this.label} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${done.toLocaleString('en')}/${this.total.toLocaleString('en')} ` +
      `${Math.round(rate).toLocaleString('en')}/s ETA ${formatSeconds(left)}`;
    this.out.write(this.out.isTTY ? `\r${line}` : `${line}\n`);
  }

  finish(done: number): void {
    this.lastDraw = 0;
    this.update(done);
    if (this.out.isTTY) this.out.write('\n');
  }
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.ceil(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
