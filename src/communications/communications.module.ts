import { Module } from '@nestjs/common';
import { CorrectCommunicationHandler } from './correct-communication.command';
import { GetCommunicationHandler } from './get-communication.query';
import { RecordCommunicationHandler } from './record-communication.command';
import { CommunicationsController } from './communications.controller';
import { VoidCommunicationHandler } from './void-communication.command';

@Module({
  controllers: [CommunicationsController],
  providers: [
    RecordCommunicationHandler,
    CorrectCommunicationHandler,
    VoidCommunicationHandler,
    GetCommunicationHandler,
  ],
})
export class CommunicationsModule {}
