import type { CaseOutcome } from '../../events/case';
import { codesOf, type Vocabulary } from '../shared/vocabulary';

/** How a case ended when it was closed. */
export const CASE_OUTCOME_VOCABULARY: Vocabulary<CaseOutcome> = {
  resolved: { vi: 'Đã được giải quyết', en: 'Resolved' },
  referred_on: { vi: 'Đã chuyển tiếp nơi khác', en: 'Referred on' },
  withdrawn: { vi: 'Người được hỗ trợ rút yêu cầu', en: 'Withdrawn by the person' },
  other: { vi: 'Kết quả khác', en: 'Other outcome' },
};

export const CASE_OUTCOMES = codesOf(CASE_OUTCOME_VOCABULARY);
