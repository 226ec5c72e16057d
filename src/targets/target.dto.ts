import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { INDICATORS } from '../../projections/indicators/indicator-catalogue';
import { IsBusinessDate, UNIT_CODE_PATTERN } from '../http/validators';
import { ClientChosenId } from '../records/client-chosen-id.decorator';
import { CorrectionOf } from '../records/correction.dto';

const INDICATOR_CODES = INDICATORS.map((indicator) => indicator.code);

export class TargetFieldsDto {
  @ApiProperty({
    enum: INDICATOR_CODES,
    example: 'dialogues.held',
    description: 'An indicator code of the catalogue',
  })
  @IsIn(INDICATOR_CODES, {
    message: `$property must be an indicator code of the catalogue: ${INDICATOR_CODES.join(', ')}`,
  })
  @IsString()
  indicator!: string;

  @ApiProperty({
    example: '19',
    description:
      'GSO code of the unit the target is for (any level), within your scope; it counts everything below it',
  })
  @Matches(UNIT_CODE_PATTERN, {
    message: '$property must be a GSO unit code such as 05752, 170 or 19',
  })
  @IsString()
  unitCode!: string;

  @ApiProperty({
    example: '2021-01-01',
    description: 'First business date of the period, YYYY-MM-DD (inclusive)',
  })
  @IsBusinessDate()
  periodFrom!: string;

  @ApiProperty({
    example: '2025-12-31',
    description: 'Last business date of the period, YYYY-MM-DD (inclusive), not before periodFrom',
  })
  @IsBusinessDate()
  periodTo!: string;

  @ApiProperty({
    example: 88,
    minimum: 0,
    description: "What the indicator should reach over the period, in the indicator's own counting",
  })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  @IsInt({ message: '$property must be a whole number (not text)' })
  value!: number;
}

export class SetTargetDto extends TargetFieldsDto {
  @ClientChosenId()
  id?: string;
}

/** The fields a correction may change; the merged result is checked as a new target. */
export class TargetChangesDto extends PartialType(TargetFieldsDto, { skipNullProperties: false }) {}

export class CorrectTargetDto extends CorrectionOf(TargetChangesDto) {}
