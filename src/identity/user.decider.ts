import { USER_SCHEMA_VERSION, type Role, type UserEvent } from '../../events/user';
import { GEOGRAPHY } from '../geography/geography';
import { assertNever, type Decider } from '../shared/decider';
import { InvalidCommand, NotFound, RuleViolation } from '../shared/domain-errors';

export interface UserAccount {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly unitCode: string;
  readonly displayName?: string;
}

export type UserState =
  | { readonly status: 'absent' }
  | { readonly status: 'active'; readonly account: UserAccount }
  | { readonly status: 'disabled'; readonly account: UserAccount };

export type UserCommand =
  | { readonly type: 'RegisterUser'; readonly account: UserAccount; readonly passwordHash: string; readonly today: string }
  | { readonly type: 'DisableUser'; readonly username: string };

/** A scope is any unit of any catalogue version: old districts keep their history. */
export function checkUserUnit(unitCode: string): void {
  if (!GEOGRAPHY.isKnown(unitCode)) {
    throw new InvalidCommand(`unitCode ${unitCode} is not a known administrative unit code`);
  }
}

function decide(command: UserCommand, state: UserState): readonly UserEvent[] {
  switch (command.type) {
    case 'RegisterUser': {
      checkUserUnit(command.account.unitCode);
      if (state.status !== 'absent') {
        throw new RuleViolation(`username ${command.account.username} is already taken`);
      }
      return [
        {
          type: 'UserRegistered',
          schemaVersion: USER_SCHEMA_VERSION,
          data: { ...command.account, passwordHash: command.passwordHash },
        },
      ];
    }
    case 'DisableUser': {
      if (state.status === 'absent') throw new NotFound(`no user named ${command.username}`);
      if (state.status === 'disabled') throw new RuleViolation(`user ${command.username} is already disabled`);
      return [
        {
          type: 'UserDisabled',
          schemaVersion: USER_SCHEMA_VERSION,
          data: { userId: state.account.userId, username: command.username },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

function evolve(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserRegistered': {
      const { passwordHash: _hash, ...account } = event.data;
      return { status: 'active', account };
    }
    case 'UserDisabled':
      return state.status === 'active' ? { status: 'disabled', account: state.account } : state;
    default:
      return assertNever(event);
  }
}

export const userDecider: Decider<UserCommand, UserState, UserEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'absent' }),
};
