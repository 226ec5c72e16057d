import type {
  PersonalDetails,
  PersonalVault,
  SealedPersonal,
} from '../personal-data/personal-vault';
import { InvalidCommand } from '../shared/domain-errors';
import { mergeChanges } from './record-changes';

/** What a correction's `personal` changes do to a person's details as they stand. */
export type PersonalDetailsChange =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'changed'; readonly details: PersonalDetails }
  | { readonly kind: 'blocked'; readonly why: string };

/**
 * A person's details with a correction merged in field by field. Opening them here shows
 * them to nobody, so it is not a read to record; they leave this function only to be
 * sealed again under the same subject. `field` names the changes in messages.
 */
export function personalDetailsChange(
  vault: PersonalVault,
  person: { readonly subjectId: string; readonly personal?: SealedPersonal },
  changes: PersonalDetails,
  field: string,
): PersonalDetailsChange {
  const opened = person.personal ? vault.open(person.personal) : undefined;
  if (opened && opened.status !== 'available') {
    return {
      kind: 'blocked',
      why: `the personal details of subject ${person.subjectId} are ${opened.status}; they cannot be corrected`,
    };
  }
  if (!opened && vault.isErased(person.subjectId)) {
    return {
      kind: 'blocked',
      why: `the personal details of subject ${person.subjectId} were erased; they cannot be recorded again`,
    };
  }
  const current = opened?.details ?? {};
  const merged = mergeChanges(current, changes);
  if (typeof merged.fullName !== 'string') {
    throw new InvalidCommand(`${field} needs fullName: no personal details were recorded yet`);
  }
  return JSON.stringify(merged) === JSON.stringify(current)
    ? { kind: 'unchanged' }
    : { kind: 'changed', details: merged };
}
