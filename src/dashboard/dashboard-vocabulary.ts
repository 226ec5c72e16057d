import { AGE_BAND_VOCABULARY } from '../cases/age-bands';
import { CASE_OUTCOME_VOCABULARY } from '../cases/case-outcomes';
import { VIOLENCE_TYPE_VOCABULARY } from '../cases/violence-types';
import { COMMUNICATION_FORM_LABELS } from '../communications/communication-forms';
import { LENDER_VOCABULARY } from '../loans/loan.vocabulary';
import type { Label } from '../shared/vocabulary';
import { TRAINING_TOPIC_LABELS } from '../trainings/training-topics';

/** A breakdown dimension as the dashboard names it and its categories. */
export interface BreakdownVocabulary {
  readonly label: Label;
  readonly categories: Readonly<Record<string, Label>>;
}

/** In a compact cell a bank's full name is too long: its usual short name, the full one on hover. */
const LENDERS_SHORT: Readonly<Record<string, Label & { readonly full: Label }>> =
  Object.fromEntries(
    Object.entries(LENDER_VOCABULARY).map(([code, full]) => {
      const short = {
        vbsp: { vi: 'NHCSXH', en: 'VBSP' },
        agribank: { vi: 'Agribank', en: 'Agribank' },
      }[code];
      return [code, { ...(short ?? full), full }];
    }),
  );

/**
 * The labels of the indicator breakdowns, in Vietnamese and English. The coded lists are
 * the service's own; only the dimension names and the two dialogue levels are named here.
 */
export const BREAKDOWN_VOCABULARY: Readonly<Record<string, BreakdownVocabulary>> = {
  sex: {
    label: { vi: 'Giới tính', en: 'Sex' },
    categories: { female: { vi: 'Nữ', en: 'Female' }, male: { vi: 'Nam', en: 'Male' } },
  },
  level: {
    label: { vi: 'Cấp tổ chức', en: 'Level' },
    categories: {
      commune: { vi: 'Cấp xã', en: 'Commune' },
      village_cluster: { vi: 'Cụm thôn', en: 'Village cluster' },
    },
  },
  lender: { label: { vi: 'Ngân hàng', en: 'Lender' }, categories: LENDERS_SHORT },
  violenceType: {
    label: { vi: 'Hình thức bạo lực', en: 'Form of violence' },
    categories: VIOLENCE_TYPE_VOCABULARY,
  },
  ageBand: { label: { vi: 'Nhóm tuổi', en: 'Age band' }, categories: AGE_BAND_VOCABULARY },
  ethnicity: { label: { vi: 'Dân tộc', en: 'Ethnicity' }, categories: {} },
  outcome: { label: { vi: 'Kết quả', en: 'Outcome' }, categories: CASE_OUTCOME_VOCABULARY },
  topic: { label: { vi: 'Chủ đề', en: 'Topic' }, categories: TRAINING_TOPIC_LABELS },
  form: { label: { vi: 'Hình thức', en: 'Form' }, categories: COMMUNICATION_FORM_LABELS },
};
