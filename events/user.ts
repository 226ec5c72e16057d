import type { DomainEvent } from './event';

/** Stream of one user account: `user-<username>`. */
export const userStream = (username: string): string => `user-${username}`;

export type Role = 'admin' | 'officer' | 'case_worker' | 'supervisor' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'officer', 'case_worker', 'supervisor', 'viewer'];

export type UserRegistered = DomainEvent<
  'UserRegistered',
  {
    readonly userId: string;
    readonly username: string;
    readonly role: Role;
    readonly unitCode: string;
    readonly displayName?: string;
    /** scrypt hash; never shown in replays. */
    readonly passwordHash: string;
  }
>;
export type UserDisabled = DomainEvent<'UserDisabled', { readonly userId: string; readonly username: string }>;

export type UserEvent = UserRegistered | UserDisabled;

export const USER_SCHEMA_VERSION = 1;
export const USER_EVENT_TYPES = ['UserRegistered', 'UserDisabled'] as const;
