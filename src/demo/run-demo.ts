import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../http/create-app';
import { ensureInitialAdmin } from '../identity/initial-admin';
import { generatePassword } from '../identity/password';
import { registerUser } from '../identity/register-user.command';
import { SYSTEM_ACTOR } from '../ledger/envelope';
import type { Ledger } from '../ledger/ledger';
import { seedPlan, type DemoCall } from './seed-plan';

export class DemoRefused extends Error {}

/**
 * Loads the seed's figures into an empty ledger through the service's own HTTP routes
 * (same validation, same commands, same events), as user `demo`.
 */
export async function runDemo(ledger: Ledger, onProgress: (done: number, total: number) => void): Promise<{ calls: number; adminNote?: string }> {
  if ((await ledger.store.headPosition()) > 0) {
    throw new DemoRefused('the ledger already holds events; the demo only fills an empty LEDGER_DATA_DIR');
  }
  const adminNote = await ensureInitialAdmin(ledger);
  const demoPassword = generatePassword();
  const now = { actor: SYSTEM_ACTOR, now: new Date(), correlationId: 'demo' };
  await registerUser(ledger, { username: 'demo', password: demoPassword, role: 'officer', unitCode: '19', displayName: 'Demo' }, now);
  const demoAdmin = generatePassword();
  await registerUser(ledger, { username: 'demo.admin', password: demoAdmin, role: 'admin', unitCode: '19', displayName: 'Demo admin' }, now);
  const app = await createApp(ledger, { logger: false });
  try {
    const tokens = {
      demo: await login(app, 'demo', demoPassword),
      admin: await login(app, 'demo.admin', demoAdmin),
    };
    const plan = seedPlan();
    const ids: string[] = [];
    for (const [index, call] of plan.entries()) {
      ids[index] = await send(app, call, tokens, ids);
      onProgress(index + 1, plan.length);
    }
    return { calls: plan.length, ...(adminNote ? { adminNote } : {}) };
  } finally {
    await app.close();
  }
}

async function login(app: NestFastifyApplication, username: string, password: string): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  return response.json<{ accessToken: string }>().accessToken;
}

async function send(app: NestFastifyApplication, call: DemoCall, tokens: Record<DemoCall['as'], string>, ids: string[]): Promise<string> {
  const url = call.parent === undefined ? call.url : call.url.replace(':parent', ids[call.parent] ?? '');
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${tokens[call.as]}` },
    payload: call.body,
  });
  if (response.statusCode !== 201) {
    throw new Error(`the demo's ${url} was refused (${response.statusCode}): ${response.body}`);
  }
  return response.json<{ id: string }>().id;
}
