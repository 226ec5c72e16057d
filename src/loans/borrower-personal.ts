import type { Borrower } from '../../events/loan';
import type { PersonalDetails, PersonalVault } from '../personal-data/personal-vault';
import { mergeChanges } from '../records/record-changes';
import { InvalidCommand } from '../shared/domain-errors';

/** What a correction's `borrower.personal` does to the details as they stand. */
export type BorrowerDetailsChange =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'changed'; readonly details: PersonalDetails }
  | { readonly kind: 'blocked'; readonly why: string };

/**
 * The borrower's details with the correction merged in field by field. Opening them here
 * shows them to nobody, so it is not a read to record; they leave this function only to
 * be sealed again.
 */
export function borrowerDetailsChange(
  vault: PersonalVault,
  borrower: Borrower,
  changes: PersonalDetails,
): BorrowerDetailsChange {
  const opened = borrower.personal ? vault.open(borrower.personal) : undefined;
  if (opened && opened.status !== 'available') {
    return {
      kind: 'blocked',
      why: `the borrower's personal details are ${opened.status}; they cannot be corrected`,
    };
  }
  if (!opened && vault.isErased(borrower.subjectId)) {
    return {
      kind: 'blocked',
      why: "the borrower's personal details were erased; they cannot be recorded again",
    };
  }
  const current = opened?.details ?? {};
  const merged = mergeChanges(current, changes);
  if (typeof merged.fullName !== 'string') {
    throw new InvalidCommand(
      'changes.borrower.personal needs fullName: this borrower has no personal details yet',
    );
  }
  return JSON.stringify(merged) === JSON.stringify(current)
    ? { kind: 'unchanged' }
    : { kind: 'changed', details: merged };
}

/** A correction's `changes` split into the introduction's fields and the borrower's details. */
export function splitBorrowerDetails(changes: Readonly<Record<string, unknown>>): {
  readonly recordChanges: Readonly<Record<string, unknown>>;
  readonly detailsChanges?: PersonalDetails;
} {
  const { borrower, ...rest } = changes;
  if (typeof borrower !== 'object' || borrower === null || !('personal' in borrower))
    return { recordChanges: changes };
  const { personal, ...borrowerRest } = borrower as Record<string, unknown>;
  return {
    recordChanges: {
      ...rest,
      ...(Object.keys(borrowerRest).length > 0 ? { borrower: borrowerRest } : {}),
    },
    ...(personal !== undefined ? { detailsChanges: personal as PersonalDetails } : {}),
  };
}
