import { resolve } from 'node:path';

export type StoreKind = 'sqlite' | 'eventstoredb';

export interface LedgerConfig {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly store: StoreKind;
  readonly eventStoreConnectionString?: string;
  readonly adminPassword?: string;
  readonly jwtSecret?: string;
  /** 64 hex characters: wraps the per-subject keys of personal details. */
  readonly masterKey?: string;
  readonly tokenTtlSeconds: number;
  readonly logLevel: string;
}

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');

/** A setting that cannot be used, with the variable's name and what it should be. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw} is not valid: it must be a whole number from ${min} to ${max}`);
  }
  return value;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and checks the environment once, at start, with a clear message for a wrong value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const store = (env.LEDGER_STORE ?? 'sqlite') as StoreKind;
  if (store !== 'sqlite' && store !== 'eventstoredb') {
    throw new ConfigError(`LEDGER_STORE=${env.LEDGER_STORE} is not valid: use sqlite (the default) or eventstoredb`);
  }
  const connection = env.EVENTSTORE_CONNECTION_STRING;
  if (store === 'eventstoredb' && !connection) {
    throw new ConfigError(
      'LEDGER_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING, for example esdb://localhost:2113?tls=false',
    );
  }
  if (connection && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//.test(connection)) {
    throw new ConfigError(
      `EVENTSTORE_CONNECTION_STRING=${connection} is not valid: it starts with esdb:// (or esdb+discover://)`,
    );
  }
  const adminPassword = env.LEDGER_ADMIN_PASSWORD || undefined;
  if (adminPassword !== undefined && adminPassword.length < 12) {
    throw new ConfigError('LEDGER_ADMIN_PASSWORD is too short: a password has at least 12 characters');
  }
  const jwtSecret = env.LEDGER_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('LEDGER_JWT_SECRET is too short: use at least 32 random characters');
  }
  const masterKey = env.LEDGER_MASTER_KEY || undefined;
  if (masterKey !== undefined && !/^[0-9a-fA-F]{64}$/.test(masterKey)) {
    throw new ConfigError('LEDGER_MASTER_KEY is not valid: it must be 64 hexadecimal characters (32 bytes)');
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL=${logLevel} is not valid: use one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.LEDGER_DATA_DIR ?? './data'),
    store,
    ...(connection ? { eventStoreConnectionString: connection } : {}),
    ...(adminPassword ? { adminPassword } : {}),
    ...(jwtSecret ? { jwtSecret } : {}),
    ...(masterKey ? { masterKey } : {}),
    tokenTtlSeconds: integer(env, 'LEDGER_TOKEN_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
    logLevel,
  };
}
