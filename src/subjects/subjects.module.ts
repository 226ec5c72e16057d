import { Module } from '@nestjs/common';
import { EraseSubjectHandler } from './erase-subject.command';
import { SubjectsController } from './subjects.controller';

@Module({ controllers: [SubjectsController], providers: [EraseSubjectHandler] })
export class SubjectsModule {}
