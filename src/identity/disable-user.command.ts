import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { userStream } from '../../events/user';
import type { CommandEnvelope, CommandResult } from '../ledger/command-envelope';
import { LEDGER, type Ledger } from '../ledger/ledger';
import { RuleViolation } from '../shared/domain-errors';
import { assertManages } from './scope';
import { userDecider } from './user.decider';

export class DisableUserCommand {
  constructor(
    readonly username: string,
    readonly envelope: CommandEnvelope,
  ) {}
}

@CommandHandler(DisableUserCommand)
export class DisableUserHandler implements ICommandHandler<DisableUserCommand, CommandResult> {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  execute({ username, envelope }: DisableUserCommand): Promise<CommandResult> {
    return this.ledger.commands.run(
      {
        streamId: userStream(username),
        initialState: userDecider.initialState,
        evolve: userDecider.evolve,
        decide: (state) => {
          if (state.status !== 'absent') {
            assertManages(envelope.actor, state.account.unitCode);
            if (state.account.username === envelope.actor.username) {
              throw new RuleViolation('you cannot disable your own account');
            }
          }
          return userDecider.decide({ type: 'DisableUser', username }, state);
        },
        unitOf: (state) => (state.status === 'absent' ? envelope.actor.unitCode : state.account.unitCode),
        resultId: username,
      },
      envelope,
    );
  }
}
