import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { COMMUNICATION_FORMS, type CommunicationForm } from '../../events/communication';
import { IsBusinessDate, IsOmittable, UNIT_CODE_PATTERN } from '../http/validators';
import { ClientChosenId } from '../records/client-chosen-id.decorator';
import { CorrectionOf } from '../records/correction.dto';
import { ParticipantChangesDto, ParticipantsDto } from '../records/participants.dto';
import { describeVocabulary } from '../shared/vocabulary';
import { COMMUNICATION_FORM_LABELS } from './communication-forms';

export class CommunicationFieldsDto {
  @ApiProperty({
    example: '05752',
    description:
      'GSO code of the unit that organised the event: a commune, a district or the province, ' +
      'as it existed on heldOn',
  })
  @Matches(UNIT_CODE_PATTERN, {
    message: '$property must be a GSO unit code such as 05752, 170 or 19',
  })
  @IsString()
  unitCode!: string;

  @ApiProperty({
    example: '2023-03-08',
    description: 'Business date, YYYY-MM-DD, not in the future',
  })
  @IsBusinessDate()
  heldOn!: string;

  @ApiProperty({
    enum: COMMUNICATION_FORMS,
    description: describeVocabulary(COMMUNICATION_FORM_LABELS),
  })
  @IsIn(COMMUNICATION_FORMS, {
    message: `$property must be one of ${COMMUNICATION_FORMS.join(', ')}`,
  })
  form!: CommunicationForm;

  @ApiProperty({ type: ParticipantsDto })
  @ValidateNested()
  @Type(() => ParticipantsDto)
  @IsObject()
  participants!: ParticipantsDto;

  @ApiPropertyOptional({ example: 'Xóa bỏ tảo hôn trong cộng đồng', maxLength: 500 })
  @IsOmittable()
  @IsNotEmpty()
  @MaxLength(500)
  @IsString()
  topic?: string;
}

export class RecordCommunicationDto extends CommunicationFieldsDto {
  @ClientChosenId()
  id?: string;
}

/**
 * The fields a correction may change; the merged result is checked as a new event. A
 * field may be left out but not sent as null, which would erase a required value.
 */
export class CommunicationChangesDto extends PartialType(
  OmitType(CommunicationFieldsDto, ['participants'] as const),
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

export class CorrectCommunicationDto extends CorrectionOf(CommunicationChangesDto) {}
