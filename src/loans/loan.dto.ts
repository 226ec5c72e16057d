import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, UNIT_CODE_PATTERN } from '../http/validators';
import { ClientChosenId } from '../records/client-chosen-id.decorator';
import { CorrectionOf } from '../records/correction.dto';
import { IsPersonalDetails } from '../records/personal-details.validator';
import { describeVocabulary } from '../shared/vocabulary';
import { MAX_LOAN_AMOUNT } from './loan-rules';
import {
  BORROWER_SEXES,
  BORROWER_SEX_VOCABULARY,
  LENDERS,
  LENDER_VOCABULARY,
  LOAN_PURPOSES,
  LOAN_PURPOSE_VOCABULARY,
  type BorrowerSex,
  type Lender,
  type LoanPurpose,
} from './loan.vocabulary';

/** May be left out, but not sent as null: null is not a value of any of these fields. */
const Omittable = (): PropertyDecorator =>
  ValidateIf((_: object, value: unknown) => value !== undefined);

const oneOf = (codes: readonly string[]) => ({
  message: `$property must be one of ${codes.join(', ')}`,
});
const wholeNumber = { message: '$property must be a whole number (not text)' };
const atLeastOne = { message: '$property must be at least 1 VND' };
const atMostMax = { message: `$property must be at most ${MAX_LOAN_AMOUNT} VND` };

export class BorrowerDto {
  @ApiProperty({ enum: BORROWER_SEXES, description: describeVocabulary(BORROWER_SEX_VOCABULARY) })
  @IsIn(BORROWER_SEXES, oneOf(BORROWER_SEXES))
  sex!: BorrowerSex;

  @ApiPropertyOptional({
    example: 'Tày',
    description: 'Sensitive: counted, shown on a loan only to officers in scope',
  })
  @Omittable()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(100)
  @IsString({ message: '$property must be text' })
  ethnicity?: string;

  @Omittable()
  @IsPersonalDetails()
  personal?: Record<string, string>;
}

export class LoanFieldsDto {
  @ApiProperty({
    example: '05752',
    description: 'GSO code of the commune whose union introduced the loan',
  })
  @Matches(UNIT_CODE_PATTERN, { message: '$property must be a GSO unit code such as 05752' })
  @IsString({ message: '$property must be a GSO unit code such as 05752' })
  unitCode!: string;

  @ApiProperty({ enum: LENDERS, description: describeVocabulary(LENDER_VOCABULARY) })
  @IsIn(LENDERS, oneOf(LENDERS))
  lender!: Lender;

  @ApiProperty({ enum: LOAN_PURPOSES, description: describeVocabulary(LOAN_PURPOSE_VOCABULARY) })
  @IsIn(LOAN_PURPOSES, oneOf(LOAN_PURPOSES))
  purpose!: LoanPurpose;

  @ApiProperty({
    example: 50_000_000,
    description: `VND, a whole number from 1 to ${MAX_LOAN_AMOUNT}`,
  })
  @Min(1, atLeastOne)
  @Max(MAX_LOAN_AMOUNT, atMostMax)
  @IsInt(wholeNumber)
  amountRequested!: number;

  @ApiProperty({
    example: '2023-03-10',
    description: 'Business date, YYYY-MM-DD, not in the future',
  })
  @IsBusinessDate()
  introducedOn!: string;

  @ApiProperty({ type: BorrowerDto })
  @ValidateNested()
  @Type(() => BorrowerDto)
  @IsObject({ message: '$property must be an object such as { "sex": "female" }' })
  borrower!: BorrowerDto;
}

export class IntroduceLoanDto extends LoanFieldsDto {
  @ClientChosenId()
  id?: string;
}

export class BorrowerChangesDto {
  @ApiPropertyOptional({ enum: BORROWER_SEXES })
  @Omittable()
  @IsIn(BORROWER_SEXES, oneOf(BORROWER_SEXES))
  sex?: BorrowerSex;

  @ApiPropertyOptional({ example: 'Nùng' })
  @Omittable()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(100)
  @IsString({ message: '$property must be text' })
  ethnicity?: string;

  @Omittable()
  @IsPersonalDetails({ partial: true })
  personal?: Record<string, string>;
}

/** The fields of the introduction a correction may change; the merged loan is checked as a new one. */
export class LoanChangesDto {
  @ApiPropertyOptional({ example: '05722' })
  @Omittable()
  @Matches(UNIT_CODE_PATTERN, { message: '$property must be a GSO unit code such as 05752' })
  @IsString({ message: '$property must be a GSO unit code such as 05752' })
  unitCode?: string;

  @ApiPropertyOptional({ enum: LENDERS })
  @Omittable()
  @IsIn(LENDERS, oneOf(LENDERS))
  lender?: Lender;

  @ApiPropertyOptional({ enum: LOAN_PURPOSES })
  @Omittable()
  @IsIn(LOAN_PURPOSES, oneOf(LOAN_PURPOSES))
  purpose?: LoanPurpose;

  @ApiPropertyOptional({ example: 60_000_000 })
  @Omittable()
  @Min(1, atLeastOne)
  @Max(MAX_LOAN_AMOUNT, atMostMax)
  @IsInt(wholeNumber)
  amountRequested?: number;

  @ApiPropertyOptional({ example: '2023-03-09' })
  @Omittable()
  @IsBusinessDate()
  introducedOn?: string;

  @ApiPropertyOptional({ type: BorrowerChangesDto })
  @Omittable()
  @ValidateNested()
  @Type(() => BorrowerChangesDto)
  @IsObject({ message: '$property must be an object such as { "ethnicity": "Tày" }' })
  borrower?: BorrowerChangesDto;
}

export class CorrectLoanDto extends CorrectionOf(LoanChangesDto) {}

export class LoanDecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected'] })
  @IsIn(['approved', 'rejected'], { message: '$property must be approved or rejected' })
  decision!: 'approved' | 'rejected';

  @ApiProperty({
    example: '2023-03-20',
    description: "The bank's decision date: not before the introduction, not in the future",
  })
  @IsBusinessDate()
  on!: string;

  @ApiPropertyOptional({
    example: 50_000_000,
    description: 'VND; required when approved (at most amountRequested), left out when rejected',
  })
  @Omittable()
  @Min(1, atLeastOne)
  @Max(MAX_LOAN_AMOUNT, atMostMax)
  @IsInt(wholeNumber)
  amountApproved?: number;
}

export class LoanDisbursementDto {
  @ApiProperty({
    example: '2023-04-05',
    description: 'Disbursement date: not before the approval, not in the future',
  })
  @IsBusinessDate()
  on!: string;

  @ApiProperty({
    example: 30_000_000,
    description: 'VND; all disbursements together never exceed the amount approved',
  })
  @Min(1, atLeastOne)
  @Max(MAX_LOAN_AMOUNT, atMostMax)
  @IsInt(wholeNumber)
  amount!: number;
}

export class LoanRepaymentDto {
  @ApiProperty({
    example: '2024-03-05',
    description: 'The date the loan was repaid and closed: not in the future',
  })
  @IsBusinessDate()
  on!: string;
}
