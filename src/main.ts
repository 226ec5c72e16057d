import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { ConfigError, loadConfig } from './config/ledger-config';
import { createApp } from './http/create-app';
import { ensureInitialAdmin } from './identity/initial-admin';
import { Ledger } from './ledger/ledger';
import { holdLedger } from './ledger/ledger-lock';

async function main(): Promise<void> {
  const logger = new Logger('ledger');
  const config = loadConfig();
  mkdirSync(config.dataDir, { recursive: true });
  const release = holdLedger(config.dataDir, 'start the service');
  const ledger = await Ledger.open(config, (error) => logger.error(`background work failed: ${error.message}`), {
    sealing: true,
  });
  const created = await ensureInitialAdmin(ledger);
  if (created) logger.log(created);
  const app = await createApp(ledger);
  const shutdown = async (): Promise<void> => {
    await app.close();
    await ledger.close();
    release();
  };
  process.once('SIGINT', () => void shutdown().then(() => process.exit(0)));
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
  await app.listen({ port: config.port, host: config.host });
  logger.log(`P8 Ledger listening on http://localhost:${config.port} (store: ${config.store}, data: ${config.dataDir})`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  console.error(`P8 Ledger could not start: ${message}`);
  process.exit(1);
});
