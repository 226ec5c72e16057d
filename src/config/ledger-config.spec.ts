import { ConfigError, loadConfig } from './ledger-config';

describe('configuration from the environment', () => {
  it('has defaults that start an embedded ledger', () => {
    expect(loadConfig({})).toMatchObject({ port: 3000, store: 'sqlite', tokenTtlSeconds: 28800, logLevel: 'info' });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT=abc is not valid: it must be a whole number from 0 to 65535/],
    [{ LEDGER_STORE: 'postgres' }, /LEDGER_STORE=postgres is not valid: use sqlite \(the default\) or eventstoredb/],
    [{ LEDGER_STORE: 'eventstoredb' }, /needs EVENTSTORE_CONNECTION_STRING/],
    [{ EVENTSTORE_CONNECTION_STRING: 'http://x' }, /must start with esdb:\/\/|starts with esdb:\/\//],
    [{ LEDGER_ADMIN_PASSWORD: 'short' }, /LEDGER_ADMIN_PASSWORD is too short/],
    [{ LEDGER_JWT_SECRET: 'short' }, /LEDGER_JWT_SECRET is too short/],
    [{ LEDGER_MASTER_KEY: 'zz' }, /LEDGER_MASTER_KEY is not valid/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL=loud is not valid/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('accepts EventStoreDB with its connection string', () => {
    expect(
      loadConfig({ LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }),
    ).toMatchObject({ store: 'eventstoredb', eventStoreConnectionString: 'esdb://localhost:2113?tls=false' });
  });
});
