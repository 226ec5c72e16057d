import { DemoRefused, runDemo } from '../../demo/run-demo';
import { CliError, type CliCommand } from '../cli-command';
import { openForCli } from '../open-for-cli';
import { Progress } from '../progress';

export const demoCommand: CliCommand = {
  name: 'demo',
  usage: 'demo',
  summary: "fill an empty ledger with the Thai Nguyen figures of the seed, as individual records",
  help:
    'Records, through the service\'s own routes and as user demo: the 88-dialogue target, 36 policy dialogues ' +
    '(3,300 participants, 10 with provincial support in 5 districts), 4 classes on running dialogues, 37 ' +
    '"Leaders of Change" clubs with 968 children (588 girls, 380 boys), 37 gender-mainstreaming classes ' +
    '(2,160 participant-times) and 126 manuals. Refuses a ledger that already holds events.',
  async run() {
    const { ledger, done } = await openForCli('run the demo', { alone: true });
    try {
      let progress: Progress | undefined;
      const result = await runDemo(ledger, (finished, total) => {
        progress ??= new Progress('demo', total);
        progress.update(finished);
      });
      progress?.finish(result.calls);
      if (result.adminNote) console.log(result.adminNote);
      console.log(`recorded ${result.calls.toLocaleString('en')} demo records; start the service with npm start`);
    } catch (error) {
      if (error instanceof DemoRefused) throw new CliError(error.message);
      throw error;
    } finally {
      await done();
    }
  },
};
