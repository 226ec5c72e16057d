import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { DisableUserHandler } from './disable-user.command';
import { LoginThrottle } from './login-throttle';
import { RegisterUserHandler } from './register-user.command';
import { UserDirectory } from './user-directory';
import { UsersController } from './users.controller';

@Module({
  controllers: [AuthController, UsersController],
  providers: [
    UserDirectory,
    LoginThrottle,
    RegisterUserHandler,
    DisableUserHandler,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UserDirectory],
})
export class IdentityModule {}
