import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, type CliCommand } from '../src/cli/cli-command';
import { backupCommand } from '../src/cli/commands/backup.command';
import { exportCommand } from '../src/cli/commands/export.command';
import { importCommand } from '../src/cli/commands/import.command';
import { rebuildCommand } from '../src/cli/commands/rebuild.command';
import { restoreCommand } from '../src/cli/commands/restore.command';
import { userAddCommand } from '../src/cli/commands/user-add.command';
import { verifyCommand } from '../src/cli/commands/verify.command';
import { SqliteEventStore } from '../src/ledger/sqlite/sqlite-event-store';

describe('the command-line tool', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'p8-cli-'));
    dirs.push(dir);
    return dir;
  };
  const run = async (command: CliCommand, dataDir: string, ...argv: string[]) => {
    process.env.LEDGER_DATA_DIR = dataDir;
    await command.run(parseArgs(argv));
  };
  const count = (dataDir: string) => {
    const store = SqliteEventStore.open(join(dataDir, 'ledger.sqlite'));
    const rows = store.readAllSync(0, 1_000_000);
    void store.close();
    return rows;
  };
  let logs: string[];

  beforeEach(() => {
    logs = [];
    jest.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line));
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => {
    delete process.env.LEDGER_DATA_DIR;
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('adds users, refusing a bad role with a clear message', async () => {
    const dir = newDir();
    await run(userAddCommand, dir, 'lan.officer', '--role', 'officer', '--unit', '05752');
    expect(logs.join('\n')).toMatch(/created user lan.officer/);
    expect(logs.join('\n')).toMatch(/password, shown only this once: \S{12,}/);
    await expect(run(userAddCommand, dir, 'bad.user', '--role', 'boss', '--unit', '05752')).rejects.toThrow(/role must be one of/);
    expect(count(dir).map((e) => e.type)).toEqual(['UserRegistered']);
  });

  it('exports, imports into an empty ledger, verifies and rebuilds', async () => {
    const source = newDir();
    await run(userAddCommand, source, 'one.user', '--role', 'viewer', '--unit', '19');
    await run(userAddCommand, source, 'two.user', '--role', 'supervisor', '--unit', '170');
    const file = join(newDir(), 'ledger.ndjson');
    await run(exportCommand, source, file);
    const target = newDir();
    await run(importCommand, target, file);
    expect(count(target).map(({ id, type, data }) => ({ id, type, data }))).toEqual(
      count(source).map(({ id, type, data }) => ({ id, type, data })),
    );
    await run(verifyCommand, target);
    expect(logs.join('\n')).toMatch(/ok: 2 events verified/);
    await run(rebuildCommand, target);
    expect(logs.join('\n')).toMatch(/rebuilt users, idempotency, indicator-facts, audit, .* from 2 events/);
    await expect(run(rebuildCommand, target, 'nonsense')).rejects.toThrow(/no read model named nonsense/);
    await expect(run(importCommand, target, file)).rejects.toThrow(/already holds events/);
  });

  it('refuses a truncated or altered export and changes nothing', async () => {
    const source = newDir();
    await run(userAddCommand, source, 'one.user', '--role', 'viewer', '--unit', '19');
    await run(userAddCommand, source, 'two.user', '--role', 'viewer', '--unit', '19');
    const file = join(newDir(), 'ledger.ndjson');
    await run(exportCommand, source, file);
    const text = readFileSync(file, 'utf8');
    const truncated = join(newDir(), 'truncated.ndjson');
    writeFileSync(truncated, text.slice(0, text.length - 20));
    const target = newDir();
    await expect(run(importCommand, target, truncated)).rejects.toThrow(/line 2: not valid JSON/);
    const reordered = join(newDir(), 'reordered.ndjson');
    writeFileSync(reordered, text.trim().split('\n').reverse().join('\n'));
    await expect(run(importCommand, target, reordered)).rejects.toThrow(/does not rise/);
    const altered = join(newDir(), 'altered.ndjson');
    writeFileSync(altered, text.replace('"role":"viewer"', '"role":"admin"'));
    await expect(run(importCommand, target, altered)).rejects.toThrow(/does not verify at position 1 .*does not match its hash.*nothing was imported/);
    expect(count(target)).toEqual([]);
  });

  it('backs up while the ledger is open and restores elsewhere', async () => {
    const source = newDir();
    await run(userAddCommand, source, 'one.user', '--role', 'viewer', '--unit', '19');
    const backup = join(newDir(), 'p8.backup');
    await run(backupCommand, source, backup);
    const target = newDir();
    await run(restoreCommand, target, backup);
    expect(count(target).map((e) => e.id)).toEqual(count(source).map((e) => e.id));
    await expect(run(backupCommand, source, backup)).rejects.toThrow(/already exists/);
  });

  describe('while a service holds the ledger', () => {
    let holder: ChildProcess;
    afterEach(() => holder.kill());

    it('refuses rebuild and import with a clear message', async () => {
      const dir = newDir();
      holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
      writeFileSync(join(dir, 'ledger.lock'), String(holder.pid));
      await expect(run(rebuildCommand, dir)).rejects.toThrow(/in use by process \d+ .*stop it, then rebuild again/);
      await expect(run(importCommand, dir, __filename)).rejects.toThrow(/cannot be imported|in use/);
    });
  });
});
