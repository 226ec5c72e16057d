import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { CliError, type CliCommand } from '../cli-command';
import { openForCli } from '../open-for-cli';
import { Progress } from '../progress';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export <file.ndjson>',
  summary: 'write the whole log, in order, one event per line (personal details stay sealed)',
  async run(args) {
    const [file] = args.positional;
    if (!file) throw new CliError('say where to write: export <file.ndjson>');
    const { ledger, done } = await openForCli('export', { alone: false });
    const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    try {
      await once(out, 'open');
      const head = await ledger.store.headPosition();
      const progress = new Progress('export', head);
      let written = 0;
      for (let after = 0; ; ) {
        const page = await ledger.store.readAll({ after, limit: 5000 });
        const last = page[page.length - 1];
        if (!last) break;
        for (const event of page) {
          if (!out.write(`${JSON.stringify(event)}\n`)) await once(out, 'drain');
        }
        written += page.length;
        progress.update(written);
        after = last.position;
      }
      progress.finish(written);
      out.end();
      await once(out, 'finish');
      console.log(`exported ${written.toLocaleString('en')} events to ${file}`);
    } catch (error) {
      out.destroy();
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliError(`${file} already exists; choose a new file`);
      throw error;
    } finally {
      await done();
    }
  },
};
