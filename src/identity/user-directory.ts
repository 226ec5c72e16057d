import { Inject, Injectable } from '@nestjs/common';
import type { Role } from '../../events/user';
import { findUser } from '../../projections/users/users.projection';
import { LEDGER, Ledger } from '../ledger/ledger';

export interface DirectoryUser {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  readonly unitCode: string;
  readonly displayName?: string;
  readonly passwordHash: string;
  readonly disabled: boolean;
}

/** Accounts as the users read model has them. */
@Injectable()
export class UserDirectory {
  constructor(@Inject(LEDGER) private readonly ledger: Ledger) {}

  find(username: string): DirectoryUser | undefined {
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
