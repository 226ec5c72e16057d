import type { Fact } from './fact';
import { closedMove, openedMove } from './fact-moves';
import { factRow } from './fact-row';

const dialogue: Fact = { indicator: 'dialogues.held', unitCode: '05752', dateFrom: '2023-10-12', value: 1 };
const club: Fact = { indicator: 'clubs.active', unitCode: '05752', dateFrom: '2023-01-05', value: 1 };

describe('fact moves', () => {
  it('count a fact where it was recorded, in its district and its province then', () => {
    const counted = { id: 7, indicator: 'dialogues.held', dimension: null, category: null, value: 1 };
    const units = ['05752', '170', '19'];
    expect(openedMove(7, factRow(dialogue, 'dialogue-1', 3))).toEqual({ opened: true, ...counted, units });
    expect(closedMove(7, dialogue)).toEqual({ opened: false, ...counted, units });
  });

  it('keep breakdown cells apart', () => {
    const women = { ...dialogue, indicator: 'dialogues.participants', value: 60, dimension: 'sex', category: 'female' };
    expect(openedMove(8, factRow(women, 'dialogue-1', 3))).toMatchObject({ dimension: 'sex', category: 'female', value: 60 });
    expect(closedMove(8, women)).toMatchObject({ dimension: 'sex', category: 'female', value: 60 });
  });

  it('leave out a stock that has ended, as the sums over the whole of time do', () => {
    const ended = { ...club, dateTo: '2023-12-31' };
    expect(openedMove(9, factRow(ended, 'club-1', 4))).toBeUndefined();
    expect(closedMove(9, ended)).toBeUndefined();
    expect(openedMove(10, factRow(club, 'club-1', 4))).toMatchObject({ opened: true, units: ['05752', '170', '19'] });
    expect(closedMove(10, club)).toMatchObject({ opened: false });
  });
});
