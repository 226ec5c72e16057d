import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsBusinessDate, UNIT_CODE_PATTERN } from '../http/validators';

export class ApprovePeriodDto {
  @ApiProperty({ example: '19', description: 'The unit whose records (and those of the units below) lock' })
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be a GSO unit code such as 19, 170 or 05752' })
  @IsString()
  unitCode!: string;

  @ApiProperty({ example: '2023-01-01' })
  @IsBusinessDate()
  periodFrom!: string;

  @ApiProperty({ example: '2023-12-31' })
  @IsBusinessDate()
  periodTo!: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'id must be a UUID' })
  id?: string;
}
