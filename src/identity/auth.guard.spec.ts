import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokens } from './access-token';
import { AuthGuard } from './auth.guard';
import { Unauthenticated } from './unauthenticated';
import type { DirectoryUser, UserDirectory } from './user-directory';

const issuedAt = new Date('2024-03-01T08:00:00Z');
const tokens = new AccessTokens('a-secret-of-at-least-thirty-two-characters', 3600);
const officer: DirectoryUser = {
  userId: 'user-1',
  username: 'lienminh.officer',
  role: 'officer',
  unitCode: '05752',
  passwordHash: 'unused',
  disabled: false,
};

function requestWith(token: string): ExecutionContext {
  const request = { headers: { authorization: `Bearer ${token}` }, query: {} };
  return {
    getHandler: () => requestWith,
    getClass: () => AuthGuard,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('the auth guard, asked again and again with the same token', () => {
  let account: DirectoryUser;
  let guard: AuthGuard;

  beforeEach(() => {
    jest.useFakeTimers({ now: issuedAt });
    account = officer;
    guard = new AuthGuard(new Reflector(), tokens, {
      find: () => account,
    } as unknown as UserDirectory);
  });
  afterEach(() => jest.useRealTimers());

  it('still refuses the token once it has expired', () => {
    const token = tokens.issue(officer.userId, officer.username, issuedAt);
    expect(guard.canActivate(requestWith(token))).toBe(true);
    jest.setSystemTime(new Date(issuedAt.getTime() + 3599_000));
    expect(guard.canActivate(requestWith(token))).toBe(true);
    jest.setSystemTime(new Date(issuedAt.getTime() + 3600_000));
    expect(() => guard.canActivate(requestWith(token))).toThrow(
      new Unauthenticated('the access token has expired; log in again'),
    );
  });

  it('still refuses at once an account disabled after its token was accepted', () => {
    const token = tokens.issue(officer.userId, officer.username, issuedAt);
    expect(guard.canActivate(requestWith(token))).toBe(true);
    account = { ...officer, disabled: true };
    expect(() => guard.canActivate(requestWith(token))).toThrow(
      new Unauthenticated('this account has been disabled'),
    );
  });

  it('refuses a token with a forged signature even when the genuine one was accepted', () => {
    const token = tokens.issue(officer.userId, officer.username, issuedAt);
    expect(guard.canActivate(requestWith(token))).toBe(true);
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${'A'.repeat(43)}`;
    expect(() => guard.canActivate(requestWith(forged))).toThrow(
      new Unauthenticated('the access token is not valid'),
    );
  });
});
