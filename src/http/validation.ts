import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidCommand } from '../shared/domain-errors';

/** Each failed rule as "field: why", with nested fields as dotted paths. */
export function describeValidationErrors(errors: readonly ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, text]) =>
      rule === 'whitelistValidation'
        ? `${field} is not a known field here; remove it`
        : text.startsWith(`${error.property} `)
          ? `${field}${text.slice(error.property.length)}`
          : `${field}: ${text}`,
    );
    return [...own, ...describeValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Strict request bodies: no conversion ("12" is not a number), unknown fields refused,
 * every problem named.
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validateCustomDecorators: false,
    exceptionFactory: (errors) => new InvalidCommand(describeValidationErrors(errors).join('; ')),
  });
}
