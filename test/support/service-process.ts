import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawnTypeScript, PROJECT_ROOT, type TypeScriptChild } from './typescript-child';

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The real service (src/main.ts) in a process of its own, on a free port of 127.0.0.1. */
export interface ServiceProcess {
  readonly child: TypeScriptChild;
  call(
    method: 'GET' | 'POST',
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<HttpAnswer>;
}

export async function startService(
  env: Record<string, string>,
  readyWithinMs = 90_000,
): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawnTypeScript(join(PROJECT_ROOT, 'src', 'main.ts'), [], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
  });
  const base = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = {
    child,
    async call(method, path, options = {}) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
  };
  let gone = false;
  void child.exited.then(() => (gone = true));
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (gone) throw new Error(`the service stopped while starting: ${child.stderr()}`);
    if (Date.now() > deadline) {
      child.process.kill('SIGKILL');
      throw new Error(`the service did not answer within ${readyWithinMs} ms: ${child.stderr()}`);
    }
    // Ready once it answers its health check; the log line may be filtered by the log level.
    const health = await service.call('GET', '/api/health').catch(() => undefined);
    if (health?.status === 200) return service;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
