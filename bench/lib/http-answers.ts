import { connect, type Socket } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');

/** A keep-alive connection to the server under test, without Nagle's delay. */
export function openConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', noDelay: true });
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Reads the HTTP/1.1 answers arriving on a keep-alive socket, one after another, framed by
 * their Content-Length, and hands each one's status and body (undecoded) to `onAnswer`. An
 * answer without Content-Length cannot be framed: `onUnframed` gets its head and reading stops.
 */
export function readAnswers(
  socket: Socket,
  onAnswer: (status: number, body: Buffer) => void,
  onUnframed: (head: string) => void,
): void {
  let buffer: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf(HEADER_END);
      if (headerEnd === -1) return;
      const head = buffer.toString('latin1', 0, headerEnd);
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!length) return onUnframed(head);
      const end = headerEnd + HEADER_END.length + Number(length[1]);
      if (buffer.length < end) return;
      const body = buffer.subarray(headerEnd + HEADER_END.length, end);
      buffer = buffer.subarray(end);
      onAnswer(Number(head.slice(9, 12)), body);
    }
  });
}
