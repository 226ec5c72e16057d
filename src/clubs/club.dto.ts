import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsBusinessDate, IsOmittable, UNIT_CODE_PATTERN } from '../http/validators';
import { ClientChosenId } from '../records/client-chosen-id.decorator';
import { CorrectionOf } from '../records/correction.dto';

export class ClubFieldsDto {
  @ApiProperty({ example: 'CLB Thủ lĩnh của sự thay đổi Trường THCS Liên Minh' })
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(300)
  @IsString({ message: '$property must be text' })
  name!: string;

  @ApiProperty({ example: '05752', description: 'GSO code of the commune the club belongs to' })
  @Matches(UNIT_CODE_PATTERN, { message: '$property must be a GSO unit code such as 05752' })
  @IsString({ message: '$property must be a GSO unit code such as 05752' })
  unitCode!: string;

  @ApiProperty({ example: 'Trường THCS Liên Minh', description: 'The school the club meets in' })
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(300)
  @IsString({ message: '$property must be text' })
  school!: string;

  @ApiProperty({
    example: '2022-10-15',
    description: 'Business date, YYYY-MM-DD, not in the future',
  })
  @IsBusinessDate()
  establishedOn!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @MaxLength(2000)
  @IsString({ message: '$property must be text' })
  notes?: string;
}

export class EstablishClubDto extends ClubFieldsDto {
  @ClientChosenId()
  id?: string;
}

/** The fields a correction may change; the merged result is checked as a new club. */
export class ClubChangesDto extends PartialType(ClubFieldsDto, { skipNullProperties: false }) {}

export class CorrectClubDto extends CorrectionOf(ClubChangesDto) {}

/** A date and why: the body of a dissolution or a withdrawal. */
class DatedReasonDto {
  @ApiProperty({
    example: '2023-06-01',
    description: 'Business date, YYYY-MM-DD, not in the future',
  })
  @IsBusinessDate()
  on!: string;

  @ApiProperty({ example: 'the school year ended and the club stopped meeting' })
  @IsNotEmpty({ message: 'reason is required: say why' })
  @MaxLength(1000)
  @IsString({ message: 'reason is required: say why' })
  reason!: string;
}

export class DissolveClubDto extends DatedReasonDto {}

export class WithdrawMemberDto extends DatedReasonDto {}
