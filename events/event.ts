/** A domain event as deciders produce it: a past-tense type name and readonly data. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
}

/** One field of a record before and after a correction; `field` is a dotted path. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}
