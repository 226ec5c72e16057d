import { InvalidCommand } from '../shared/domain-errors';
import { parseIfMatch } from './command-envelope.decorator';

describe('If-Match', () => {
  it('is absent when the header is', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it.each([
    ['"3"', 3],
    ['"0"', 0],
    ['W/"3"', 3],
    ['12', 12],
    [' "7" ', 7],
    ['"999999999999999"', 999_999_999_999_999],
  ])('reads %s as revision %d', (header, revision) => {
    expect(parseIfMatch(header)).toBe(revision);
  });

  it.each([
    '',
    'abc',
    '"abc"',
    '"-1"',
    '-1',
    '"1.5"',
    '"3',
    '3"',
    '*',
    '"1", "2"',
    'W/3',
    '"1234567890123456"',
    '"３"',
  ])('refuses %j with a message that names the header (400)', (header) => {
    expect(() => parseIfMatch(header)).toThrow(InvalidCommand);
    expect(() => parseIfMatch(header)).toThrow(
      /If-Match must be the revision from the record's ETag, like "3"/,
    );
  });
});
