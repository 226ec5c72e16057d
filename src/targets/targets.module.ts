import { Module } from '@nestjs/common';
import { CorrectTargetHandler } from './correct-target.command';
import { GetTargetHandler } from './get-target.query';
import { ListTargetsHandler } from './list-targets.query';
import { SetTargetHandler } from './set-target.command';
import { TargetsController } from './targets.controller';
import { VoidTargetHandler } from './void-target.command';

@Module({
  controllers: [TargetsController],
  providers: [
    SetTargetHandler,
    CorrectTargetHandler,
    VoidTargetHandler,
    GetTargetHandler,
    ListTargetsHandler,
  ],
})
export class TargetsModule {}
