import type { PersonalDetails, PersonalVault } from '../personal-data/personal-vault';

/**
 * The same child is the same full name and birth year: kept only as a keyed hash, so the
 * club's stream can refuse a second enrolment without holding the name.
 */
export function childMatchKey(
  vault: PersonalVault,
  details: PersonalDetails,
  birthYear: number,
): string | undefined {
  const { fullName } = details;
  return typeof fullName === 'string' ? vault.matchKey(fullName, String(birthYear)) : undefined;
}
