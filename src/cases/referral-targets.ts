import type { ReferralTarget } from '../../events/case';
import { codesOf, type Vocabulary } from '../shared/vocabulary';

/** Where a trusted address refers a case on to (chuyển tuyến). */
export const REFERRAL_TARGET_VOCABULARY: Vocabulary<ReferralTarget> = {
  police: { vi: 'Công an', en: 'Police' },
  health: { vi: 'Cơ sở y tế', en: 'Health facility' },
  legal_aid: { vi: 'Trung tâm trợ giúp pháp lý', en: 'Legal aid centre' },
  social_protection: { vi: 'Cơ sở bảo trợ xã hội', en: 'Social protection' },
  justice: { vi: 'Cơ quan tư pháp, tòa án', en: 'Justice (judicial agencies, courts)' },
  other: { vi: 'Nơi khác', en: 'Other' },
};

export const REFERRAL_TARGETS = codesOf(REFERRAL_TARGET_VOCABULARY);
