import { createHmac } from 'node:crypto';
import { AccessTokens } from './access-token';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const now = new Date('2024-03-01T08:00:00Z');
const tokens = new AccessTokens(SECRET, 3600);
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const HEADER = b64({ alg: 'HS256', typ: 'JWT' });
/** A token the ledger itself could have signed, whatever its payload. */
const signed = (payload: string, header = HEADER) =>
  `${header}.${payload}.${createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url')}`;
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);

describe('access tokens', () => {
  const token = tokens.issue('user-1', 'lienminh.officer', now);

  it('answers the claims of a token it issued, until it expires', () => {
    expect(tokens.check(token, now)).toEqual({
      sub: 'user-1',
      usr: 'lienminh.officer',
      iat: 1709280000,
      exp: 1709283600,
    });
    expect(tokens.check(token, later(3599))).toMatchObject({ usr: 'lienminh.officer' });
  });

  it('refuses an expired token', () => {
    expect(tokens.check(token, later(3600))).toEqual({
      problem: 'the access token has expired; log in again',
    });
    expect(tokens.check(token, later(86_400))).toEqual({
      problem: expect.stringMatching(/expired/),
    });
  });

  it('refuses a forged token: another payload, another secret, a changed header, a cut signature', () => {
    const [header, , signature] = token.split('.');
    const admin = b64({ sub: 'user-0', usr: 'admin', iat: 1709280000, exp: 4_000_000_000 });
    expect(tokens.check(`${header}.${admin}.${signature}`, now)).toEqual({
      problem: 'the access token is not valid',
    });
    const stranger = new AccessTokens('another-secret-of-thirty-two-characters', 3600);
    expect(tokens.check(stranger.issue('user-1', 'lienminh.officer', now), now)).toEqual({
      problem: 'the access token is not valid',
    });
    expect(tokens.check(token.slice(0, -2), now)).toEqual({
      problem: 'the access token is not valid',
    });
    expect(tokens.check(`${token}x`, now)).toEqual({ problem: 'the access token is not valid' });
  });

  it.each([
    ['an empty token', ''],
    ['one part', 'abc'],
    ['two parts', 'a.b'],
    ['three parts of nothing', '..'],
    ['four parts', `${'x'}.${token}`],
    ['a token with a part added', `${token}.extra`],
    [
      'an unsigned token',
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u', usr: 'admin', iat: 1, exp: 4e9 })}.`,
    ],
    [
      'another algorithm',
      signed(b64({ sub: 'u', usr: 'admin', iat: 1, exp: 4e9 }), b64({ alg: 'HS512', typ: 'JWT' })),
    ],
    ['a payload that is not JSON', signed(b64('not json'))],
    ['a payload that is null', signed(b64('null'))],
    ['a payload that is a number', signed(b64('12'))],
    ['a payload without a user', signed(b64({ sub: 'u', iat: 1, exp: 4e9 }))],
    ['an expiry that is text', signed(b64({ sub: 'u', usr: 'admin', iat: 1, exp: '4000000000' }))],
  ])('refuses %s as malformed', (_, malformed) => {
    expect(tokens.check(malformed, now)).toEqual({ problem: 'the access token is malformed' });
  });
});
