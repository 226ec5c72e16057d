import before from '../../reference/units-before-2025-07-01.json';
import from2025 from '../../reference/units-from-2025-07-01.json';
import type { AdministrativeUnit, GeographyVersion, UnitLevel } from './administrative-unit';

export type CurrentPlacement =
  | { readonly kind: 'unit'; readonly lineage: readonly string[] }
  | {
      readonly kind: 'partial';
      readonly candidates: readonly string[];
      readonly lineage: readonly string[];
    };

/** The unit of one version with its ancestors, nearest first. */
interface PlacedUnit {
  readonly unit: AdministrativeUnit;
  /** [self, parent, grandparent…] codes. */
  readonly lineage: readonly string[];
}

class CatalogueVersion {
  private readonly byCode = new Map<string, PlacedUnit>();
  readonly children = new Map<string, AdministrativeUnit[]>();
  /** For each unit of an older version, this version's units formed (in full or in part) from it, in catalogue order. */
  private readonly heirs = new Map<string, AdministrativeUnit[]>();

  constructor(readonly version: GeographyVersion) {
    const raw = new Map(version.units.map((u) => [u.code, u]));
    for (const unit of version.units) {
      for (const { code } of unit.formedFrom ?? []) {
        const heirs = this.heirs.get(code) ?? [];
        if (heirs[heirs.length - 1] !== unit) heirs.push(unit);
        this.heirs.set(code, heirs);
      }
      const lineage: string[] = [];
      for (
        let u: AdministrativeUnit | undefined = unit;
        u;
        u = u.parent ? raw.get(u.parent) : undefined
      ) {
        lineage.push(u.code);
      }
      this.byCode.set(unit.code, { unit, lineage });
      if (unit.parent) {
        const siblings = this.children.get(unit.parent) ?? [];
        siblings.push(unit);
        this.children.set(unit.parent, siblings);
      }
    }
  }

  covers(date: string): boolean {
    const { validFrom, validTo } = this.version;
    return (validFrom === null || date >= validFrom) && (validTo === null || date <= validTo);
  }

  get(code: string): PlacedUnit | undefined {
    return this.byCode.get(code);
  }

  heirsOf(oldCode: string): readonly AdministrativeUnit[] {
    return this.heirs.get(oldCode) ?? [];
  }

  /** The unit formed from all of `oldCode`, if one was. */
  fullHeirOf(oldCode: string): AdministrativeUnit | undefined {
    return this.heirsOf(oldCode).find((u) =>
      u.formedFrom?.some((f) => f.code === oldCode && f.share === 'full'),
    );
  }
}

/**
 * Viet Nam's administrative units as dated versions: a record keeps the unit it was made
 * in, read in the version in force on its business date.
 */
export class Geography {
  private readonly versions: readonly CatalogueVersion[];
  private readonly coveredCache = new Map<string, readonly string[]>();

  constructor(versions: readonly GeographyVersion[]) {
    this.versions = versions.map((v) => new CatalogueVersion(v));
  }

  private versionAt(date: string): CatalogueVersion {
    const found = this.versions.find((v) => v.covers(date));
    if (!found) throw new Error(`no administrative catalogue covers ${date}`);
    return found;
  }

  /** The newest version, in force today. */
  private get current(): CatalogueVersion {
    const last = this.versions[this.versions.length - 1];
    if (!last) throw new Error('no administrative catalogue loaded');
    return last;
  }

  unitAt(code: string, date: string): AdministrativeUnit | undefined {
    return this.versionAt(date).get(code)?.unit;
  }

  /** Any version's unit with this code, newest first: for names and levels in reports. */
  anyUnit(code: string): AdministrativeUnit | undefined {
    for (let i = this.versions.length - 1; i >= 0; i--) {
      const found = this.versions[i]?.get(code);
      if (found) return found.unit;
    }
    return undefined;
  }

  /**
   * [self, parent, …, province] in the version in force on `date`. A record of a unit that
   * has since been merged (a member enrolled in 2025 in a club of a commune that no longer
   * exists) is placed by the newest version that still has the unit.
   */
  lineageAt(code: string, date: string): readonly string[] {
    return this.versionHolding(code, date)?.get(code)?.lineage ?? [code];
  }

  private versionHolding(code: string, date: string): CatalogueVersion | undefined {
    const inForce = this.versionAt(date);
    if (inForce.get(code)) return inForce;
    return [...this.versions]
      .reverse()
      .find((v) => v.get(code) && (v.version.validFrom ?? '') <= date);
  }

  /**
   * Why `code` cannot be used for a record dated `date` at one of `levels`, or undefined
   * when it can. The message is for the recorder.
   */
  explainUnitProblem(
    field: string,
    code: string,
    date: string,
    levels: readonly UnitLevel[],
  ): string | undefined {
    const version = this.versionAt(date);
    const placed = version.get(code);
    if (!placed) {
      const elsewhere = this.anyUnit(code);
      if (elsewhere) {
        const successor = this.successorOf(code);
        const hint = successor
          ? `; from 2025-07-01 it is part of ${successor.code} ${successor.name}`
          : '';
        return `${field} ${code} (${elsewhere.name}) did not exist on ${date}${hint}`;
      }
      return `${field} ${code} is not a known administrative unit code`;
    }
    if (!levels.includes(placed.unit.level)) {
      return `${field} ${code} (${placed.unit.name}) is a ${placed.unit.level}; this record needs a ${levels.join(' or ')}`;
    }
    return undefined;
  }

  /** The unit of the current catalogue that an older unit was merged into, if any. */
  successorOf(oldCode: string): AdministrativeUnit | undefined {
    return this.current.heirsOf(oldCode)[0];
  }

  /**
   * Whether a user scoped to `scope` may act on a record in `code` dated `date`: the unit
   * is the scope or lies below it, in the version of the record's date or, for units since
   * merged in full, in today's catalogue.
   */
  covers(scope: string, code: string, date: string): boolean {
    if (this.lineageAt(code, date).includes(scope)) return true;
    const successor = this.fullSuccessor(code);
    return successor !== undefined && this.current.get(successor)?.lineage.includes(scope) === true;
  }

  /** Whether `scope` covers `code` in any version: for filters without a date. */
  coversAnywhere(scope: string, code: string): boolean {
    if (this.versions.some((v) => v.get(code)?.lineage.includes(scope))) return true;
    const successor = this.fullSuccessor(code);
    return successor !== undefined && this.current.get(successor)?.lineage.includes(scope) === true;
  }

  private fullSuccessor(oldCode: string): string | undefined {
    return this.current.fullHeirOf(oldCode)?.code;
  }

  /**
   * Where a record made in `code` on `date` stands in today's catalogue: a unit (with its
   * lineage), or, for an old commune split between several new ones, those candidates.
   */
  currentPlacement(code: string, date: string): CurrentPlacement {
    const current = this.current;
    const holding = this.versionHolding(code, date);
    if (holding === current) return { kind: 'unit', lineage: current.get(code)?.lineage ?? [code] };
    const old = holding?.get(code)?.unit;
    const heirs = current.heirsOf(code);
    const full = current.fullHeirOf(code);
    if (full) return { kind: 'unit', lineage: current.get(full.code)?.lineage ?? [full.code] };
    if (heirs.length > 0) {
      const parents = new Set(heirs.map((u) => u.parent));
      const [parent] = parents;
      return {
        kind: 'partial',
        candidates: heirs.map((u) => u.code),
        lineage: parents.size === 1 && parent ? (current.get(parent)?.lineage ?? []) : [],
      };
    }
    // Abolished levels (districts) and merged provinces move up to the province they are in now.
    const province = old
      ? this.lineageAt(code, date)[this.lineageAt(code, date).length - 1]
      : undefined;
    const successor = province ? current.heirsOf(province)[0] : undefined;
    return successor
      ? { kind: 'unit', lineage: current.get(successor.code)?.lineage ?? [successor.code] }
      : { kind: 'unit', lineage: [code] };
  }

  /** Old units that today's `code` took only part of: their figures cannot be moved into it. */
  partialSourcesOf(
    code: string,
  ): readonly { code: string; name: string; sharedWith: readonly string[] }[] {
    const unit = this.current.get(code)?.unit;
    return (unit?.formedFrom ?? [])
      .filter((f) => f.share === 'partial')
      .map((f) => ({
        code: f.code,
        name: f.name,
        sharedWith: this.current.heirsOf(f.code).map((u) => u.code),
      }));
  }

  /** Whether `code` is a unit of today's catalogue. */
  isCurrent(code: string): boolean {
    return this.current.get(code) !== undefined;
  }

  /** Children of a unit in today's catalogue. */
  currentChildren(code: string): readonly AdministrativeUnit[] {
    return this.current.children.get(code) ?? [];
  }

  /** Children of a unit in the version in force on `date`. */
  childrenAt(code: string, date: string): readonly AdministrativeUnit[] {
    return this.versionAt(date).children.get(code) ?? [];
  }

  /** Every unit code, of any version, that `scope` covers: for filters on stored records. */
  unitsCoveredBy(scope: string): readonly string[] {
    let codes = this.coveredCache.get(scope);
    if (!codes) {
      const all = new Set(this.versions.flatMap((v) => v.version.units.map((u) => u.code)));
      codes = [...all].filter((code) => this.coversAnywhere(scope, code));
      this.coveredCache.set(scope, codes);
    }
    return codes;
  }

  isKnown(code: string): boolean {
    return this.anyUnit(code) !== undefined;
  }
}

export const GEOGRAPHY = new Geography([before as GeographyVersion, from2025 as GeographyVersion]);
