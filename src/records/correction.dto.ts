import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateNested,
} from 'class-validator';

/**
 * Body of `POST /api/{collection}/{id}/corrections`: the record's own `changes` DTO (the
 * fields a correction may change, all optional) and the required `reason`.
 */
export function CorrectionOf<Changes extends object>(changesDto: new () => Changes) {
  abstract class Correction {
    @ApiProperty({
      type: changesDto,
      description: 'Only the fields to change; nested objects are merged field by field',
    })
    @NamesAField()
    @ValidateNested()
    @Type(() => changesDto)
    @IsObject()
    changes!: Changes;

    @ApiProperty({ example: 'attendance list recounted' })
    @IsNotEmpty({ message: 'reason is required: say why the record is corrected' })
    @MaxLength(1000)
    @IsString({ message: 'reason is required: say why the record is corrected' })
    reason!: string;
  }
  return Correction;
}

/**
 * At least one field sent. A validated DTO instance carries every declared field, left
 * undefined when not sent, so "no keys" is not the test; a null sent is a field given
 * (and then refused by that field's own rules).
 */
function NamesAField(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'namesAField',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: 'changes must name at least one field to change' },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          Object.values(value).some((field) => field !== undefined),
      },
    });
}
