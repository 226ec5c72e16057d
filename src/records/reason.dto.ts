import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** A body that only says why: erasures, reopenings. */
export class ReasonDto {
  @ApiProperty({ example: 'the guardian asked for the child to be forgotten' })
  @IsNotEmpty({ message: 'reason is required: say why' })
  @MaxLength(1000)
  @IsString({ message: 'reason is required: say why' })
  reason!: string;
}
