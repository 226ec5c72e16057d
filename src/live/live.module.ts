import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { LiveController } from './live.controller';
import { LiveFeed } from './live-feed';

@Module({ imports: [OperationsModule], controllers: [LiveController], providers: [LiveFeed] })
export class LiveModule {}
