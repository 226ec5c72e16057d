import { GEOGRAPHY } from './geography';

describe('geography over time', () => {
  it('places a record dated after the 2025 reorganisation in a unit that no longer exists by its last catalogue', () => {
    // A member enrolled in August 2025 in a club of Liên Minh, founded before the merger.
    expect(GEOGRAPHY.lineageAt('05752', '2025-08-01')).toEqual(['05752', '170', '19']);
    expect(GEOGRAPHY.currentPlacement('05752', '2025-08-01')).toEqual({ kind: 'unit', lineage: ['05746', '19'] });
  });

  it('moves old communes into today\'s by their full shares, and keeps split ones apart', () => {
    expect(GEOGRAPHY.currentPlacement('05911', '2023-06-01')).toEqual({ kind: 'unit', lineage: ['05917', '19'] });
    expect(GEOGRAPHY.currentPlacement('05461', '2023-06-01')).toEqual({
      kind: 'partial',
      candidates: ['05443', '05467'],
      lineage: ['19'],
    });
    expect(GEOGRAPHY.currentPlacement('170', '2023-06-01')).toEqual({ kind: 'unit', lineage: ['19'] });
    expect(GEOGRAPHY.currentPlacement('06', '2023-06-01')).toEqual({ kind: 'unit', lineage: ['19'] });
    expect(GEOGRAPHY.partialSourcesOf('05443')).toEqual([
      { code: '05461', name: 'Phường Gia Sàng', sharedWith: ['05443', '05467'] },
    ]);
  });
});
