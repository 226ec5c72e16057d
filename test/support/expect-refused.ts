import { STATUS_CODES } from 'node:http';
import type request from 'supertest';
import type { TestLedger } from './test-ledger';

/**
 * Sends a request and checks it is refused with `status`, a contract-shaped JSON body
 * whose message matches, and nothing appended to the log.
 */
export async function expectRefused(
  t: TestLedger,
  send: () => request.Test,
  status: number,
  message: RegExp,
): Promise<void> {
  const head = await t.head();
  const response = await send();
  expect({ status: response.status, body: response.body as unknown }).toEqual({
    status,
    body: {
      statusCode: status,
      error: STATUS_CODES[status],
      message: expect.stringMatching(message),
    },
  });
  expect(await t.head()).toBe(head);
}
