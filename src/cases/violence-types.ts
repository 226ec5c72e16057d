import type { ViolenceType } from '../../events/case';
import { codesOf, type Vocabulary } from '../shared/vocabulary';

/** Forms of violence or abuse a case is opened for (hình thức bạo lực). */
export const VIOLENCE_TYPE_VOCABULARY: Vocabulary<ViolenceType> = {
  physical: { vi: 'Bạo lực thể chất', en: 'Physical violence' },
  sexual: { vi: 'Bạo lực tình dục', en: 'Sexual violence or abuse' },
  psychological: { vi: 'Bạo lực tinh thần', en: 'Psychological violence' },
  economic: { vi: 'Bạo lực kinh tế', en: 'Economic violence' },
  neglect: { vi: 'Bỏ mặc, sao nhãng', en: 'Neglect' },
  other: { vi: 'Hình thức khác', en: 'Other form' },
};

export const VIOLENCE_TYPES = codesOf(VIOLENCE_TYPE_VOCABULARY);
