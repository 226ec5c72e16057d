import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Role } from '../../events/user';
import { findUser, usersProjection } from '../../projections/users/users.projection';
import { LEDGER, Ledger } from '../ledger/ledger';
import { ReadModelMemo } from '../ledger/read-model-memo';

export interface DirectoryUser {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly unitCode: string;
  readonly displayName?: string;
  readonly passwordHash: string;
  readonly disabled: boolean;
}

/**
 * Accounts as the users read model has them. Every request looks its user up, so an
 * account is read once per advance of the read models rather than once per request.
 */
@Injectable()
export class UserDirectory implements OnModuleDestroy {
  private readonly accounts: ReadModelMemo<DirectoryUser | undefined>;

  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {
    this.accounts = new ReadModelMemo(ledger.runner, undefined, usersProjection.handles);
  }

  find(username: string): DirectoryUser | undefined {
    return this.accounts.get(username, () => this.read(username));
  }

  onModuleDestroy(): void {
    this.accounts.close();
  }

  private read(username: string): DirectoryUser | undefined {
    const row = findUser(this.ledger.readModels, username);
    if (!row) return undefined;
    return {
      userId: row.user_id,
      username: row.username,
      role: row.role as Role,
      unitCode: row.unit_code,
      ...(row.display_name ? { displayName: row.display_name } : {}),
      passwordHash: row.password_hash,
      disabled: row.disabled === 1,
    };
  }
}
