import type { PersonalDetails } from '../personal-data/personal-vault';

/** A correction's `changes` split into the case's fields and the subject's identifying details. */
export function splitSubjectDetails(changes: Readonly<Record<string, unknown>>): {
  readonly recordChanges: Readonly<Record<string, unknown>>;
  readonly detailsChanges?: PersonalDetails;
} {
  const { subject, ...rest } = changes;
  if (typeof subject !== 'object' || subject === null || !('personal' in subject))
    return { recordChanges: changes };
  const { personal, ...subjectRest } = subject as Record<string, unknown>;
  return {
    recordChanges: {
      ...rest,
      ...(Object.keys(subjectRest).length > 0 ? { subject: subjectRest } : {}),
    },
    ...(personal !== undefined ? { detailsChanges: personal as PersonalDetails } : {}),
  };
}
