import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** Everyone who took part and, of them, the women: dialogues, training classes, communication events. */
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

/** Participants in a correction: only the counts to change; null is not a count. */
export class ParticipantChangesDto extends PartialType(ParticipantsDto, {
  skipNullProperties: false,
}) {}
