import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../events/user';
import { UNIT_CODE_PATTERN } from '../http/validators';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsNotEmpty()
  @MaxLength(64)
  @IsString()
  username!: string;

  @ApiProperty()
  @IsNotEmpty()
  @MaxLength(1024)
  @IsString()
  password!: string;
}

export class RegisterUserDto {
  @ApiProperty({ example: 'lienminh.officer', description: '3–32 of a-z 0-9 . _ -' })
  @Matches(USERNAME_PATTERN, { message: 'username must be 3 to 32 characters of a-z, 0-9, dot, underscore or hyphen' })
  @IsString()
  username!: string;

  @ApiProperty({ minLength: 12 })
  @MinLength(12, { message: 'password must be at least 12 characters long' })
  @MaxLength(1024)
  @IsString()
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiProperty({ example: '05752', description: 'Scope: this unit and everything below it' })
  @Matches(UNIT_CODE_PATTERN, { message: 'unitCode must be a GSO unit code such as 19, 170 or 05752' })
  @IsString()
  unitCode!: string;

  @ApiPropertyOptional({ example: 'Hoàng Thị Lan' })
  @IsOptional()
  @MaxLength(200)
  @IsString()
  displayName?: string;
}
