import type { TrainingTopic } from '../../events/training';
import type { Vocabulary } from '../shared/vocabulary';

/** Training topics as the service names them. */
export const TRAINING_TOPIC_LABELS: Vocabulary<TrainingTopic> = {
  gender_mainstreaming: { vi: 'Lồng ghép giới', en: 'Gender mainstreaming' },
  policy_dialogue: { vi: 'Kỹ năng tổ chức đối thoại chính sách', en: 'Running policy dialogues' },
  trusted_address: {
    vi: 'Địa chỉ tin cậy tại cộng đồng',
    en: 'Trusted addresses in the community',
  },
  leaders_of_change: { vi: 'Thủ lĩnh của sự thay đổi', en: 'Leaders of Change' },
  women_leadership: { vi: 'Phụ nữ tham gia lãnh đạo', en: "Women's leadership" },
  other: { vi: 'Chủ đề khác', en: 'Other topic' },
};
