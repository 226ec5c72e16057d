import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { isBusinessDate } from '../shared/business-date';

/** A real calendar date written YYYY-MM-DD; times and impossible dates are refused. */
export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBusinessDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must be a date written YYYY-MM-DD that exists on the calendar', ...options },
      validator: { validate: (value: unknown) => isBusinessDate(value) },
    });
}

/** A unit code: digits only, as the GSO writes them (2, 3 or 5 digits). */
export const UNIT_CODE_PATTERN = /^\d{2}(\d|\d{3})?$/;

/**
 * The field may be left out; when it is sent it must be valid. Unlike IsOptional, null is
 * not "left out": a null would otherwise slip past every rule into the record (and a
 * correction's `{ "women": null }` into the indicator totals).
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}
