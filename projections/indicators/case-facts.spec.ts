import Database from 'better-sqlite3';
import { CASE_SCHEMA_VERSION, type CaseEvent } from '../../events/case';
import type { RecordedEvent } from '../../src/ledger/event-store.port';
import { caseFacts } from './case-facts';
import { indicatorFactsProjection } from './indicator-facts.projection';
import { queryIndicators } from './indicator-queries';

const caseId = 'k-1';
const v1 = <E extends CaseEvent>(type: E['type'], data: E['data']): CaseEvent =>
  ({ type, schemaVersion: CASE_SCHEMA_VERSION, data }) as CaseEvent;
const opened = v1('CaseOpened', {
  caseId,
  addressId: 'a-1',
  unitCode: '05752',
  openedOn: '2023-05-14',
  violenceType: 'physical',
  consent: true,
  subject: {
    subjectId: 's-1',
    sex: 'female',
    ageBand: '30-59',
    ethnicity: 'Dao',
    personal: { subjectId: 's-1', sealed: 'c2VhbGVk' },
  },
});
const referred = v1('CaseReferred', {
  caseId,
  to: 'police',
  on: '2023-05-15',
  note: { subjectId: 's-1', sealed: 'bm90ZQ' },
});
const served = v1('CaseServiceGiven', { caseId, service: 'shelter', on: '2023-05-15' });
const closed = v1('CaseClosed', { caseId, on: '2023-06-01', outcome: 'referred_on' });
const corrected = v1('CaseCorrected', {
  caseId,
  changes: [
    { field: 'openedOn', before: '2023-05-14', after: '2023-05-13' },
    { field: 'subject.ethnicity', before: 'Dao', after: 'Tày' },
    { field: 'subject.personal', before: '[sealed]', after: '[sealed]' },
    { field: 'violenceType', before: 'physical', after: 'psychological' },
  ],
  reason: 'recorded wrongly',
  personal: { subjectId: 's-1', sealed: 'bmV3' },
});
const voided = v1('CaseVoided', { caseId, reason: 'opened twice' });

const fold = (...events: CaseEvent[]) =>
  events.reduce(
    (state, event) =>
      caseFacts.evolve(
        state,
        event as unknown as { type: string; data: Readonly<Record<string, unknown>> },
      ),
    undefined as ReturnType<typeof caseFacts.evolve>,
  );
const factsOf = (...events: CaseEvent[]) => caseFacts.facts(fold(...events));

const openedFacts = (openedOn: string, violenceType: string) => [
  { indicator: 'cases.opened', unitCode: '05752', dateFrom: openedOn, value: 1 },
  {
    indicator: 'cases.opened',
    unitCode: '05752',
    dateFrom: openedOn,
    value: 1,
    dimension: 'violenceType',
    category: violenceType,
  },
];

describe('case facts', () => {
  it('counts a case opened on its opening date, by violence type', () => {
    expect(factsOf(opened, referred, served)).toEqual(openedFacts('2023-05-14', 'physical'));
  });

  it('counts a closed case on its closure date too, by outcome', () => {
    expect(factsOf(opened, closed)).toEqual([
      ...openedFacts('2023-05-14', 'physical'),
      { indicator: 'cases.closed', unitCode: '05752', dateFrom: '2023-06-01', value: 1 },
      {
        indicator: 'cases.closed',
        unitCode: '05752',
        dateFrom: '2023-06-01',
        value: 1,
        dimension: 'outcome',
        category: 'referred_on',
      },
    ]);
  });

  it('follows a correction of the opening date and the violence type', () => {
    expect(factsOf(opened, corrected)).toEqual(openedFacts('2023-05-13', 'psychological'));
  });

  it('counts nothing once voided', () => {
    expect(factsOf(opened, closed, voided)).toEqual([]);
  });

  it('keeps nothing about the person in the read model', () => {
    const kept = JSON.stringify(fold(opened, referred, corrected, closed));
    for (const secret of [
      'Dao',
      'Tày',
      'sealed',
      'c2VhbGVk',
      'bm90ZQ',
      'bmV3',
      's-1',
      'female',
      '30-59',
    ]) {
      expect(kept).not.toContain(secret);
    }
  });

  it('applied twice through the projection, changes nothing', () => {
    const db = new Database(':memory:');
    const writer = indicatorFactsProjection.open(db);
    const log: RecordedEvent[] = [opened, referred, closed].map((event, revision) => ({
      id: `e-${revision}`,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data as unknown as Readonly<Record<string, unknown>>,
      streamId: `case-${caseId}`,
      revision,
      position: revision + 1,
      metadata: {
        actor: {
          userId: 'u-1',
          username: 'lienminh.caseworker',
          role: 'case_worker',
          unitCode: '05752',
        },
        recordedAt: new Date(Date.UTC(2024, 0, 1, 0, 0, revision)).toISOString(),
        unitCode: '05752',
        correlationId: `c-${revision}`,
        causationId: `c-${revision}`,
      },
    }));
    for (const event of log) writer.apply(event);
    const once = db.prepare('SELECT * FROM indicator_facts ORDER BY id').all();
    for (const event of log) writer.apply(event);
    expect(db.prepare('SELECT * FROM indicator_facts ORDER BY id').all()).toEqual(once);
    const values = queryIndicators(db, { unit: '19' });
    expect(values.get('cases.opened')).toEqual({
      value: 1,
      breakdown: { violenceType: { physical: 1 } },
    });
    expect(values.get('cases.closed')).toEqual({
      value: 1,
      breakdown: { outcome: { referred_on: 1 } },
    });
    db.close();
  });
});
