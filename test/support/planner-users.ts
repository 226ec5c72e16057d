import { type Actor, PROVINCE } from './indicator-model';
import type { TestLedger } from './test-ledger';

/** The users the property tests' planner sends commands as, and a supervisor: their tokens. */
export async function plannerUsers(t: TestLedger): Promise<Record<Actor | 'supervisor', string>> {
  return {
    province: await t.user('province.officer', 'officer', PROVINCE),
    district170: await t.user('vonhai.officer', 'officer', '170'),
    caseProvince: await t.user('province.caseworker', 'case_worker', PROVINCE),
    case170: await t.user('vonhai.caseworker', 'case_worker', '170'),
    supervisor: await t.user('province.supervisor', 'supervisor', PROVINCE),
  };
}
