import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { MemberSex } from '../../events/club';
import { IsBusinessDate, IsOmittable } from '../http/validators';
import { ClientChosenId } from '../records/client-chosen-id.decorator';
import { CorrectionOf } from '../records/correction.dto';
import { IsPersonalDetails } from '../records/personal-details.validator';
import { describeVocabulary } from '../shared/vocabulary';
import { MEMBER_SEX, MEMBER_SEX_CODES } from './club-vocabulary';

export class ConsentDto {
  @ApiProperty({ enum: [true], description: 'A parent or guardian agreed; required' })
  @Equals(true, {
    message: '$property must be true: a parent or guardian must agree to the enrolment',
  })
  @IsBoolean({ message: '$property must be true or false (not text)' })
  guardian!: true;

  @ApiPropertyOptional({
    description: 'The child agreed; required (true) from age 7 in the year of enrolment',
  })
  @IsOmittable()
  @IsBoolean({ message: '$property must be true or false (not text)' })
  child?: boolean;
}

export class MemberFieldsDto {
  @ApiProperty({ enum: MEMBER_SEX_CODES, description: describeVocabulary(MEMBER_SEX) })
  @IsIn(MEMBER_SEX_CODES, { message: `$property must be one of ${MEMBER_SEX_CODES.join(', ')}` })
  sex!: MemberSex;

  @ApiProperty({
    example: 2011,
    description: 'Year of birth; the child is at most 18 in the year of enrolment',
  })
  @Min(1900)
  @Max(9999)
  @IsInt({ message: '$property must be a whole number (not text)' })
  birthYear!: number;

  @ApiProperty({
    example: '2023-09-15',
    description: 'Business date, YYYY-MM-DD, not in the future',
  })
  @IsBusinessDate()
  enrolledOn!: string;

  @ApiProperty({ type: ConsentDto })
  @ValidateNested()
  @Type(() => ConsentDto)
  @IsObject({ message: '$property must be an object such as { "guardian": true, "child": true }' })
  consent!: ConsentDto;

  @ApiPropertyOptional({
    example: 'Tày',
    description: 'Sensitive: counted, shown on a member only to officers in scope',
  })
  @IsOmittable()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(100)
  @IsString({ message: '$property must be text' })
  ethnicity?: string;

  @IsOmittable()
  @IsPersonalDetails()
  personal?: Record<string, string>;
}

export class EnrollMemberDto extends MemberFieldsDto {
  @ClientChosenId()
  id?: string;
}

class ConsentChangesDto extends PartialType(ConsentDto, { skipNullProperties: false }) {}

/** The fields a correction may change; the merged result is checked as a new member. */
export class MemberChangesDto extends PartialType(OmitType(MemberFieldsDto, ['consent', 'personal'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ type: ConsentChangesDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => ConsentChangesDto)
  @IsObject({ message: '$property must be an object such as { "child": true }' })
  consent?: ConsentChangesDto;

  @IsOmittable()
  @IsPersonalDetails({ partial: true })
  personal?: Record<string, string>;
}

export class CorrectMemberDto extends CorrectionOf(MemberChangesDto) {}
