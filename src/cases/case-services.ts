import type { CaseService } from '../../events/case';
import { codesOf, type Vocabulary } from '../shared/vocabulary';

/** Support a trusted address gives the person a case is about. */
export const CASE_SERVICE_VOCABULARY: Vocabulary<CaseService> = {
  counselling: { vi: 'Tư vấn', en: 'Counselling' },
  shelter: { vi: 'Tạm lánh', en: 'Temporary shelter' },
  medical: { vi: 'Hỗ trợ y tế', en: 'Medical care' },
  legal: { vi: 'Hỗ trợ pháp lý', en: 'Legal support' },
  financial: { vi: 'Hỗ trợ tài chính', en: 'Financial support' },
  other: { vi: 'Hỗ trợ khác', en: 'Other support' },
};

export const CASE_SERVICES = codesOf(CASE_SERVICE_VOCABULARY);
