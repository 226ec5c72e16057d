import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../events/user';
import { NotAllowed } from '../shared/domain-errors';
import type { AuthenticatedRequest } from './actor.decorator';
import { AccessTokens, type TokenClaims } from './access-token';
import { PUBLIC_KEY, QUERY_TOKEN_KEY, ROLES_KEY } from './roles.decorator';
import { Unauthenticated } from './unauthenticated';
import { UserDirectory } from './user-directory';

/**
 * Every route needs a valid token of an active user unless marked public; the role comes
 * from the user's current account, never from the token or the body.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Tokens whose signature has been checked, with their claims: a client sends the same
   * token with every request, and checking its HMAC each time was a hot spot under load.
   * Expiry is still checked on every request.
   */
  private readonly verified = new Map<string, TokenClaims>();
  /** What each route asks of its caller, read from its decorators once. */
  private readonly routes = new WeakMap<object, RouteAccess>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    private readonly users: UserDirectory,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const route = this.accessOf(context);
    if (route.isPublic) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const token = bearerToken(request, route.allowQuery);
    if (!token) throw new Unauthenticated('log in first: send Authorization: Bearer <accessToken>');
    const claims = this.claimsOf(token, new Date());
    if ('problem' in claims) throw new Unauthenticated(claims.problem);
    const user = this.users.find(claims.usr);
    if (!user || user.userId !== claims.sub) throw new Unauthenticated('the access token is not valid');
    if (user.disabled) throw new Unauthenticated('this account has been disabled');
    request.actor = { userId: user.userId, username: user.username, role: user.role, unitCode: user.unitCode };
    const roles = route.roles;
    if (roles && !roles.includes(user.role)) {
      throw new NotAllowed(`this needs the role ${roles.join(' or ')}; your account has the role ${user.role}`);
    }
    return true;
  }

  private accessOf(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const known = this.routes.get(handler);
    if (known && known.controller === context.getClass()) return known;
    const targets = [handler, context.getClass()];
    const access: RouteAccess = {
      controller: context.getClass(),
      isPublic: this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets) ?? false,
      allowQuery: this.reflector.getAllAndOverride<boolean | undefined>(QUERY_TOKEN_KEY, targets) ?? false,
      roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
    };
    this.routes.set(handler, access);
    return access;
  }

  private claimsOf(token: string, now: Date): TokenClaims | { problem: string } {
    const known = this.verified.get(token);
    if (known && known.exp * 1000 > now.getTime()) return known;
    this.verified.delete(token);
    const claims = this.tokens.check(token, now);
    if ('problem' in claims) return claims;
    // Forget the oldest first; a few thousand active tokens fit easily.
    if (this.verified.size >= MAX_VERIFIED_TOKENS) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, claims);
    return claims;
  }
}

const MAX_VERIFIED_TOKENS = 10_000;

interface RouteAccess {
  readonly controller: object;
  readonly isPublic: boolean;
  readonly allowQuery: boolean;
  readonly roles: readonly Role[] | undefined;
}

function bearerToken(request: FastifyRequest, allowQuery: boolean): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match?.[1];
  }
  if (allowQuery) {
    const query = request.query as Record<string, unknown> | undefined;
    const token = query?.access_token;
    return typeof token === 'string' ? token : undefined;
  }
  return undefined;
}
