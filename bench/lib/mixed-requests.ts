import { randomUUID } from 'node:crypto';
import type { LedgerClient } from './ledger-setup';

type Body = Record<string, unknown>;

const participants = () => {
  const total = 20 + Math.floor(Math.random() * 100);
  return { total, women: Math.floor(total * 0.6) };
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/**
 * Realistic proportions of Project 8's commands in one commune: mostly club members,
 * dialogues, communications, trainings and loans, some disbursements and cases, a few new
 * clubs and addresses. Follow-up commands go to records made before the load.
 */
export async function mixedRequests(client: LedgerClient, officer: string): Promise<() => string> {
  const caseWorker = await client.caseWorkerToken();
  const clubs: string[] = [];
  const loans: string[] = [];
  const addresses: string[] = [];
  // Clubs, loans and addresses the follow-up commands go to. A club's members live in its
  // stream, so every enrolment reads the club's history: the pool keeps clubs near real sizes.
  for (let i = 0; i < 100; i++) {
    clubs.push(await client.record('/api/clubs', { name: `CLB ${i}`, unitCode: '05752', school: 'THCS Liên Minh', establishedOn: '2023-01-10' }, officer));
    if (i >= 20) continue;
    const loan = await client.record(
      '/api/loans',
      { unitCode: '05752', lender: 'vbsp', purpose: 'livestock', amountRequested: 10_000_000_000, introducedOn: '2023-02-01', borrower: { sex: 'female' } },
      officer,
    );
    await client.record(`/api/loans/${loan}/decision`, { decision: 'approved', on: '2023-02-15', amountApproved: 10_000_000_000 }, officer);
    loans.push(loan);
  }
  for (let i = 0; i < 5; i++) {
    addresses.push(await client.record('/api/trusted-addresses', { name: `Địa chỉ ${i}`, unitCode: '05752', establishedOn: '2023-01-05' }, officer));
  }
  const mix: [number, () => [string, Body, string]][] = [
    [30, () => [`/api/clubs/${pick(clubs)}/members`, { sex: pick(['female', 'male']), birthYear: 2011, enrolledOn: '2023-09-05', consent: { guardian: true, child: true } }, officer]],
    [15, () => ['/api/dialogues', { level: 'commune', unitCode: '05752', heldOn: '2023-10-12', topic: 'Bình đẳng giới', participants: participants() }, officer]],
    [15, () => ['/api/communications', { unitCode: '05752', heldOn: '2023-06-01', form: 'meeting', participants: participants() }, officer]],
    [10, () => ['/api/trainings', { unitCode: '05752', topic: 'gender_mainstreaming', heldOn: '2023-05-10', participants: participants(), manualsDistributed: 3 }, officer]],
    [10, () => ['/api/loans', { unitCode: '05752', lender: 'agribank', purpose: 'crops', amountRequested: 30_000_000, introducedOn: '2023-03-01', borrower: { sex: 'female' } }, officer]],
    [8, () => [`/api/loans/${pick(loans)}/disbursements`, { on: '2023-03-01', amount: 1_000 }, officer]],
    [8, () => [`/api/trusted-addresses/${pick(addresses)}/cases`, { openedOn: '2023-04-01', violenceType: 'psychological', consent: true, subject: { sex: 'female', ageBand: '30-59' } }, caseWorker]],
    [3, () => ['/api/clubs', { name: 'CLB mới', unitCode: '05752', school: 'THCS', establishedOn: '2023-01-10' }, officer]],
    [1, () => ['/api/trusted-addresses', { name: 'Địa chỉ mới', unitCode: '05752', establishedOn: '2023-01-05' }, officer]],
  ];
  const total = mix.reduce((sum, [weight]) => sum + weight, 0);
  return () => {
    let roll = Math.random() * total;
    const [, make] = mix.find(([weight]) => (roll -= weight) < 0) ?? mix[0]!;
    const [path, body, token] = make();
    const text = JSON.stringify(body);
    return (
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Authorization: Bearer ${token}\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `Idempotency-Key: ${randomUUID()}\r\n\r\n${text}`
    );
  };
}
