import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { describeValidationErrors } from '../../http/validation';
import { generatePassword } from '../../identity/password';
import { registerUser } from '../../identity/register-user.command';
import { RegisterUserDto } from '../../identity/user.dto';
import { CliError, option, type CliCommand } from '../cli-command';
import { openForCli } from '../open-for-cli';

export const userAddCommand: CliCommand = {
  name: 'user:add',
  usage: 'user:add <username> --role <role> --unit <code> [--display-name <name>] [--password-file <file>]',
  summary: 'create a user (the password comes from a file, LEDGER_USER_PASSWORD, or is generated and shown once)',
  help: 'Roles: admin, officer, case_worker, supervisor, viewer. The unit is the GSO code of the scope (19, 170, 05752…).',
  async run(args) {
    const [username] = args.positional;
    const passwordFile = option(args, 'password-file');
    const given = passwordFile ? readFileSync(passwordFile, 'utf8').trim() : process.env.LEDGER_USER_PASSWORD;
    const password = given || generatePassword();
    const body = plainToInstance(RegisterUserDto, {
      username,
      password,
      role: option(args, 'role'),
      unitCode: option(args, 'unit'),
      ...(option(args, 'display-name') ? { displayName: option(args, 'display-name') } : {}),
    });
    const problems = describeValidationErrors(validateSync(body, { forbidUnknownValues: true }));
    if (problems.length > 0) throw new CliError(problems.join('; '));
    const { ledger, done } = await openForCli('add a user', { alone: false });
    try {
      const operator = `cli:${userInfo().username}`;
      await registerUser(ledger, { ...body }, {
        actor: { userId: operator, username: operator, role: 'admin', unitCode: '19' },
        now: new Date(),
        correlationId: `cli-user-add-${Date.now()}`,
      });
    } finally {
      await done();
    }
    console.log(`created user ${body.username} (${body.role}, unit ${body.unitCode})`);
    if (!given) console.log(`its password, shown only this once: ${password}`);
  },
};
