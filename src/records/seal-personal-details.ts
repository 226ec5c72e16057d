import type {
  PersonalDetails,
  PersonalVault,
  SealedPersonal,
} from '../personal-data/personal-vault';
import { SubjectErased } from '../personal-data/subject-key-store';
import { RuleViolation } from '../shared/domain-errors';

/**
 * A person's details sealed under their own key. Someone whose details were erased is not
 * given details again (409): erasure is for good.
 */
export function sealPersonalDetails(
  vault: PersonalVault,
  subjectId: string,
  details: PersonalDetails,
  now: Date,
): SealedPersonal {
  try {
    return vault.seal(subjectId, details, now);
  } catch (error) {
    if (error instanceof SubjectErased) {
      throw new RuleViolation(
        `the personal details of subject ${subjectId} were erased; they cannot be recorded again`,
      );
    }
    throw error;
  }
}
