import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

/** The optional `id` (a UUID) a create command may carry; the server makes one otherwise. */
export const ClientChosenId = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      format: 'uuid',
      description: 'Client-chosen id; the server makes one otherwise',
    }),
    IsOptional(),
    IsUUID('all', { message: '$property must be a UUID' }),
  );
