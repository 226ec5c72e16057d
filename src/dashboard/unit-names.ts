import before from '../../reference/units-before-2025-07-01.json';
import from2025 from '../../reference/units-from-2025-07-01.json';
import { GEOGRAPHY } from '../geography/geography';

/**
 * Every catalogued unit's name by code (the newest name when a code was reused), so the
 * breadcrumb of a bookmarked or reloaded page names the units above the one shown. The
 * GSO catalogue is public reference data.
 */
export const UNIT_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  [...before.units, ...from2025.units].map(({ code }) => [
    code,
    GEOGRAPHY.anyUnit(code)?.name ?? code,
  ]),
);
