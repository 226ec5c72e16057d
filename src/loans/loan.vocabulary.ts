import { codesOf, type Vocabulary } from '../shared/vocabulary';

/**
 * The coded lists of a loan introduced under the Women's Union's credit guarantee
 * (vay vốn tín chấp qua Hội LHPN). Records hold the codes; the labels are the service's.
 */
export type Lender = 'vbsp' | 'agribank' | 'other';

export const LENDER_VOCABULARY: Vocabulary<Lender> = {
  vbsp: { vi: 'Ngân hàng Chính sách xã hội', en: 'Vietnam Bank for Social Policies (VBSP)' },
  agribank: {
    vi: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn (Agribank)',
    en: 'Vietnam Bank for Agriculture and Rural Development (Agribank)',
  },
  other: { vi: 'Tổ chức tín dụng khác', en: 'Other lender' },
};

export type LoanPurpose = 'livestock' | 'crops' | 'handicraft' | 'trade' | 'services' | 'other';

export const LOAN_PURPOSE_VOCABULARY: Vocabulary<LoanPurpose> = {
  livestock: { vi: 'Chăn nuôi', en: 'Livestock' },
  crops: { vi: 'Trồng trọt', en: 'Crops' },
  handicraft: { vi: 'Tiểu thủ công nghiệp, nghề thủ công', en: 'Handicrafts' },
  trade: { vi: 'Buôn bán, kinh doanh', en: 'Trade' },
  services: { vi: 'Dịch vụ', en: 'Services' },
  other: { vi: 'Mục đích khác', en: 'Other purpose' },
};

export type BorrowerSex = 'female' | 'male';

export const BORROWER_SEX_VOCABULARY: Vocabulary<BorrowerSex> = {
  female: { vi: 'Nữ', en: 'Female' },
  male: { vi: 'Nam', en: 'Male' },
};

export const LENDERS = codesOf(LENDER_VOCABULARY);
export const LOAN_PURPOSES = codesOf(LOAN_PURPOSE_VOCABULARY);
export const BORROWER_SEXES = codesOf(BORROWER_SEX_VOCABULARY);
