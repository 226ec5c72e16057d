import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of `POST /api/{collection}/{id}/void`. */
export class VoidRecordDto {
  @ApiProperty({ example: 'entered twice by mistake' })
  @IsNotEmpty({ message: 'reason is required: say why the record is voided' })
  @MaxLength(1000)
  @IsString({ message: 'reason is required: say why the record is voided' })
  reason!: string;
}
