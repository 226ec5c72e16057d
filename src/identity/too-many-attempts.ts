import { HttpException, HttpStatus } from '@nestjs/common';

export class TooManyAttempts extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `too many failed logins; wait ${retryAfterSeconds} seconds before trying again`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
