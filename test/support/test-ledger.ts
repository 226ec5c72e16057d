import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../src/config/ledger-config';
import { createApp } from '../../src/http/create-app';
import { ensureInitialAdmin } from '../../src/identity/initial-admin';
import { Ledger } from '../../src/ledger/ledger';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

/** A real service over a real temporary SQLite ledger, driven through HTTP. */
export interface TestLedger {
  readonly app: NestFastifyApplication;
  readonly ledger: Ledger;
  readonly dataDir: string;
  readonly http: () => request.Agent;
  /** Logs in and answers the access token. */
  login(username: string, password: string): Promise<string>;
  /** Creates a user (as admin) and answers its token. */
  user(username: string, role: string, unitCode: string): Promise<string>;
  adminToken(): Promise<string>;
  /** Number of events in the log. */
  head(): Promise<number>;
  /** Stops the service; its data directory goes too unless `keepData` (to start it again). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestLedger(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'p8-ledger-test-')),
): Promise<TestLedger> {
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env });
  const ledger = await Ledger.open(config);
  await ensureInitialAdmin(ledger);
  const app = await createApp(ledger, { logger: false });
  const server = app.getHttpServer();
  const http = () => request.agent(server);
  let admin: string | undefined;
  const login = async (username: string, password: string) => {
    const response = await http().post('/api/auth/login').send({ username, password }).expect(200);
    return (response.body as { accessToken: string }).accessToken;
  };
  const adminToken = async () => (admin ??= await login('admin', ADMIN_PASSWORD));
  return {
    app,
    ledger,
    dataDir,
    http,
    login,
    adminToken,
    async user(username, role, unitCode) {
      const password = `${username}-password-long`;
      await http()
        .post('/api/users')
        .set('Authorization', `Bearer ${await adminToken()}`)
        .send({ username, password, role, unitCode })
        .expect(201);
      return login(username, password);
    },
    head: () => ledger.store.headPosition(),
    async close({ keepData = false } = {}) {
      await app.close();
      await ledger.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A dialogue body as a recorder would send it. */
export function dialogueBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    level: 'commune',
    unitCode: '05752',
    heldOn: '2023-10-12',
    topic: 'Access to preferential credit for ethnic minority women',
    participants: { total: 92, women: 60 },
    ...overrides,
  };
}
