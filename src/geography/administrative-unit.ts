export type UnitLevel = 'province' | 'district' | 'commune';

export interface FormedFrom {
  readonly code: string;
  readonly name: string;
  readonly share: 'full' | 'partial';
}

/** One administrative unit of one dated version of the GSO catalogue. */
export interface AdministrativeUnit {
  readonly code: string;
  readonly name: string;
  readonly type: string;
  readonly level: UnitLevel;
  readonly parent: string | null;
  readonly formedFrom?: readonly FormedFrom[];
}

/** A version of the catalogue and the business dates it is in force for. */
export interface GeographyVersion {
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly units: readonly AdministrativeUnit[];
}
