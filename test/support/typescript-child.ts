import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const PROJECT_ROOT = join(__dirname, '..', '..');

/*
 * The child runs the TypeScript sources as they are, with no build: a require hook
 * transpiles each .ts file with the project's compiler options (no type check, as ts-jest
 * does inside Jest), and keeps the output in a cache in the temporary directory, because
 * transpiling the whole service takes seconds. It is passed with -e rather than kept as a
 * .js file beside this one because the linter only knows TypeScript here.
 */
const REGISTER_AND_RUN = `
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const ts = require('typescript');
const root = ${JSON.stringify(PROJECT_ROOT)};
const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config;
const options = {
  ...ts.parseJsonConfigFileContent(config, ts.sys, root).options,
  module: ts.ModuleKind.CommonJS,
  sourceMap: false,
  inlineSourceMap: true,
  declaration: false,
  incremental: false,
};
const cache = join(require('node:os').tmpdir(), 'p8-ledger-ts-cache');
mkdirSync(cache, { recursive: true });
const salt = ts.version + JSON.stringify(options);
require.extensions['.ts'] = (module, filename) => {
  const source = readFileSync(filename, 'utf8');
  const cached = join(cache, createHash('sha256').update(salt).update(filename).update(source).digest('hex') + '.js');
  let output;
  try {
    output = readFileSync(cached, 'utf8');
  } catch {
    output = ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
    const partial = cached + '.' + process.pid;
    writeFileSync(partial, output);
    renameSync(partial, cached);
  }
  module._compile(output, filename);
};
require(require('node:path').resolve(process.argv[1]));
`;

export interface TypeScriptChild {
  readonly process: ChildProcess;
  /** Everything the child wrote to stderr so far, for failure messages. */
  stderr(): string;
  /** Resolves with the exit code or the signal once the child has gone and its output is read. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `entry` (a .ts file) in its own Node process; `onLine` gets each line of its
 * stdout as it arrives, including the lines still in the pipe when it was killed.
 */
export function spawnTypeScript(
  entry: string,
  args: readonly string[],
  options: { env?: Record<string, string>; onLine?: (line: string) => void } = {},
): TypeScriptChild {
  const child = spawn(process.execPath, ['-e', REGISTER_AND_RUN, entry, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => options.onLine?.(line));
  const outputRead = new Promise<void>((resolve) => lines.once('close', resolve));
  const gone = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    stderr: () => stderr,
    exited: Promise.all([gone, outputRead]).then(([outcome]) => outcome),
  };
}
