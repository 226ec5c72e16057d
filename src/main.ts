import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { ConfigError, loadConfig } from './config/ledger-config';
import { createApp } from './http/create-app';
import { ensureInitialAdmin } from './identity/initial-admin';
import { Ledger } from './ledger/ledger';
import { holdLedger } from './ledger/ledger-lock';
import { createLogger } from './logging/ledger-logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  mkdirSync(config.dataDir, { recursive: true });
  const release = holdLedger(config.dataDir, 'start the service');
  const ledger = await Ledger.open(config, (error) => logger.error({ err: error.message }, 'background work failed'), {
    sealing: true,
  });
  const created = await ensureInitialAdmin(ledger);
  if (created) logger.info(created);
  const app = await createApp(ledger, { logger });
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing requests in flight');
    // Fastify stops accepting, lets requests in flight answer, then the ledger commits and closes.
    await app.close();
    await ledger.close();
    release();
    logger.info('stopped');
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void shutdown(signal).then(() => process.exit(0)));
  }
  await app.listen({ port: config.port, host: config.host });
  logger.info(
    { port: config.port, store: config.store, dataDir: config.dataDir },
    `P8 Ledger listening on http://localhost:${config.port}`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`P8 Ledger could not start: ${message}`);
  process.exit(1);
});
