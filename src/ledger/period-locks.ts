import type { DomainEvent, FieldChange } from '../../events/event';
import { isBusinessDate } from '../shared/business-date';
import { ReadModelMemo, type ReadModelsAdvance } from './read-model-memo';

/** A (unit, business date) a command touches: approved periods lock these. */
export interface TouchedPeriod {
  readonly unitCode: string;
  readonly date: string;
}

/** Where approved periods are looked up; answers a sentence naming the approval, or undefined. */
export interface PeriodLocks {
  lockFor(unitCode: string, date: string): string | undefined;
}

/**
 * The same locks, each (unit, date) asked of the read models once until an approval event
 * is applied: commands in a unit mostly touch the same few dates.
 */
export function rememberedLocks(
  locks: PeriodLocks,
  advance: ReadModelsAdvance,
  approvalEvents?: ReadonlySet<string>,
): PeriodLocks {
  const memo = new ReadModelMemo<string | undefined>(advance, undefined, approvalEvents);
  return { lockFor: (unitCode, date) => memo.get(`${unitCode} ${date}`, () => locks.lockFor(unitCode, date)) };
}

const isDateKey = (key: string): boolean => key === 'on' || key.endsWith('On');

/** The business dates an event's data carries, corrected ones included (before and after). */
export function datesIn(data: Readonly<Record<string, unknown>>): string[] {
  const dates: string[] = [];
  for (const key in data) {
    const value = data[key];
    if (isDateKey(key) && isBusinessDate(value)) dates.push(value);
  }
  const changes = Array.isArray(data.changes) ? (data.changes as FieldChange[]) : [];
  for (const change of changes) {
    if (isDateKey(change.field.split('.').pop() ?? '')) {
      for (const value of [change.before, change.after]) if (isBusinessDate(value)) dates.push(value);
    }
  }
  return dates;
}

/**
 * The business dates a command touches: those its new events carry and, when it corrects
 * or voids, those of the record it changes (the dates its history carries).
 */
export function touchedDates(historyDates: Iterable<string>, decided: readonly DomainEvent[]): string[] {
  const dates = new Set<string>();
  for (const event of decided) for (const date of datesIn(event.data as Readonly<Record<string, unknown>>)) dates.add(date);
  if (decided.some((e) => CHANGES_RECORD.test(e.type))) for (const date of historyDates) dates.add(date);
  return [...dates];
}

const CHANGES_RECORD = /(Corrected|Voided)$/;
