import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { userStream, type Role } from '../../events/user';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { businessToday } from '../shared/business-date';
import { hashPassword } from './password';
import { assertManages } from './scope';
import { checkUserUnit, userDecider } from './user.decider';

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly unitCode: string;
  readonly displayName?: string;
}

export class RegisterUserCommand {
  constructor(
    readonly user: NewUser,
    readonly envelope: CommandEnvelope,
  ) {}
}

/** Registers a user: the same path for the API, the first admin and `ledger user:add`. */
export async function registerUser(ledger: Ledger, user: NewUser, envelope: CommandEnvelope): Promise<CommandResult> {
  const { password, ...account } = user;
  const today = businessToday(envelope.now);
  checkUserUnit(user.unitCode);
  // An admin gives out access only within its own scope.
  assertManages(envelope.actor, user.unitCode);
  const command = {
    type: 'RegisterUser' as const,
    account: { userId: randomUUID(), ...account },
    passwordHash: await hashPassword(password),
    today,
  };
  return ledger.commands.run(
    {
      streamId: userStream(user.username),
      initialState: userDecider.initialState,
      evolve: userDecider.evolve,
      decide: (state) => userDecider.decide(command, state),
      unitOf: () => user.unitCode,
      resultId: user.username,
    },
    envelope,
  );
}

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ user, envelope }: RegisterUserCommand): Promise<CommandResult> {
    return registerUser(this.ledger, user, envelope);
  }
}
