import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { TRAINING_TOPICS, type TrainingTopic } from '../../events/training';
import { IsBusinessDate, IsOmittable, UNIT_CODE_PATTERN } from '../http/validators';
import { ClientChosenId } from '../records/client-chosen-id.decorator';
import { CorrectionOf } from '../records/correction.dto';
import { ParticipantChangesDto, ParticipantsDto } from '../records/participants.dto';
import { describeVocabulary } from '../shared/vocabulary';
import { TRAINING_TOPIC_LABELS } from './training-topics';

export class TrainingFieldsDto {
  @ApiProperty({
    example: '170',
    description:
      'GSO code of the unit that organised the class: a commune, a district or the province, ' +
      'as it existed on heldOn',
  })
  @Matches(UNIT_CODE_PATTERN, {
    message: '$property must be a GSO unit code such as 05752, 170 or 19',
  })
  @IsString()
  unitCode!: string;

  @ApiProperty({ enum: TRAINING_TOPICS, description: describeVocabulary(TRAINING_TOPIC_LABELS) })
  @IsIn(TRAINING_TOPICS, { message: `$property must be one of ${TRAINING_TOPICS.join(', ')}` })
  topic!: TrainingTopic;

  @ApiProperty({
    example: '2023-05-10',
    description: 'Business date, YYYY-MM-DD, not in the future',
  })
  @IsBusinessDate()
  heldOn!: string;

  @ApiProperty({
    type: ParticipantsDto,
    description: 'Attendances: one person at two classes counts in both',
  })
  @ValidateNested()
  @Type(() => ParticipantsDto)
  @IsObject()
  participants!: ParticipantsDto;

  @ApiPropertyOptional({
    example: 30,
    minimum: 0,
    description: 'Copies of training manuals handed out',
  })
  @IsOmittable()
  @Min(0)
  @Max(1_000_000)
  @IsInt({ message: '$property must be a whole number (not text)' })
  manualsDistributed?: number;

  @ApiPropertyOptional({ example: 'Lồng ghép giới cho cán bộ cấp xã', maxLength: 500 })
  @IsOmittable()
  @IsNotEmpty()
  @MaxLength(500)
  @IsString()
  title?: string;
}

export class RecordTrainingDto extends TrainingFieldsDto {
  @ClientChosenId()
  id?: string;
}

/**
 * The fields a correction may change; the merged result is checked as a new class. A
 * field may be left out but not sent as null, which would erase a required value.
 */
export class TrainingChangesDto extends PartialType(
  OmitType(TrainingFieldsDto, ['participants'] as const),
  {
    skipNullProperties: false,
  },
) {
  @ApiPropertyOptional({ type: ParticipantChangesDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ParticipantChangesDto)
  @IsObject()
  participants?: ParticipantChangesDto;
}

export class CorrectTrainingDto extends CorrectionOf(TrainingChangesDto) {}
