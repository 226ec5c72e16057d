import { Module } from '@nestjs/common';
import { GetIndicatorsHandler } from './get-indicators.query';
import { IndicatorsController } from './indicators.controller';

@Module({ controllers: [IndicatorsController], providers: [GetIndicatorsHandler] })
export class IndicatorsModule {}
