import { applyFieldChanges, diffRecords, mergeChanges } from './record-changes';

describe('record changes', () => {
  const record = { topic: 'land', participants: { total: 92, women: 60 }, level: 'commune' };

  it('merges nested changes field by field', () => {
    expect(mergeChanges(record, { participants: { women: 61 } })).toEqual({
      topic: 'land',
      participants: { total: 92, women: 61 },
      level: 'commune',
    });
  });

  it('lists each changed leaf before and after', () => {
    const after = mergeChanges(record, { participants: { women: 61 }, topic: 'credit' });
    expect(diffRecords(record, after)).toEqual([
      { field: 'participants.women', before: 60, after: 61 },
      { field: 'topic', before: 'land', after: 'credit' },
    ]);
  });

  it('replays a diff onto the original to give the merged record', () => {
    const after = mergeChanges(record, { participants: { total: 100 }, notes: 'late list' });
    expect(applyFieldChanges(record, diffRecords(record, after))).toEqual(after);
  });
});
