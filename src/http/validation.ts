import { ValidationPipe, type ArgumentMetadata, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import { InvalidCommand } from '../shared/domain-errors';
import { ValidBodyShortcut } from './valid-body-shortcut';

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

/** A body that breaks no rule takes the shortcut; any other is told what is wrong by the full pipe. */
class StrictValidationPipe extends ValidationPipe {
  private readonly shortcut = new ValidBodyShortcut();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && this.toValidate(metadata)) {
      const accepted = this.shortcut.accept(metadata.metatype as new () => object, value);
      if (accepted) return accepted;
    }
    return super.transform(value, metadata);
  }
}

/**
 * Strict request bodies: no conversion ("12" is not a number), unknown fields refused,
 * every problem named.
 */
export const STRICT_VALIDATION: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validateCustomDecorators: false,
  exceptionFactory: (errors) => new InvalidCommand(describeValidationErrors(errors).join('; ')),
};

export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe(STRICT_VALIDATION);
}
