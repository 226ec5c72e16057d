import type { AgeBand } from '../../events/case';
import { codesOf, type Vocabulary } from '../shared/vocabulary';

/**
 * The age of the person a case is about, as a band rather than a birth date: enough to
 * tell children from adults in counts, too coarse to point at one person.
 */
export const AGE_BAND_VOCABULARY: Vocabulary<AgeBand> = {
  '0-5': { vi: 'Từ 0 đến 5 tuổi', en: 'Aged 0 to 5' },
  '6-11': { vi: 'Từ 6 đến 11 tuổi', en: 'Aged 6 to 11' },
  '12-15': { vi: 'Từ 12 đến 15 tuổi', en: 'Aged 12 to 15' },
  '16-17': { vi: 'Từ 16 đến 17 tuổi', en: 'Aged 16 to 17' },
  '18-29': { vi: 'Từ 18 đến 29 tuổi', en: 'Aged 18 to 29' },
  '30-59': { vi: 'Từ 30 đến 59 tuổi', en: 'Aged 30 to 59' },
  '60+': { vi: 'Từ 60 tuổi trở lên', en: 'Aged 60 and over' },
};

export const AGE_BANDS = codesOf(AGE_BAND_VOCABULARY);
