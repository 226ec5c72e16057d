import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsBusinessDate, IsOmittable, UNIT_CODE_PATTERN } from '../http/validators';
import { ClientChosenId } from '../records/client-chosen-id.decorator';
import { CorrectionOf } from '../records/correction.dto';

export class EstablishTrustedAddressDto {
  @ApiProperty({
    example: 'Địa chỉ tin cậy xóm Khuôn Ngục',
    description: 'What the community calls it',
  })
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(300)
  @IsString({ message: '$property must be text' })
  name!: string;

  @ApiProperty({
    example: '05752',
    description: 'GSO code of the commune where it stands, valid on establishedOn',
  })
  @Matches(UNIT_CODE_PATTERN, { message: '$property must be a GSO unit code such as 05752' })
  @IsString({ message: '$property must be text' })
  unitCode!: string;

  @ApiProperty({
    example: '2022-06-01',
    description: 'Business date, YYYY-MM-DD, not in the future',
  })
  @IsBusinessDate()
  establishedOn!: string;

  @ClientChosenId()
  id?: string;
}

/**
 * The fields a correction may change; the merged result is checked as a new address. A
 * field may be left out but not sent as null.
 */
export class TrustedAddressChangesDto {
  @ApiPropertyOptional({ example: 'Địa chỉ tin cậy xóm Khuôn Ngục' })
  @IsOmittable()
  @IsNotEmpty({ message: '$property must not be empty' })
  @MaxLength(300)
  @IsString({ message: '$property must be text' })
  name?: string;

  @ApiPropertyOptional({ example: '05752' })
  @IsOmittable()
  @Matches(UNIT_CODE_PATTERN, { message: '$property must be a GSO unit code such as 05752' })
  @IsString({ message: '$property must be text' })
  unitCode?: string;

  @ApiPropertyOptional({ example: '2022-06-01' })
  @IsOmittable()
  @IsBusinessDate()
  establishedOn?: string;
}

export class CorrectTrustedAddressDto extends CorrectionOf(TrustedAddressChangesDto) {}

export class CloseTrustedAddressDto {
  @ApiProperty({
    example: '2024-12-31',
    description: 'From this day it takes in no more cases; not in the future',
  })
  @IsBusinessDate()
  on!: string;

  @ApiProperty({ example: 'the host family moved away' })
  @IsNotEmpty({ message: 'reason is required: say why the address closes' })
  @MaxLength(1000)
  @IsString({ message: 'reason is required: say why the address closes' })
  reason!: string;
}
