import { Body, Controller, HttpCode, Inject, Ip, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessTokens } from './access-token';
import { LoginThrottle } from './login-throttle';
import { UNMATCHABLE_HASH, verifyPassword } from './password';
import { Public } from './roles.decorator';
import { TooManyAttempts } from './too-many-attempts';
import { Unauthenticated } from './unauthenticated';
import { LoginDto } from './user.dto';
import { UserDirectory } from './user-directory';

@ApiTags('identity')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly users: UserDirectory,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a username and password for an access token' })
  @ApiResponse({ status: 200, description: '{ accessToken, expiresIn }' })
  @ApiResponse({ status: 401, description: 'wrong username or password, or a disabled account' })
  @ApiResponse({ status: 429, description: 'too many failed attempts' })
  async login(@Body() body: LoginDto, @Ip() address: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const now = Date.now();
    const wait = this.throttle.retryAfter(body.username, address, now);
    if (wait > 0) {
      void reply.header('Retry-After', String(wait));
      throw new TooManyAttempts(wait);
    }
    const user = this.users.find(body.username);
    const valid = await verifyPassword(body.password, user?.passwordHash ?? UNMATCHABLE_HASH);
    if (!user || !valid) {
      this.throttle.failed(body.username, address, now);
      throw new Unauthenticated('the username or password is wrong');
    }
    if (user.disabled) throw new Unauthenticated('this account has been disabled');
    this.throttle.succeeded(body.username);
    return {
      accessToken: this.tokens.issue(user.userId, user.username, new Date(now)),
      expiresIn: this.tokens.ttlSeconds,
      tokenType: 'Bearer',
      user: { username: user.username, role: user.role, unitCode: user.unitCode },
    };
  }
}
