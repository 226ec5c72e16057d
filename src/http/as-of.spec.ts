import { InvalidCommand } from '../shared/domain-errors';
import { isIsoTime, parseAsOf } from './as-of';

describe('asOf', () => {
  it('is absent when not given', () => {
    expect(parseAsOf(undefined)).toBeUndefined();
  });

  it.each([
    ['position:1', { position: 1 }],
    ['position:0', { position: 0 }],
    ['position:123456', { position: 123_456 }],
  ])('reads %s as a log position, inclusive', (value, asOf) => {
    expect(parseAsOf(value)).toEqual(asOf);
  });

  it.each([
    ['2024-01-15T09:00:00+07:00', '2024-01-15T02:00:00.000Z'],
    ['2024-01-15T02:00:00Z', '2024-01-15T02:00:00.000Z'],
    ['2024-01-15T02:00Z', '2024-01-15T02:00:00.000Z'],
    ['2024-01-15T02:00:00.123456Z', '2024-01-15T02:00:00.123Z'],
    ['2024-02-29T23:00:00-05:00', '2024-03-01T04:00:00.000Z'],
  ])('reads the time %s with its zone', (value, time) => {
    expect(parseAsOf(value)).toEqual({ time });
  });

  it('reads a date as the end of that day in Viet Nam', () => {
    expect(parseAsOf('2024-01-15')).toEqual({ time: '2024-01-15T16:59:59.999Z' });
  });

  it.each([
    'position:',
    'position:-1',
    'position:1.5',
    'position:abc',
    'Position:1',
    'yesterday',
    '1705280400',
    '2024-01-15T09:00:00',
    '2024-01-15 09:00:00Z',
    '2023-02-30',
    '2023-02-30T10:00:00Z',
    '2023-13-01T10:00:00Z',
    '2024-01-15T25:00:00Z',
    '2024-01-15T09:60:00Z',
    '15/01/2024',
  ])('refuses %j with a message that names asOf (400)', (value) => {
    expect(() => parseAsOf(value)).toThrow(InvalidCommand);
    expect(() => parseAsOf(value)).toThrow(/^asOf must be position:N or an ISO time/);
  });

  it('knows an ISO time from a date that does not exist', () => {
    expect(isIsoTime('2024-02-29T00:00:00Z')).toBe(true);
    expect(isIsoTime('2023-02-29T00:00:00Z')).toBe(false);
    expect(isIsoTime('2024-02-29')).toBe(false);
  });
});
