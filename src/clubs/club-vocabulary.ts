import type { MemberSex } from '../../events/club';
import { codesOf, type Vocabulary } from '../shared/vocabulary';

/** `sex` of a club member, as the indicator breakdown shows it. */
export const MEMBER_SEX: Vocabulary<MemberSex> = {
  female: { vi: 'Nữ (em gái)', en: 'Female (girl)' },
  male: { vi: 'Nam (em trai)', en: 'Male (boy)' },
};

export const MEMBER_SEX_CODES: readonly MemberSex[] = codesOf(MEMBER_SEX);
