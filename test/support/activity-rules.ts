import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { Command, GatheringChanges } from './activity-commands';
import {
  type Actor,
  type Address,
  type Case,
  type Change,
  covers,
  earliest,
  type Gathering,
  latest,
  type Loan,
  type Model,
  shifted,
  update,
  withMember,
} from './indicator-model';

/**
 * The rules of every activity as the contract and the domain state them, applied to the
 * model: for a command, which rules it breaks (so which refusals it may get), what to send,
 * and what it means if accepted.
 */

/** A command made concrete against the model: what to send, what it may answer, what it means. */
export interface Plan {
  readonly what: unknown;
  readonly send: () => request.Test;
  /** The statuses of the rules it breaks; empty when it must be accepted. */
  readonly refusals: readonly number[];
  readonly change: Change;
  /** The new entity's id, for the lists commands pick their targets from. */
  readonly created?: { readonly list: keyof Ids; readonly id: string };
}
export interface Ids {
  readonly dialogue: string[];
  readonly training: string[];
  readonly communication: string[];
  readonly clubs: string[];
  readonly loans: string[];
  readonly addresses: string[];
  readonly cases: string[];
}

/** No entity created yet. */
export const noIds = (): Ids => ({
  dialogue: [],
  training: [],
  communication: [],
  clubs: [],
  loans: [],
  addresses: [],
  cases: [],
});

export const broken = (...rules: readonly (readonly [boolean, number])[]): number[] =>
  rules.filter(([breaks]) => breaks).map(([, status]) => status);

/** What judging a command needs: the model as it stands, the known ids, a way to send. */
export interface PlanContext {
  readonly current: Model;
  readonly ids: Ids;
  readonly post: (by: Actor, path: string, body: object) => request.Test;
}

/** Commands judged against the model: what to send, what it may answer, what it means. */
export function planner({ current, ids, post }: PlanContext): (c: Command) => Plan {
  /**
   * A known id of the list, mostly one the command suits (a disbursement for an approved
   * loan…), or now and then (or when there is none) an unknown one.
   */
  function pick(
    list: readonly string[],
    n: number,
    suits: (id: string) => boolean = () => true,
  ): string {
    if (n % 9 === 0 || list.length === 0) return randomUUID();
    const suited = Math.floor(n / 9) % 4 === 0 ? list : list.filter(suits);
    const from = suited.length > 0 ? suited : list;
    return from[n % from.length] as string;
  }

  /** A command that makes an entity, whose id joins its list once accepted. */
  function creation(
    what: unknown,
    list: keyof Ids,
    id: string,
    send: () => request.Test,
    refusals: number[],
    change: Change,
  ): Plan {
    return { what, send, refusals, change, created: { list, id } };
  }

  function planGathering(c: Extract<Command, { kind: `gathering.${string}` }>): Plan {
    const path = {
      dialogue: '/api/dialogues',
      training: '/api/trainings',
      communication: '/api/communications',
    }[c.of];
    const field = { dialogue: 'level', training: 'topic', communication: 'form' }[c.of];
    const gatherings = (m: Model) => m.gatherings[c.of];
    switch (c.kind) {
      case 'gathering.record': {
        const id = randomUUID();
        const g: Gathering = {
          unitCode: c.unitCode,
          heldOn: c.heldOn,
          category: c.category,
          ...c.counts,
          ...(c.manuals === undefined ? {} : { manuals: c.manuals }),
          voided: false,
        };
        const body = {
          id,
          unitCode: g.unitCode,
          heldOn: g.heldOn,
          [field]: g.category,
          participants: c.counts,
          ...(c.of === 'dialogue' ? { topic: 'Access to preferential credit' } : {}),
          ...(g.manuals === undefined ? {} : { manualsDistributed: g.manuals }),
        };
        return creation(
          { ...c, id },
          c.of,
          id,
          () => post(c.by, path, body),
          broken([g.women > g.total, 400], [!covers(c.by, g.unitCode), 403]),
          (m) => gatherings(m).set(id, g),
        );
      }
      case 'gathering.correct': {
        const id = pick(ids[c.of], c.target);
        const { total, women, category, manuals, ...rest } = c.changes;
        const participants = {
          ...(total === undefined ? {} : { total }),
          ...(women === undefined ? {} : { women }),
        };
        const changes = {
          ...rest,
          ...(category === undefined ? {} : { [field]: category }),
          ...(manuals === undefined ? {} : { manualsDistributed: manuals }),
          ...(Object.keys(participants).length > 0 ? { participants } : {}),
        };
        const send = () => post(c.by, `${path}/${id}/corrections`, { changes, reason: 'recount' });
        const standing = current.gatherings[c.of].get(id);
        if (!standing)
          return { what: { ...c, id }, send, refusals: [404], change: () => undefined };
        const next = { ...standing, ...c.changes };
        const changed = (Object.keys(c.changes) as (keyof GatheringChanges)[]).some(
          (k) => c.changes[k] !== standing[k],
        );
        return {
          what: { ...c, id, standing },
          send,
          refusals: broken(
            [next.women > next.total, 400],
            [!covers(c.by, standing.unitCode) || !covers(c.by, next.unitCode), 403],
            [standing.voided, 409],
            [!changed, 400],
          ),
          change: update(gatherings, id, (before) => ({ ...before, ...c.changes })),
        };
      }
      case 'gathering.void': {
        const id = pick(ids[c.of], c.target);
        const send = () => post(c.by, `${path}/${id}/void`, { reason: 'entered twice' });
        const standing = current.gatherings[c.of].get(id);
        if (!standing)
          return { what: { ...c, id }, send, refusals: [404], change: () => undefined };
        return {
          what: { ...c, id, standing },
          send,
          refusals: broken([!covers(c.by, standing.unitCode), 403], [standing.voided, 409]),
          change: update(gatherings, id, (before) => ({ ...before, voided: true })),
        };
      }
    }
  }

  function planClub(c: Extract<Command, { kind: `club.${string}` | `member.${string}` }>): Plan {
    const clubs = (m: Model) => m.clubs;
    if (c.kind === 'club.establish') {
      const id = randomUUID();
      const body = {
        id,
        name: 'CLB Thủ lĩnh của sự thay đổi',
        unitCode: c.unitCode,
        school: 'Trường THCS',
        establishedOn: c.on,
      };
      return creation(
        { ...c, id },
        'clubs',
        id,
        () => post(c.by, '/api/clubs', body),
        broken([!covers(c.by, c.unitCode), 403]),
        (m) =>
          m.clubs.set(id, {
            unitCode: c.unitCode,
            establishedOn: c.on,
            voided: false,
            members: new Map(),
          }),
      );
    }
    const id = pick(ids.clubs, c.target, (clubId) => {
      const club = current.clubs.get(clubId);
      if (!club || club.voided) return false;
      switch (c.kind) {
        case 'member.correct':
        case 'member.withdraw':
        case 'member.void':
          return club.members.size > 0;
        case 'member.enrol':
        case 'club.dissolve':
          return club.dissolvedOn === undefined;
        default:
          return true;
      }
    });
    const club = current.clubs.get(id);
    const unknown = (send: () => request.Test, also: number[] = []): Plan => ({
      what: { ...c, id },
      send,
      refusals: [404, ...also],
      change: () => undefined,
    });
    const outOfScope = club !== undefined && !covers(c.by, club.unitCode);
    const enrolments = club
      ? [...club.members.values()].filter((m) => !m.voided).map((m) => m.enrolledOn)
      : [];
    switch (c.kind) {
      case 'club.correct': {
        const establishedOn =
          club && c.shift !== undefined ? shifted(club.establishedOn, c.shift) : undefined;
        const changes = {
          ...(c.unitCode ? { unitCode: c.unitCode } : {}),
          ...(establishedOn ? { establishedOn } : {}),
        };
        const send = () =>
          post(c.by, `/api/clubs/${id}/corrections`, {
            changes: club ? changes : { unitCode: '05752' },
            reason: 'misfiled',
          });
        if (!club) return unknown(send);
        const next = { ...club, ...changes };
        const firstEnrolment = earliest(enrolments);
        return {
          what: { ...c, id, changes, club },
          send,
          refusals: broken(
            [club.dissolvedOn !== undefined && next.establishedOn > club.dissolvedOn, 400],
            [firstEnrolment !== undefined && next.establishedOn > firstEnrolment, 400],
            [next.unitCode === club.unitCode && next.establishedOn === club.establishedOn, 400],
            [outOfScope || !covers(c.by, next.unitCode), 403],
            [club.voided, 409],
          ),
          change: update(clubs, id, (before) => ({ ...before, ...changes })),
        };
      }
      case 'club.dissolve': {
        const on = shifted(
          latest([club?.establishedOn ?? '2023-06-01', ...enrolments]) as string,
          c.shift,
        );
        const send = () =>
          post(c.by, `/api/clubs/${id}/dissolution`, { on, reason: 'the school year ended' });
        if (!club) return unknown(send);
        return {
          what: { ...c, id, on, club },
          send,
          refusals: broken(
            [on < club.establishedOn, 400],
            [enrolments.some((e) => on < e), 400],
            [outOfScope, 403],
            [club.voided, 409],
            [club.dissolvedOn !== undefined, 409],
          ),
          change: update(clubs, id, (before) => ({ ...before, dissolvedOn: on })),
        };
      }
      case 'club.void': {
        const send = () => post(c.by, `/api/clubs/${id}/void`, { reason: 'entered twice' });
        if (!club) return unknown(send);
        return {
          what: { ...c, id, club },
          send,
          refusals: broken([outOfScope, 403], [club.voided, 409]),
          change: update(clubs, id, (before) => ({ ...before, voided: true })),
        };
      }
      case 'member.enrol': {
        const memberId = randomUUID();
        const enrolledOn = shifted(club?.establishedOn ?? '2023-06-01', c.shift);
        const birthYear = Number(enrolledOn.slice(0, 4)) - c.age;
        const body = {
          id: memberId,
          sex: c.sex,
          birthYear,
          enrolledOn,
          consent: { guardian: true, ...(c.childConsent ? { child: true } : {}) },
        };
        const send = () => post(c.by, `/api/clubs/${id}/members`, body);
        const memberRules = broken([c.age > 18, 400], [c.age >= 7 && !c.childConsent, 400]);
        if (!club) return unknown(send, memberRules);
        return {
          what: { ...c, id, memberId, enrolledOn, club },
          send,
          refusals: [
            ...memberRules,
            ...broken(
              [enrolledOn < club.establishedOn, 400],
              [outOfScope, 403],
              [club.voided, 409],
              // Nobody joins a dissolved club.
              [club.dissolvedOn !== undefined && enrolledOn >= club.dissolvedOn, 409],
            ),
          ],
          change: update(clubs, id, (before) => ({
            ...before,
            members: new Map(before.members).set(memberId, {
              sex: c.sex,
              enrolledOn,
              voided: false,
            }),
          })),
        };
      }
      case 'member.correct':
      case 'member.withdraw':
      case 'member.void': {
        const memberIds = club ? [...club.members.keys()] : [];
        const memberId = pick(memberIds, c.member, (m) => {
          const member = club?.members.get(m);
          return member !== undefined && !member.voided && member.withdrawnOn === undefined;
        });
        const member = club?.members.get(memberId);
        const on =
          c.kind === 'member.withdraw'
            ? shifted(member?.enrolledOn ?? '2023-06-01', c.shift)
            : undefined;
        const path = `/api/clubs/${id}/members/${memberId}`;
        const send =
          c.kind === 'member.withdraw'
            ? () => post(c.by, `${path}/withdrawal`, { on, reason: 'moved away' })
            : c.kind === 'member.correct'
              ? () =>
                  post(c.by, `${path}/corrections`, { changes: { sex: c.sex }, reason: 'misread' })
              : () => post(c.by, `${path}/void`, { reason: 'entered twice' });
        // An unknown member of a known club: the club's scope still comes first.
        if (!club || !member) return unknown(send, broken([outOfScope, 403]));
        const what = { ...c, id, memberId, on, club: { ...club, members: undefined }, member };
        if (c.kind === 'member.correct') {
          return {
            what,
            send,
            refusals: broken(
              [member.sex === c.sex, 400],
              [outOfScope, 403],
              [club.voided, 409],
              [member.voided, 409],
              // A correction keeps the rules of a new member: not in a club dissolved by then.
              [club.dissolvedOn !== undefined && member.enrolledOn >= club.dissolvedOn, 409],
            ),
            change: withMember(id, memberId, (before) => ({ ...before, sex: c.sex })),
          };
        }
        if (c.kind === 'member.void') {
          return {
            what,
            send,
            refusals: broken([outOfScope, 403], [club.voided, 409], [member.voided, 409]),
            change: withMember(id, memberId, (before) => ({ ...before, voided: true })),
          };
        }
        const withdrawnOn = on as string;
        return {
          what,
          send,
          refusals: broken(
            [withdrawnOn < member.enrolledOn, 400],
            [club.dissolvedOn !== undefined && withdrawnOn > club.dissolvedOn, 400],
            [outOfScope, 403],
            [club.voided, 409],
            [member.voided, 409],
            [member.withdrawnOn !== undefined, 409],
          ),
          change: withMember(id, memberId, (before) => ({ ...before, withdrawnOn })),
        };
      }
    }
  }

  function planLoan(c: Extract<Command, { kind: `loan.${string}` }>): Plan {
    const loans = (m: Model) => m.loans;
    if (c.kind === 'loan.introduce') {
      const id = randomUUID();
      const loan: Loan = {
        unitCode: c.unitCode,
        lender: c.lender,
        sex: c.sex,
        introducedOn: c.on,
        amountRequested: c.millions * 1_000_000,
        disbursements: [],
        voided: false,
      };
      const body = {
        id,
        unitCode: c.unitCode,
        lender: c.lender,
        purpose: c.purpose,
        amountRequested: loan.amountRequested,
        introducedOn: c.on,
        borrower: { sex: c.sex },
      };
      return creation(
        { ...c, id },
        'loans',
        id,
        () => post(c.by, '/api/loans', body),
        broken([!covers(c.by, c.unitCode), 403]),
        (m) => m.loans.set(id, loan),
      );
    }
    const id = pick(ids.loans, c.target, (loanId) => {
      const loan = current.loans.get(loanId);
      if (!loan || loan.voided) return false;
      switch (c.kind) {
        case 'loan.decide':
          return loan.decision === undefined;
        case 'loan.disburse':
          return loan.decision?.approved === true && loan.repaidOn === undefined;
        case 'loan.repay':
          return loan.disbursements.length > 0 && loan.repaidOn === undefined;
        default:
          return true;
      }
    });
    const loan = current.loans.get(id);
    const approval = loan?.decision?.approved ? loan.decision : undefined;
    const disbursed = loan ? loan.disbursements.reduce((sum, d) => sum + d.amount, 0) : 0;
    const outOfScope = loan !== undefined && !covers(c.by, loan.unitCode);
    const path = `/api/loans/${id}`;
    const refused = (send: () => request.Test): Plan => ({
      what: { ...c, id },
      send,
      refusals: [404],
      change: () => undefined,
    });
    switch (c.kind) {
      case 'loan.decide': {
        const on = shifted(loan?.introducedOn ?? '2023-06-01', c.shift);
        const amountApproved = Math.max(
          1,
          Math.round(((loan?.amountRequested ?? 1e7) * c.permille) / 1000 / 100_000) * 100_000,
        );
        const body = c.approve
          ? { decision: 'approved', on, amountApproved }
          : { decision: 'rejected', on };
        const send = () => post(c.by, `${path}/decision`, body);
        if (!loan) return refused(send);
        return {
          what: { ...c, id, body, loan },
          send,
          refusals: broken(
            [on < loan.introducedOn, 400],
            [c.approve && amountApproved > loan.amountRequested, 400],
            [outOfScope, 403],
            [loan.voided, 409],
            [loan.decision !== undefined, 409],
          ),
          change: update(loans, id, (before) => ({
            ...before,
            decision: c.approve
              ? { approved: true as const, on, amount: amountApproved }
              : { approved: false as const, on },
          })),
        };
      }
      case 'loan.disburse': {
        const on = shifted(loan?.decision?.on ?? loan?.introducedOn ?? '2023-06-01', c.shift);
        const remaining = approval ? approval.amount - disbursed : (loan?.amountRequested ?? 1e7);
        const amount = Math.max(
          100_000,
          Math.round((remaining * c.permille) / 1000 / 100_000) * 100_000,
        );
        const send = () => post(c.by, `${path}/disbursements`, { on, amount });
        if (!loan) return refused(send);
        return {
          what: { ...c, id, on, amount, loan },
          send,
          refusals: broken(
            [approval !== undefined && on < approval.on, 400],
            [outOfScope, 403],
            [loan.voided, 409],
            [approval === undefined, 409],
            [loan.repaidOn !== undefined, 409],
            // Never more than approved in all.
            [amount > remaining, 409],
          ),
          change: update(loans, id, (before) => ({
            ...before,
            disbursements: [...before.disbursements, { on, amount }],
          })),
        };
      }
      case 'loan.repay': {
        const lastDisbursement = loan ? latest(loan.disbursements.map((d) => d.on)) : undefined;
        const on = shifted(lastDisbursement ?? loan?.introducedOn ?? '2023-06-01', c.shift);
        const send = () => post(c.by, `${path}/repayment`, { on });
        if (!loan) return refused(send);
        return {
          what: { ...c, id, on, loan },
          send,
          refusals: broken(
            [lastDisbursement !== undefined && on < lastDisbursement, 400],
            [outOfScope, 403],
            [loan.voided, 409],
            [approval === undefined, 409],
            [loan.repaidOn !== undefined, 409],
            [loan.disbursements.length === 0, 409],
          ),
          change: update(loans, id, (before) => ({ ...before, repaidOn: on })),
        };
      }
      case 'loan.correct': {
        const { shift: days, millions, ...fields } = c.changes;
        const introducedOn =
          loan && days !== undefined ? shifted(loan.introducedOn, days) : undefined;
        const next: Loan | undefined = loan && {
          ...loan,
          ...fields,
          ...(introducedOn === undefined ? {} : { introducedOn }),
          ...(millions === undefined ? {} : { amountRequested: millions * 1_000_000 }),
        };
        const changes = {
          ...(fields.unitCode ? { unitCode: fields.unitCode } : {}),
          ...(fields.lender ? { lender: fields.lender } : {}),
          ...(fields.sex ? { borrower: { sex: fields.sex } } : {}),
          ...(introducedOn ? { introducedOn } : {}),
          ...(millions === undefined ? {} : { amountRequested: millions * 1_000_000 }),
        };
        const send = () =>
          post(c.by, `${path}/corrections`, {
            changes: Object.keys(changes).length > 0 ? changes : { lender: 'vbsp' },
            reason: 'misread the form',
          });
        if (!loan || !next) return refused(send);
        const same = (
          ['unitCode', 'lender', 'sex', 'introducedOn', 'amountRequested'] as const
        ).every((k) => next[k] === loan[k]);
        return {
          what: { ...c, id, changes, loan },
          send,
          refusals: broken(
            [loan.decision !== undefined && next.introducedOn > loan.decision.on, 400],
            [approval !== undefined && next.amountRequested < approval.amount, 400],
            [next.amountRequested < disbursed, 400],
            [same, 400],
            [outOfScope || !covers(c.by, next.unitCode), 403],
            [loan.voided, 409],
          ),
          change: update(loans, id, (before) => ({
            ...before,
            ...fields,
            ...(introducedOn === undefined ? {} : { introducedOn }),
            ...(millions === undefined ? {} : { amountRequested: millions * 1_000_000 }),
          })),
        };
      }
      case 'loan.void': {
        const send = () => post(c.by, `${path}/void`, { reason: 'entered twice' });
        if (!loan) return refused(send);
        return {
          what: { ...c, id, loan },
          send,
          refusals: broken([outOfScope, 403], [loan.voided, 409]),
          change: update(loans, id, (before) => ({ ...before, voided: true })),
        };
      }
    }
  }

  function planAddress(c: Extract<Command, { kind: `address.${string}` }>): Plan {
    const addresses = (m: Model) => m.addresses;
    if (c.kind === 'address.establish') {
      const id = randomUUID();
      const body = { id, name: 'Địa chỉ tin cậy', unitCode: c.unitCode, establishedOn: c.on };
      return creation(
        { ...c, id },
        'addresses',
        id,
        () => post(c.by, '/api/trusted-addresses', body),
        broken([!covers(c.by, c.unitCode), 403]),
        (m) => m.addresses.set(id, { unitCode: c.unitCode, establishedOn: c.on, voided: false }),
      );
    }
    const id = pick(
      ids.addresses,
      c.target,
      (addressId) => current.addresses.get(addressId)?.voided === false,
    );
    const address = current.addresses.get(id);
    const outOfScope = address !== undefined && !covers(c.by, address.unitCode);
    const path = `/api/trusted-addresses/${id}`;
    const refused = (send: () => request.Test): Plan => ({
      what: { ...c, id },
      send,
      refusals: [404],
      change: () => undefined,
    });
    switch (c.kind) {
      case 'address.close': {
        const on = shifted(address?.establishedOn ?? '2023-06-01', c.shift);
        const send = () =>
          post(c.by, `${path}/closure`, { on, reason: 'the host family moved away' });
        if (!address) return refused(send);
        return {
          what: { ...c, id, on, address },
          send,
          refusals: broken(
            [on < address.establishedOn, 400],
            [outOfScope, 403],
            [address.voided, 409],
            [address.closedOn !== undefined, 409],
          ),
          change: update(addresses, id, (before) => ({ ...before, closedOn: on })),
        };
      }
      case 'address.correct': {
        const establishedOn =
          address && c.shift !== undefined ? shifted(address.establishedOn, c.shift) : undefined;
        const changes = {
          ...(c.unitCode ? { unitCode: c.unitCode } : {}),
          ...(establishedOn ? { establishedOn } : {}),
        };
        const send = () =>
          post(c.by, `${path}/corrections`, {
            changes: address ? changes : { unitCode: '05752' },
            reason: 'misfiled',
          });
        if (!address) return refused(send);
        const next = { ...address, ...changes };
        return {
          what: { ...c, id, changes, address },
          send,
          refusals: broken(
            [address.closedOn !== undefined && next.establishedOn > address.closedOn, 400],
            [
              next.unitCode === address.unitCode && next.establishedOn === address.establishedOn,
              400,
            ],
            [outOfScope || !covers(c.by, next.unitCode), 403],
            [address.voided, 409],
          ),
          change: update(addresses, id, (before) => ({ ...before, ...changes })),
        };
      }
      case 'address.void': {
        const send = () => post(c.by, `${path}/void`, { reason: 'entered twice' });
        if (!address) return refused(send);
        return {
          what: { ...c, id, address },
          send,
          refusals: broken([outOfScope, 403], [address.voided, 409]),
          change: update(addresses, id, (before) => ({ ...before, voided: true })),
        };
      }
    }
  }

  function planCase(c: Extract<Command, { kind: `case.${string}` }>): Plan {
    const cases = (m: Model) => m.cases;
    if (c.kind === 'case.open') {
      const addressId = pick(ids.addresses, c.target, (a) => {
        const address = current.addresses.get(a);
        return address !== undefined && !address.voided && address.closedOn === undefined;
      });
      const address = current.addresses.get(addressId);
      const id = randomUUID();
      const openedOn = shifted(address?.establishedOn ?? '2023-06-01', c.shift);
      const body = {
        id,
        openedOn,
        violenceType: c.violenceType,
        consent: true,
        subject: { sex: c.sex, ageBand: c.ageBand },
      };
      const send = () => post(c.by, `/api/trusted-addresses/${addressId}/cases`, body);
      const role = broken([c.by === 'province' || c.by === 'district170', 403]);
      if (!address)
        return {
          what: { ...c, addressId },
          send,
          refusals: [...role, 404],
          change: () => undefined,
        };
      const file: Case = {
        addressId,
        unitCode: address.unitCode,
        openedOn,
        violenceType: c.violenceType,
        referredOn: [],
        voided: false,
      };
      return creation(
        { ...c, id, addressId, openedOn, address },
        'cases',
        id,
        send,
        [
          ...role,
          ...broken(
            [openedOn < address.establishedOn, 400],
            [!covers(c.by, address.unitCode), 403],
            [address.voided, 409],
            // A closed address takes in no case from the day it closed.
            [address.closedOn !== undefined && address.closedOn <= openedOn, 409],
          ),
        ],
        (m) => m.cases.set(id, file),
      );
    }
    const id = pick(ids.cases, c.target, (caseId) => {
      const file = current.cases.get(caseId);
      return (
        file !== undefined && !file.voided && (c.kind === 'case.void' || file.closure === undefined)
      );
    });
    const file = current.cases.get(id);
    const outOfScope = file !== undefined && !covers(c.by, file.unitCode);
    const later = file ? [...file.referredOn, ...(file.closure ? [file.closure.on] : [])] : [];
    const path = `/api/cases/${id}`;
    const refused = (send: () => request.Test): Plan => ({
      what: { ...c, id },
      send,
      refusals: [404],
      change: () => undefined,
    });
    switch (c.kind) {
      case 'case.refer': {
        const on = shifted(file?.openedOn ?? '2023-06-01', c.shift);
        const send = () => post(c.by, `${path}/referrals`, { to: c.to, on });
        if (!file) return refused(send);
        return {
          what: { ...c, id, on, file },
          send,
          refusals: broken(
            [on < file.openedOn, 400],
            [outOfScope, 403],
            [file.voided, 409],
            [file.closure !== undefined, 409],
          ),
          change: update(cases, id, (before) => ({
            ...before,
            referredOn: [...before.referredOn, on],
          })),
        };
      }
      case 'case.close': {
        const on = shifted(latest([file?.openedOn ?? '2023-06-01', ...later]) as string, c.shift);
        const send = () => post(c.by, `${path}/closure`, { on, outcome: c.outcome });
        if (!file) return refused(send);
        return {
          what: { ...c, id, on, file },
          send,
          refusals: broken(
            [on < file.openedOn, 400],
            [later.some((d) => on < d), 400],
            [outOfScope, 403],
            [file.voided, 409],
            [file.closure !== undefined, 409],
          ),
          change: update(cases, id, (before) => ({
            ...before,
            closure: { on, outcome: c.outcome },
          })),
        };
      }
      case 'case.correct': {
        const openedOn =
          file && c.shift !== undefined ? shifted(file.openedOn, c.shift) : undefined;
        const changes = {
          ...(c.violenceType ? { violenceType: c.violenceType } : {}),
          ...(openedOn ? { openedOn } : {}),
        };
        const send = () =>
          post(c.by, `${path}/corrections`, {
            changes: file ? changes : { violenceType: 'other' },
            reason: 'misheard',
          });
        if (!file) return refused(send);
        const next = { ...file, ...changes };
        const moved = next.openedOn !== file.openedOn;
        const address = current.addresses.get(file.addressId) as Address;
        return {
          what: { ...c, id, changes, file, address },
          send,
          refusals: broken(
            [later.some((d) => next.openedOn > d), 400],
            [moved && next.openedOn < address.establishedOn, 400],
            [!moved && next.violenceType === file.violenceType, 400],
            [outOfScope, 403],
            [file.voided, 409],
            [moved && address.voided, 409],
            [moved && address.closedOn !== undefined && address.closedOn <= next.openedOn, 409],
          ),
          change: update(cases, id, (before) => ({ ...before, ...changes })),
        };
      }
      case 'case.void': {
        const send = () => post(c.by, `${path}/void`, { reason: 'entered twice' });
        if (!file) return refused(send);
        return {
          what: { ...c, id, file },
          send,
          refusals: broken([outOfScope, 403], [file.voided, 409]),
          change: update(cases, id, (before) => ({ ...before, voided: true })),
        };
      }
    }
  }

  function plan(c: Command): Plan {
    switch (c.kind) {
      case 'gathering.record':
      case 'gathering.correct':
      case 'gathering.void':
        return planGathering(c);
      case 'club.establish':
      case 'club.correct':
      case 'club.dissolve':
      case 'club.void':
      case 'member.enrol':
      case 'member.correct':
      case 'member.withdraw':
      case 'member.void':
        return planClub(c);
      case 'loan.introduce':
      case 'loan.decide':
      case 'loan.disburse':
      case 'loan.repay':
      case 'loan.correct':
      case 'loan.void':
        return planLoan(c);
      case 'address.establish':
      case 'address.close':
      case 'address.correct':
      case 'address.void':
        return planAddress(c);
      case 'case.open':
      case 'case.refer':
      case 'case.close':
      case 'case.correct':
      case 'case.void':
        return planCase(c);
    }
  }

  return plan;
}
