import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type {
  AgeBand,
  CaseOutcome,
  CaseService,
  ReferralTarget,
  SubjectSex,
  ViolenceType,
} from '../../events/case';
import { IsBusinessDate, IsOmittable } from '../http/validators';
import { ClientChosenId } from '../records/client-chosen-id.decorator';
import { CorrectionOf } from '../records/correction.dto';
import { IsPersonalDetails } from '../records/personal-details.validator';
import { describeVocabulary } from '../shared/vocabulary';
import { AGE_BAND_VOCABULARY, AGE_BANDS } from './age-bands';
import { CASE_OUTCOME_VOCABULARY, CASE_OUTCOMES } from './case-outcomes';
import { CASE_SERVICE_VOCABULARY, CASE_SERVICES } from './case-services';
import { REFERRAL_TARGET_VOCABULARY, REFERRAL_TARGETS } from './referral-targets';
import { SUBJECT_SEXES } from './subject-sexes';
import { VIOLENCE_TYPE_VOCABULARY, VIOLENCE_TYPES } from './violence-types';

const oneOf = (codes: readonly string[]) => ({
  message: `$property must be one of ${codes.join(', ')}`,
});
const text = { message: '$property must be text' };

export class CaseSubjectDto {
  @ApiProperty({ enum: SUBJECT_SEXES })
  @IsIn(SUBJECT_SEXES, oneOf(SUBJECT_SEXES))
  sex!: SubjectSex;

  @ApiProperty({ enum: AGE_BANDS, description: describeVocabulary(AGE_BAND_VOCABULARY) })
  @IsIn(AGE_BANDS, oneOf(AGE_BANDS))
  ageBand!: AgeBand;

  @ApiPropertyOptional({
    example: 'Dao',
    description: 'Sensitive: counted, shown only to case workers in scope',
  })
  @IsOmittable()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(100)
  @IsString(text)
  ethnicity?: string;

  @IsOmittable()
  @IsPersonalDetails()
  personal?: Record<string, string>;
}

export class OpenCaseDto {
  @ApiProperty({
    example: '2023-05-14',
    description: 'Business date, YYYY-MM-DD, not in the future',
  })
  @IsBusinessDate()
  openedOn!: string;

  @ApiProperty({ enum: VIOLENCE_TYPES, description: describeVocabulary(VIOLENCE_TYPE_VOCABULARY) })
  @IsIn(VIOLENCE_TYPES, oneOf(VIOLENCE_TYPES))
  violenceType!: ViolenceType;

  @ApiProperty({
    enum: [true],
    description: 'The person agreed to the case being opened; required',
  })
  @Equals(true, {
    message:
      '$property must be true: a case is opened only with the consent of the person it is about',
  })
  @IsBoolean({ message: '$property must be true (the JSON value, not text)' })
  consent!: true;

  @ApiProperty({ type: CaseSubjectDto })
  @ValidateNested()
  @Type(() => CaseSubjectDto)
  @IsObject({
    message: '$property must be an object such as { "sex": "female", "ageBand": "18-29" }',
  })
  subject!: CaseSubjectDto;

  @ClientChosenId()
  id?: string;
}

export class ReferCaseDto {
  @ApiProperty({
    enum: REFERRAL_TARGETS,
    description: describeVocabulary(REFERRAL_TARGET_VOCABULARY),
  })
  @IsIn(REFERRAL_TARGETS, oneOf(REFERRAL_TARGETS))
  to!: ReferralTarget;

  @ApiProperty({
    example: '2023-05-15',
    description: 'On or after the case was opened; not in the future',
  })
  @IsBusinessDate()
  on!: string;

  @ApiPropertyOptional({
    maxLength: 2000,
    description:
      "Sealed with the person's key like their details; shown only to case workers in scope",
  })
  @IsOmittable()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(2000)
  @IsString(text)
  note?: string;
}

export class GiveCaseServiceDto {
  @ApiProperty({ enum: CASE_SERVICES, description: describeVocabulary(CASE_SERVICE_VOCABULARY) })
  @IsIn(CASE_SERVICES, oneOf(CASE_SERVICES))
  service!: CaseService;

  @ApiProperty({
    example: '2023-05-15',
    description: 'On or after the case was opened; not in the future',
  })
  @IsBusinessDate()
  on!: string;
}

export class CloseCaseDto {
  @ApiProperty({
    example: '2023-07-01',
    description: 'On or after the last referral or service; not in the future',
  })
  @IsBusinessDate()
  on!: string;

  @ApiProperty({ enum: CASE_OUTCOMES, description: describeVocabulary(CASE_OUTCOME_VOCABULARY) })
  @IsIn(CASE_OUTCOMES, oneOf(CASE_OUTCOMES))
  outcome!: CaseOutcome;
}

/** The subject's fields a correction may change; personal details are merged field by field. */
export class CaseSubjectChangesDto {
  @ApiPropertyOptional({ enum: SUBJECT_SEXES })
  @IsOmittable()
  @IsIn(SUBJECT_SEXES, oneOf(SUBJECT_SEXES))
  sex?: SubjectSex;

  @ApiPropertyOptional({ enum: AGE_BANDS })
  @IsOmittable()
  @IsIn(AGE_BANDS, oneOf(AGE_BANDS))
  ageBand?: AgeBand;

  @ApiPropertyOptional({ example: 'Dao' })
  @IsOmittable()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(100)
  @IsString(text)
  ethnicity?: string;

  @IsOmittable()
  @IsPersonalDetails({ partial: true })
  personal?: Record<string, string>;
}

/**
 * The fields a correction may change; the merged result is checked as a new case. The
 * address, its unit and the consent are not changed by a correction. A field may be left
 * out but not sent as null.
 */
export class CaseChangesDto {
  @ApiPropertyOptional({ example: '2023-05-14' })
  @IsOmittable()
  @IsBusinessDate()
  openedOn?: string;

  @ApiPropertyOptional({ enum: VIOLENCE_TYPES })
  @IsOmittable()
  @IsIn(VIOLENCE_TYPES, oneOf(VIOLENCE_TYPES))
  violenceType?: ViolenceType;

  @ApiPropertyOptional({ type: CaseSubjectChangesDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => CaseSubjectChangesDto)
  @IsObject({ message: "$property must be an object of the subject's fields to change" })
  subject?: CaseSubjectChangesDto;
}

export class CorrectCaseDto extends CorrectionOf(CaseChangesDto) {}
