import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../../projections/all-projections';
import { PROJECTIONS_FILE } from '../../ledger/ledger';
import { openProjectionDatabase } from '../../projection-runner/projection-database';
import { CliError, type CliCommand } from '../cli-command';
import { openForCli } from '../open-for-cli';
import { Progress } from '../progress';

export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  usage: 'rebuild [projection]',
  summary: 'rebuild one read model, or all of them, from the start of the log',
  help: `Read models: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}. The service must be stopped.`,
  async run(args) {
    const [name] = args.positional;
    const chosen = name ? ALL_PROJECTIONS.filter((p) => p.name === name) : ALL_PROJECTIONS;
    if (chosen.length === 0) {
      throw new CliError(`no read model named ${name}; choose one of ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`);
    }
    const { ledger, done } = await openForCli('rebuild', {
      alone: true,
      // Forgetting a checkpoint makes the runner drop the read model and replay it from zero.
      beforeOpen: (dataDir) => {
        const db = openProjectionDatabase(join(dataDir, PROJECTIONS_FILE));
        const forget = db.prepare('DELETE FROM projection_checkpoints WHERE name = ?');
        for (const projection of chosen) forget.run(projection.name);
        db.close();
      },
    });
    try {
      const head = await ledger.store.headPosition();
      const progress = new Progress(`rebuild ${name ?? 'all'}`, head);
      while (ledger.runner.position < head) {
        progress.update(ledger.runner.position);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      progress.finish(head);
      console.log(`rebuilt ${chosen.map((p) => p.name).join(', ')} from ${head.toLocaleString('en')} events`);
    } finally {
      await done();
    }
  },
};
