import type { SubjectSex } from '../../events/case';
import { codesOf, type Vocabulary } from '../shared/vocabulary';

/** Sex of the person a case is about. */
export const SUBJECT_SEX_VOCABULARY: Vocabulary<SubjectSex> = {
  female: { vi: 'Nữ', en: 'Female' },
  male: { vi: 'Nam', en: 'Male' },
};

export const SUBJECT_SEXES = codesOf(SUBJECT_SEX_VOCABULARY);
