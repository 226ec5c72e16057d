import { createHmac, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  /** The user's id. */
  readonly sub: string;
  readonly usr: string;
  readonly iat: number;
  readonly exp: number;
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** Signs and checks HS256 JSON Web Tokens with the ledger's secret. */
export class AccessTokens {
  constructor(
    private readonly secret: string,
    readonly ttlSeconds: number,
  ) {}

  issue(userId: string, username: string, now: Date): string {
    const iat = Math.floor(now.getTime() / 1000);
    const claims: TokenClaims = { sub: userId, usr: username, iat, exp: iat + this.ttlSeconds };
    const body = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${body}.${this.sign(body)}`;
  }

  /** The claims of a well-signed, unexpired token, or a reason it is not one. */
  check(token: string, now: Date): TokenClaims | { problem: string } {
    const parts = token.split('.');
    const [header, payload, signature] = parts;
    if (parts.length !== 3 || !header || !payload || !signature || header !== HEADER) {
      return { problem: 'the access token is malformed' };
    }
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { problem: 'the access token is not valid' };
    }
    let claims: Partial<TokenClaims> | null;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenClaims> | null;
    } catch {
      return { problem: 'the access token is malformed' };
    }
    if (!isClaims(claims)) return { problem: 'the access token is malformed' };
    if (claims.exp * 1000 <= now.getTime()) {
      return { problem: 'the access token has expired; log in again' };
    }
    return claims;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

function isClaims(value: Partial<TokenClaims> | null): value is TokenClaims {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.sub === 'string' &&
    typeof value.usr === 'string' &&
    typeof value.iat === 'number' &&
    typeof value.exp === 'number'
  );
}
