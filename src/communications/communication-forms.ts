import type { CommunicationForm } from '../../events/communication';
import type { Vocabulary } from '../shared/vocabulary';

/** Forms of communication event as the service names them. */
export const COMMUNICATION_FORM_LABELS: Vocabulary<CommunicationForm> = {
  meeting: { vi: 'Họp, sinh hoạt cộng đồng', en: 'Community meeting' },
  contest: { vi: 'Hội thi', en: 'Contest' },
  performance: { vi: 'Biểu diễn, sân khấu hóa', en: 'Performance' },
  media: { vi: 'Truyền thông đại chúng', en: 'Mass media' },
  home_visit: { vi: 'Truyền thông tại hộ gia đình', en: 'Home visit' },
  other: { vi: 'Hình thức khác', en: 'Other form' },
};
