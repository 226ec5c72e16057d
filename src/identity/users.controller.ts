import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Envelope } from '../http/command-envelope.decorator';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { DisableUserCommand } from './disable-user.command';
import { RegisterUserCommand } from './register-user.command';
import { Roles } from './roles.decorator';
import { RegisterUserDto } from './user.dto';

@ApiTags('identity')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a user with a role and a unit scope' })
  @ApiResponse({ status: 201, description: '{ id, streamId, revision, position }; id is the username' })
  @ApiResponse({ status: 409, description: 'the username is taken' })
  register(@Body() body: RegisterUserDto, @Envelope() envelope: CommandEnvelope): Promise<CommandResult> {
    return this.commands.execute(new RegisterUserCommand({ ...body }, envelope));
  }

  @Post(':username/disable')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: "Disable a user; the user's tokens stop working at once" })
  async disable(@Param('username') username: string, @Envelope() envelope: CommandEnvelope): Promise<void> {
    await this.commands.execute(new DisableUserCommand(username, envelope));
  }
}
