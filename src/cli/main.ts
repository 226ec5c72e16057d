import 'reflect-metadata';
import { ConfigError } from '../config/ledger-config';
import { CliError, parseArgs, type CliCommand } from './cli-command';
import { backupCommand } from './commands/backup.command';
import { demoCommand } from './commands/demo.command';
import { exportCommand } from './commands/export.command';
import { importCommand } from './commands/import.command';
import { rebuildCommand } from './commands/rebuild.command';
import { restoreCommand } from './commands/restore.command';
import { userAddCommand } from './commands/user-add.command';
import { verifyCommand } from './commands/verify.command';

const COMMANDS: readonly CliCommand[] = [
  userAddCommand,
  demoCommand,
  rebuildCommand,
  verifyCommand,
  exportCommand,
  importCommand,
  backupCommand,
  restoreCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return [
    'P8 Ledger command-line tool. Works on LEDGER_DATA_DIR (default ./data) and LEDGER_STORE.',
    '',
    'usage: npm run ledger -- <command> [arguments]',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'npm run ledger -- <command> --help  tells more about one command.',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`unknown command ${name}\n\n${usage()}`);
    return 2;
  }
  const args = parseArgs(rest);
  if (args.options.has('help') || args.options.has('h')) {
    console.log([`usage: npm run ledger -- ${command.usage}`, '', command.summary, command.help ?? ''].join('\n').trim());
    return 0;
  }
  await command.run(args);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof CliError || error instanceof ConfigError;
    const message = error instanceof Error ? error.message : String(error);
    console.error(known ? `error: ${message}` : `error: ${message}\n${(error as Error).stack ?? ''}`);
    process.exit(1);
  },
);
