import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { DialogueLevel } from '../../events/dialogue';
import { IsBusinessDate, IsOmittable, UNIT_CODE_PATTERN } from '../http/validators';
import { ClientChosenId } from '../records/client-chosen-id.decorator';
import { CorrectionOf } from '../records/correction.dto';
import { ParticipantChangesDto, ParticipantsDto } from '../records/participants.dto';

export class DialogueFieldsDto {
  @ApiProperty({ enum: ['commune', 'village_cluster'] })
  @IsIn(['commune', 'village_cluster'], { message: '$property must be commune or village_cluster' })
  level!: DialogueLevel;

  @ApiProperty({ example: '05752', description: 'GSO code of the commune where it was held' })
  @Matches(UNIT_CODE_PATTERN, { message: '$property must be a GSO unit code such as 05752' })
  @IsString()
  unitCode!: string;

  @ApiProperty({ example: '2023-10-12', description: 'Business date, YYYY-MM-DD, not in the future' })
  @IsBusinessDate()
  heldOn!: string;

  @ApiProperty({ example: 'Access to preferential credit for ethnic minority women' })
  @IsNotEmpty()
  @MaxLength(500)
  @IsString()
  topic!: string;

  @ApiProperty({ type: ParticipantsDto })
  @ValidateNested()
  @Type(() => ParticipantsDto)
  @IsObject()
  participants!: ParticipantsDto;

  @ApiPropertyOptional({ description: 'Held by a commune union with direct support from the province' })
  @IsOmittable()
  @IsBoolean()
  provincialSupport?: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @MaxLength(2000)
  @IsString()
  notes?: string;
}

export class RecordDialogueDto extends DialogueFieldsDto {
  @ClientChosenId()
  id?: string;
}

/**
 * The fields a correction may change; the merged result is checked as a new record. A
 * field may be left out but not sent as null, which would erase a required value.
 */
export class DialogueChangesDto extends PartialType(OmitType(DialogueFieldsDto, ['participants'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ type: ParticipantChangesDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ParticipantChangesDto)
  @IsObject()
  participants?: ParticipantChangesDto;
}

export class CorrectDialogueDto extends CorrectionOf(DialogueChangesDto) {}
