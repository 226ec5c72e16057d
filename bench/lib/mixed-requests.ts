import { randomUUID } from 'node:crypto';
import { FollowUpPool } from './follow-up-pool';
import type { LedgerClient } from './ledger-setup';

type Body = Record<string, unknown>;

const participants = () => {
  const total = 20 + Math.floor(Math.random() * 100);
  return { total, women: Math.floor(total * 0.6) };
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/** A school club's size: the seed's 37 clubs hold 968 children, and a club takes up to about 40. */
const CLUB_MEMBERS = 40;
/** A loan is disbursed in a few instalments, never more than approved. */
const DISBURSEMENTS = 3;
const LOAN_AMOUNT = 30_000_000;

/**
 * Realistic proportions of Project 8's commands in one commune: mostly club members,
 * dialogues, communications, trainings and loans, some decisions, disbursements and cases, a
 * few new clubs and addresses. Follow-up commands go to records that exist, each up to a
 * real record's size (a club fills up to 40 children, a loan takes up to 3 disbursements):
 * a club's members and a loan's disbursements live in its stream, so the bench's records
 * are as long as the programme's, not as long as the bench ran.
 */
export async function mixedRequests(client: LedgerClient, officer: string): Promise<() => string> {
  const caseWorker = await client.caseWorkerToken();
  const clubs = new FollowUpPool(CLUB_MEMBERS);
  const undecided = new FollowUpPool(1);
  const approved = new FollowUpPool(DISBURSEMENTS);
  const addresses: string[] = [];
  for (let i = 0; i < 100; i++) {
    clubs.add(await client.record('/api/clubs', club(`CLB ${i}`), officer));
    if (i >= 20) continue;
    const loanId = await client.record('/api/loans', loan(), officer);
    await client.record(`/api/loans/${loanId}/decision`, approval(), officer);
    approved.add(loanId);
  }
  for (let i = 0; i < 5; i++) {
    addresses.push(
      await client.record(
        '/api/trusted-addresses',
        { name: `Địa chỉ ${i}`, unitCode: '05752', establishedOn: '2023-01-05' },
        officer,
      ),
    );
  }
  const newClub = (): Command => {
    const id = randomUUID();
    clubs.addSoon(id);
    return ['/api/clubs', { id, ...club('CLB mới') }, officer];
  };
  const newLoan = (): Command => {
    const id = randomUUID();
    undecided.addSoon(id);
    return ['/api/loans', { id, ...loan() }, officer];
  };
  const commands: Record<keyof typeof WEIGHTS, () => Command> = {
    members: () => {
      const clubId = clubs.take();
      if (!clubId) return newClub();
      return [
        `/api/clubs/${clubId}/members`,
        {
          sex: pick(['female', 'male']),
          birthYear: 2011,
          enrolledOn: '2023-09-05',
          consent: { guardian: true, child: true },
        },
        officer,
      ];
    },
    dialogues: () => [
      '/api/dialogues',
      {
        level: 'commune',
        unitCode: '05752',
        heldOn: '2023-10-12',
        topic: 'Bình đẳng giới',
        participants: participants(),
      },
      officer,
    ],
    communications: () => [
      '/api/communications',
      { unitCode: '05752', heldOn: '2023-06-01', form: 'meeting', participants: participants() },
      officer,
    ],
    trainings: () => [
      '/api/trainings',
      {
        unitCode: '05752',
        topic: 'gender_mainstreaming',
        heldOn: '2023-05-10',
        participants: participants(),
        manualsDistributed: 3,
      },
      officer,
    ],
    loans: newLoan,
    decisions: () => {
      const loanId = undecided.take();
      if (!loanId) return newLoan();
      approved.addSoon(loanId);
      return [`/api/loans/${loanId}/decision`, approval(), officer];
    },
    disbursements: () => {
      const loanId = approved.take();
      if (!loanId) return newLoan();
      return [
        `/api/loans/${loanId}/disbursements`,
        { on: '2023-03-01', amount: LOAN_AMOUNT / DISBURSEMENTS },
        officer,
      ];
    },
    cases: () => [
      `/api/trusted-addresses/${pick(addresses)}/cases`,
      {
        openedOn: '2023-04-01',
        violenceType: 'psychological',
        consent: true,
        subject: { sex: 'female', ageBand: '30-59' },
      },
      caseWorker,
    ],
    clubs: newClub,
    addresses: () => [
      '/api/trusted-addresses',
      { name: 'Địa chỉ mới', unitCode: '05752', establishedOn: '2023-01-05' },
      officer,
    ],
  };
  const mix = Object.entries(WEIGHTS).map(
    ([name, weight]) => [weight, commands[name as keyof typeof WEIGHTS]] as const,
  );
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

/** The share of each command in a hundred. */
const WEIGHTS = {
  members: 28,
  dialogues: 14,
  communications: 14,
  trainings: 10,
  loans: 10,
  decisions: 5,
  disbursements: 8,
  cases: 8,
  clubs: 2,
  addresses: 1,
} as const;

/** The proportions, as the report prints them. */
export const MIXED_PROPORTIONS = Object.entries(WEIGHTS)
  .map(([name, weight]) => `${name} ${weight}%`)
  .join(', ');

type Command = [path: string, body: Body, token: string];

const club = (name: string): Body => ({
  name,
  unitCode: '05752',
  school: 'THCS Liên Minh',
  establishedOn: '2023-01-10',
});

const loan = (): Body => ({
  unitCode: '05752',
  lender: pick(['vbsp', 'agribank']),
  purpose: pick(['livestock', 'crops']),
  amountRequested: LOAN_AMOUNT,
  introducedOn: '2023-02-01',
  borrower: { sex: 'female' },
});

const approval = (): Body => ({
  decision: 'approved',
  on: '2023-02-15',
  amountApproved: LOAN_AMOUNT,
});
