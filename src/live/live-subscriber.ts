import type { ServerResponse } from 'node:http';

/** A unit's rows as a role sees them at a log position, encoded once for every subscriber who gets it. */
export class Snapshot {
  private encoded?: Buffer;

  constructor(
    readonly position: number,
    readonly rows: string,
  ) {}

  /** The SSE event: its id is the position. */
  get frame(): Buffer {
    this.encoded ??= Buffer.from(
      `id: ${this.position}\nevent: indicators\ndata: {"position":${this.position},"rows":${this.rows}}\n\n`,
    );
    return this.encoded;
  }
}

/**
 * One open SSE connection. It never queues more than one snapshot: while the socket is
 * slow, newer snapshots replace the waiting one, so a slow reader cannot hold memory or
 * slow the writers.
 */
export class LiveSubscriber {
  private waiting?: Snapshot;
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
      if (waiting) this.write(waiting);
    });
  }

  /** Sends a snapshot, unless one at or after its position was already sent or its rows are those last sent. */
  send(snapshot: Snapshot): void {
    if (snapshot.position <= this.lastSent || snapshot.rows === this.lastRows) return;
    this.lastRows = snapshot.rows;
    if (this.blocked) {
      this.waiting = snapshot;
      this.lastSent = snapshot.position;
      return;
    }
    this.write(snapshot);
  }

  /** Ends the stream: its user may no longer read. */
  end(): void {
    this.socket.end();
  }

  heartbeat(): void {
    if (!this.blocked) this.socket.write(': keep-alive\n\n');
  }

  private write(snapshot: Snapshot): void {
    this.lastSent = snapshot.position;
    this.blocked = !this.socket.write(snapshot.frame);
  }
}
