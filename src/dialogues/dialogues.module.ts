import { Module } from '@nestjs/common';
import { CorrectDialogueHandler } from './correct-dialogue.command';
import { DialoguesController } from './dialogues.controller';
import { GetDialogueHandler } from './get-dialogue.query';
import { RecordDialogueHandler } from './record-dialogue.command';
import { VoidDialogueHandler } from './void-dialogue.command';

@Module({
  controllers: [DialoguesController],
  providers: [RecordDialogueHandler, CorrectDialogueHandler, VoidDialogueHandler, GetDialogueHandler],
})
export class DialoguesModule {}
