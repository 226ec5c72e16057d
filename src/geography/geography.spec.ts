import { GEOGRAPHY } from './geography';

const BEFORE = '2023-10-12';
const AFTER = '2025-08-01';

describe('geography', () => {
  describe('lineage', () => {
    it('places a commune under its district and province in the catalogue of the date', () => {
      expect(GEOGRAPHY.lineageAt('05752', BEFORE)).toEqual(['05752', '170', '19']);
      expect(GEOGRAPHY.lineageAt('05911', BEFORE)).toEqual(['05911', '173', '19']);
      expect(GEOGRAPHY.lineageAt('01834', BEFORE)).toEqual(['01834', '058', '06']);
    });

    it('has no districts from 2025-07-01: a commune sits right under the province', () => {
      expect(GEOGRAPHY.lineageAt('05746', AFTER)).toEqual(['05746', '19']);
      expect(GEOGRAPHY.lineageAt('05746', '2025-06-30')).toEqual(['05746', '170', '19']);
    });

    it('answers the code alone for a unit no catalogue holds', () => {
      expect(GEOGRAPHY.lineageAt('99999', BEFORE)).toEqual(['99999']);
    });

    it('lists the children of a unit on a date', () => {
      const before = GEOGRAPHY.childrenAt('170', BEFORE).map((u) => u.code);
      expect(before).toContain('05752');
      expect(before).not.toContain('05911');
      expect(GEOGRAPHY.childrenAt('19', BEFORE).map((u) => u.code)).toEqual(
        expect.arrayContaining(['164', '170', '173']),
      );
      const after = GEOGRAPHY.childrenAt('19', AFTER).map((u) => u.code);
      expect(after).toContain('05746');
      expect(after).not.toContain('170');
    });
  });

  describe('covers', () => {
    it("covers a unit itself and everything below it on the record's date", () => {
      expect(GEOGRAPHY.covers('05752', '05752', BEFORE)).toBe(true);
      expect(GEOGRAPHY.covers('170', '05752', BEFORE)).toBe(true);
      expect(GEOGRAPHY.covers('19', '05911', BEFORE)).toBe(true);
      expect(GEOGRAPHY.covers('19', '05746', AFTER)).toBe(true);
    });

    it('does not cover siblings, parents, or another province before the merger', () => {
      expect(GEOGRAPHY.covers('173', '05752', BEFORE)).toBe(false);
      expect(GEOGRAPHY.covers('05752', '05746', BEFORE)).toBe(false);
      expect(GEOGRAPHY.covers('05752', '170', BEFORE)).toBe(false);
      expect(GEOGRAPHY.covers('170', '01834', BEFORE)).toBe(false);
    });

    it("lets a scope of today's catalogue reach the old units merged into it in full", () => {
      // Liên Minh (05752) became part of Tràng Xá (05746) on 2025-07-01.
      expect(GEOGRAPHY.covers('05746', '05752', BEFORE)).toBe(true);
      expect(GEOGRAPHY.covers('05917', '05911', BEFORE)).toBe(true);
      expect(GEOGRAPHY.covers('05917', '05752', BEFORE)).toBe(false);
    });

    it('covers in any catalogue for filters without a date', () => {
      expect(GEOGRAPHY.coversAnywhere('170', '05746')).toBe(true);
      expect(GEOGRAPHY.coversAnywhere('170', '05911')).toBe(false);
      const covered = GEOGRAPHY.unitsCoveredBy('170');
      expect(covered).toEqual(expect.arrayContaining(['170', '05716', '05752']));
      expect(covered).not.toContain('05911');
      expect(covered).not.toContain('19');
    });
  });

  describe('explainUnitProblem', () => {
    it('accepts a unit of the right level that exists on the date', () => {
      expect(
        GEOGRAPHY.explainUnitProblem('unitCode', '05752', BEFORE, ['commune']),
      ).toBeUndefined();
      expect(
        GEOGRAPHY.explainUnitProblem('unitCode', '170', BEFORE, [
          'commune',
          'district',
          'province',
        ]),
      ).toBeUndefined();
      expect(GEOGRAPHY.explainUnitProblem('unitCode', '05746', AFTER, ['commune'])).toBeUndefined();
    });

    it('names the field, the code and why, in words a recorder understands', () => {
      expect(GEOGRAPHY.explainUnitProblem('unitCode', '99999', BEFORE, ['commune'])).toBe(
        'unitCode 99999 is not a known administrative unit code',
      );
      expect(GEOGRAPHY.explainUnitProblem('unitCode', '170', BEFORE, ['commune'])).toBe(
        'unitCode 170 (Huyện Võ Nhai) is a district; this record needs a commune',
      );
      expect(
        GEOGRAPHY.explainUnitProblem('changes.unitCode', '19', BEFORE, ['commune', 'district']),
      ).toBe(
        'changes.unitCode 19 (Tỉnh Thái Nguyên) is a province; this record needs a commune or district',
      );
      expect(GEOGRAPHY.explainUnitProblem('unitCode', '05752', AFTER, ['commune'])).toBe(
        `unitCode 05752 (Xã Liên Minh) did not exist on ${AFTER}; from 2025-07-01 it is part of 05746 Xã Tràng Xá`,
      );
      expect(GEOGRAPHY.explainUnitProblem('unitCode', '170', AFTER, ['district'])).toBe(
        `unitCode 170 (Huyện Võ Nhai) did not exist on ${AFTER}`,
      );
    });
  });

  describe('successorOf', () => {
    it("answers the unit of today's catalogue an old unit was merged into", () => {
      expect(GEOGRAPHY.successorOf('05752')).toMatchObject({
        code: '05746',
        name: 'Xã Tràng Xá',
        level: 'commune',
      });
      expect(GEOGRAPHY.successorOf('05911')).toMatchObject({ code: '05917', name: 'Xã Tân Khánh' });
      expect(GEOGRAPHY.successorOf('05926')?.code).toBe('05917');
      expect(GEOGRAPHY.successorOf('06')?.code).toBe('19');
    });

    it('answers nothing for an unknown code', () => {
      expect(GEOGRAPHY.successorOf('99999')).toBeUndefined();
    });
  });

  it('knows the units of every catalogue version, and no others', () => {
    expect(GEOGRAPHY.isKnown('05752')).toBe(true);
    expect(GEOGRAPHY.isKnown('170')).toBe(true);
    expect(GEOGRAPHY.isKnown('05746')).toBe(true);
    expect(GEOGRAPHY.isKnown('99999')).toBe(false);
    expect(GEOGRAPHY.anyUnit('05746')?.parent).toBe('19');
  });
});
