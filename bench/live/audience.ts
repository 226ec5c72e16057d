import { GEOGRAPHY } from '../../src/geography/geography';

/** The business date of every dialogue the bench records. */
export const HELD_ON = '2023-10-12';

/**
 * Who watches, out of every 100 subscribers: officers of Thái Nguyên province, of four of
 * its districts and of five communes. Commands go to four communes in three districts, so
 * each command reaches the province, one district and one commune; district Sông Công
 * (165) and its commune 05506 receive no command and must see no event.
 */
const WATCHERS: readonly (readonly [unit: string, per100: number])[] = [
  ['19', 20],
  ['170', 10],
  ['164', 10],
  ['173', 5],
  ['165', 5],
  ['05752', 10],
  ['05716', 10],
  ['05431', 10],
  ['05908', 10],
  ['05506', 10],
];

/** Communes the dialogues are recorded in, in turn: two in Võ Nhai, one in TP Thái Nguyên, one in Phú Bình. */
export const COMMAND_UNITS: readonly string[] = ['05752', '05716', '05431', '05908'];

/** The unit of each of `count` subscribers, in the proportions above. */
export function watchedUnits(count: number): string[] {
  const cycle = WATCHERS.flatMap(([unit, per100]) => Array<string>(per100).fill(unit));
  return Array.from({ length: count }, (_, index) => cycle[index % cycle.length]!);
}

/** Whether a dialogue recorded in `commune` changes the rows of `unit`. */
export function scopeOf(unit: string): (commune: string) => boolean {
  const covered = new Set(COMMAND_UNITS.filter((commune) => GEOGRAPHY.covers(unit, commune, HELD_ON)));
  return (commune) => covered.has(commune);
}
