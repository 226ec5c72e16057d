import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { registerDecorator } from 'class-validator';

const MAX_FIELDS = 20;
const MAX_LENGTH = 500;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Why `value` is not a valid `personal` object, or undefined. Messages name fields, never
 * values: a refusal may be logged, and the values identify a person.
 */
function personalProblem(value: unknown, partial: boolean): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return '$property must be an object of text fields, such as { "fullName": "…", "phone": "…" }';
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_FIELDS) return `$property may hold at most ${MAX_FIELDS} fields`;
  for (const [name, field] of entries) {
    if (!FIELD_NAME.test(name))
      return '$property has a field name that is not a plain word (letters, digits, _)';
    if (typeof field !== 'string') return `$property field ${name} must be text`;
    if (field.length > MAX_LENGTH)
      return `$property field ${name} is longer than ${MAX_LENGTH} characters`;
  }
  const fullName = (value as Record<string, unknown>).fullName;
  if (fullName === undefined && !partial) return "$property needs fullName, the person's full name";
  if (typeof fullName === 'string' && fullName.trim() === '')
    return '$property field fullName must not be empty';
  return undefined;
}

/**
 * `personal`: identifying details (fullName, phone, address, guardianName…) as text
 * fields. With `partial`, a correction's changes, where fullName may be left out.
 */
export function IsPersonalDetails(options: { readonly partial?: boolean } = {}): PropertyDecorator {
  const partial = options.partial ?? false;
  return applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: { type: 'string', maxLength: MAX_LENGTH },
      example: { fullName: 'Ma Thị Hoa', guardianName: 'Ma Văn Sơn', phone: '0912345678' },
      description:
        'Identifying details as text fields' +
        (partial ? '' : ', fullName required') +
        '. Sealed with a key kept for this person alone; never stored or logged in clear.',
    }),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isPersonalDetails',
        target: target.constructor,
        propertyName: String(propertyName),
        validator: {
          validate: (value: unknown) => personalProblem(value, partial) === undefined,
          defaultMessage: (args) =>
            personalProblem(args?.value, partial) ?? '$property is not valid',
        },
      }),
  );
}
