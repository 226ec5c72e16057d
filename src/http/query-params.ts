import { InvalidCommand } from '../shared/domain-errors';
import { isBusinessDate } from '../shared/business-date';

type Query = Record<string, unknown>;

/** Reads query parameters strictly, naming the parameter in every refusal. */
export class QueryParams {
  constructor(
    private readonly query: Query,
    allowed: readonly string[],
  ) {
    const unknown = Object.keys(query).filter((name) => !allowed.includes(name));
    if (unknown.length > 0) {
      throw new InvalidCommand(`unknown query parameter ${unknown.join(', ')}; use ${allowed.join(', ')}`);
    }
  }

  string(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new InvalidCommand(`${name} must be given once`);
    return value;
  }

  date(name: string): string | undefined {
    const value = this.string(name);
    if (value !== undefined && !isBusinessDate(value)) {
      throw new InvalidCommand(`${name} must be a date written YYYY-MM-DD that exists on the calendar`);
    }
    return value;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) {
      throw new InvalidCommand(`${name} must be a whole number from ${min} to ${max}`);
    }
    return number;
  }

  oneOf<T extends string>(name: string, options: readonly T[]): T | undefined {
    const value = this.string(name);
    if (value !== undefined && !options.includes(value as T)) {
      throw new InvalidCommand(`${name} must be one of ${options.join(', ')}`);
    }
    return value as T | undefined;
  }
}
