import { existsSync } from 'node:fs';
import { snapshotFile } from '../projections/indicators/fact-index-snapshot';
import { factIndexOf } from '../projections/indicators/kept-fact-indexes';
import { dialogueBody, startTestLedger, type TestLedger } from './support/test-ledger';

describe('a service stopped and started again', () => {
  let t: TestLedger | undefined;
  afterEach(async () => t?.close());

  it('answers indicators from the facts it saved at its stop, at once, as before', async () => {
    const first = await startTestLedger();
    const officer = await first.user('restart.officer', 'officer', '05752');
    for (const total of [92, 40, 31]) {
      await first
        .http()
        .post('/api/dialogues')
        .set('Authorization', `Bearer ${officer}`)
        .send(dialogueBody({ participants: { total, women: 20 } }))
        .expect(201);
    }
    const indicators = async (service: TestLedger) =>
      (
        await service
          .http()
          .get('/api/indicators?unit=19&from=2023-01-01&to=2023-12-31')
          .set('Authorization', `Bearer ${await service.adminToken()}`)
          .expect(200)
      ).body as { rows: unknown[]; position: number };
    const before = await indicators(first);
    await first.close({ keepData: true });
    expect(existsSync(snapshotFile(first.ledger.readModels))).toBe(true);

    t = await startTestLedger({}, first.dataDir);
    // The first answer waits for the saved facts, not for steps of loading the table.
    expect(await indicators(t)).toEqual(before);
    expect(factIndexOf(t.ledger.readModels)?.size).toBeGreaterThan(0);
    expect(existsSync(snapshotFile(t.ledger.readModels))).toBe(false);
  });
});
