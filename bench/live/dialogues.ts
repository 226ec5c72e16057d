import { randomUUID } from 'node:crypto';
import { HELD_ON } from './audience';

/**
 * `POST /api/dialogues` of command number `index`, recorded in `units[index % length]`,
 * with a bearer token and a fresh Idempotency-Key as a careful client sends it.
 */
export function dialogueIn(token: string, units: readonly string[]): (index: number) => string {
  const requests = units.map((unitCode) => {
    const body = JSON.stringify({
      level: 'commune',
      unitCode,
      heldOn: HELD_ON,
      topic: 'Access to preferential credit for ethnic minority women',
      participants: { total: 92, women: 60 },
    });
    const head =
      'POST /api/dialogues HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `Authorization: Bearer ${token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
    return { head, body };
  });
  return (index) => {
    const { head, body } = requests[index % requests.length]!;
    return `${head}Idempotency-Key: ${randomUUID()}\r\n\r\n${body}`;
  };
}
