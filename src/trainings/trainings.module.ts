import { Module } from '@nestjs/common';
import { CorrectTrainingHandler } from './correct-training.command';
import { GetTrainingHandler } from './get-training.query';
import { RecordTrainingHandler } from './record-training.command';
import { TrainingsController } from './trainings.controller';
import { VoidTrainingHandler } from './void-training.command';

@Module({
  controllers: [TrainingsController],
  providers: [
    RecordTrainingHandler,
    CorrectTrainingHandler,
    VoidTrainingHandler,
    GetTrainingHandler,
  ],
})
export class TrainingsModule {}
