import { randomUUID } from 'node:crypto';

/** A dialogue as an officer of Liên Minh commune records it. */
const DIALOGUE = JSON.stringify({
  level: 'commune',
  unitCode: '05752',
  heldOn: '2023-10-12',
  topic: 'Access to preferential credit for ethnic minority women',
  participants: { total: 92, women: 60 },
});

/**
 * `POST /api/dialogues` as a careful client sends it: a bearer token and a fresh
 * Idempotency-Key, so that a retry after a lost answer records nothing twice.
 */
export function dialogueRequest(token: string): () => string {
  const head =
    'POST /api/dialogues HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    `Authorization: Bearer ${token}\r\nContent-Length: ${Buffer.byteLength(DIALOGUE)}\r\n`;
  return () => `${head}Idempotency-Key: ${randomUUID()}\r\n\r\n${DIALOGUE}`;
}
