import type { ServerResponse } from 'node:http';

/**
 * One open SSE connection. It never queues more than one snapshot: while the socket is
 * slow, newer snapshots replace the waiting one, so a slow reader cannot hold memory or
 * slow the writers.
 */
export class LiveSubscriber {
  private waiting?: { position: number; data: string };
  private blocked = false;
  /** Position of the last snapshot sent (or the client's Last-Event-ID). */
  lastSent: number;
  lastRows?: string;

  constructor(
    readonly unit: string,
    readonly role: string,
    readonly username: string,
    private readonly socket: ServerResponse,
    resumeFrom: number,
  ) {
    this.lastSent = resumeFrom;
    socket.on('drain', () => {
      this.blocked = false;
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) this.write(waiting.position, waiting.data);
    });
  }

  /** Sends a snapshot taken at `position`, unless one at or after it was already sent. */
  send(position: number, rows: string): void {
    if (position <= this.lastSent || rows === this.lastRows) return;
    this.lastRows = rows;
    const data = `{"position":${position},"rows":${rows}}`;
    if (this.blocked) {
      this.waiting = { position, data };
      this.lastSent = position;
      return;
    }
    this.write(position, data);
  }

  /** Ends the stream: its user may no longer read. */
  end(): void {
    this.socket.end();
  }

  heartbeat(): void {
    if (!this.blocked) this.socket.write(': keep-alive\n\n');
  }

  private write(position: number, data: string): void {
    this.lastSent = position;
    this.blocked = !this.socket.write(`id: ${position}\nevent: indicators\ndata: ${data}\n\n`);
  }
}
