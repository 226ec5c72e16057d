import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { DialogueLevel } from '../../events/dialogue';
import { IsBusinessDate, UNIT_CODE_PATTERN } from '../http/validators';

export class ParticipantsDto {
  @ApiProperty({ example: 92, description: 'Everyone who took part' })
  @Min(0)
  @Max(1_000_000)
  @IsInt({ message: '$property must be a whole number (not text)' })
  total!: number;

  @ApiProperty({ example: 60, description: 'Of whom women; at most total' })
  @Min(0)
  @Max(1_000_000)
  @IsInt({ message: '$property must be a whole number (not text)' })
  women!: number;
}

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
  @IsOptional()
  @IsBoolean()
  provincialSupport?: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @MaxLength(2000)
  @IsString()
  notes?: string;
}

export class RecordDialogueDto extends DialogueFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Client-chosen id; the server makes one otherwise' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  id?: string;
}

class ParticipantChangesDto extends PartialType(ParticipantsDto) {}

/** The fields a correction may change; the merged result is checked as a new record. */
export class DialogueChangesDto extends PartialType(OmitType(DialogueFieldsDto, ['participants'] as const)) {
  @ApiPropertyOptional({ type: ParticipantChangesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ParticipantChangesDto)
  @IsObject()
  participants?: ParticipantChangesDto;
}

export class CorrectDialogueDto {
  @ApiProperty({ type: DialogueChangesDto, description: 'Only the fields to change' })
  @IsNotEmptyObject({}, { message: 'changes must name at least one field to change' })
  @ValidateNested()
  @Type(() => DialogueChangesDto)
  @IsObject()
  changes!: DialogueChangesDto;

  @ApiProperty({ example: 'attendance list recounted' })
  @IsNotEmpty({ message: 'reason is required: say why the record is corrected' })
  @MaxLength(1000)
  @IsString()
  reason!: string;
}
