import type { DomainEvent, FieldChange } from '../../events/event';
import { isBusinessDate } from '../shared/business-date';
import type { RecordedEvent } from './event-store.port';
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
 * The same locks, each (unit, date) asked of the read models once per advance: commands
 * in a unit mostly touch the same few dates, and an approval changes the read models.
 */
export function rememberedLocks(locks: PeriodLocks, advance: ReadModelsAdvance): PeriodLocks {
  const memo = new ReadModelMemo<string | undefined>(advance);
  return { lockFor: (unitCode, date) => memo.get(`${unitCode} ${date}`, () => locks.lockFor(unitCode, date)) };
}

const isDateKey = (key: string): boolean => key === 'on' || key.endsWith('On');

function datesIn(data: Readonly<Record<string, unknown>>): string[] {
  const dates = Object.entries(data)
    .filter(([key, value]) => isDateKey(key) && isBusinessDate(value))
    .map(([, value]) => value as string);
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
 * or voids, those of the record it changes.
 */
export function touchedDates(history: readonly RecordedEvent[], decided: readonly DomainEvent[]): string[] {
  const dates = decided.flatMap((e) => datesIn(e.data as Readonly<Record<string, unknown>>));
  if (decided.some((e) => /(Corrected|Voided)$/.test(e.type))) {
    dates.push(...history.flatMap((e) => datesIn(e.data)));
  }
  return [...new Set(dates)];
}
