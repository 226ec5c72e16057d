import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../src/config/ledger-config';
import { SEED_FIGURES } from '../src/demo/seed-plan';
import { DemoRefused, runDemo } from '../src/demo/run-demo';
import { createApp } from '../src/http/create-app';
import { Ledger } from '../src/ledger/ledger';

describe('the demo reproduces the seed\'s Thai Nguyen figures', () => {
  let dataDir: string;
  let ledger: Ledger;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'p8-demo-'));
    ledger = await Ledger.open(loadConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_PASSWORD: 'admin-password-demo' }));
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fills an empty ledger through the API as user demo, and the indicator table equals the seed', async () => {
    const progress: number[] = [];
    const result = await runDemo(ledger, (done) => progress.push(done));
    expect(progress[progress.length - 1]).toBe(result.calls);

    const app = await createApp(ledger, { logger: false });
    try {
      const http = () => request(app.getHttpServer());
      const login = await http().post('/api/auth/login').send({ username: 'admin', password: 'admin-password-demo' }).expect(200);
      const token = login.body.accessToken as string;
      const table = await http().get('/api/indicators?unit=19&to=2023-12-31').set('Authorization', `Bearer ${token}`).expect(200);
      const row = (code: string) => table.body.rows.find((r: { indicator: string }) => r.indicator === code);
      const f = SEED_FIGURES;
      expect(row('dialogues.held')).toMatchObject({ value: f.dialogues, target: f.dialogueTarget });
      expect(row('dialogues.participants').value).toBe(f.dialogueParticipants);
      expect(row('clubs.active').value).toBe(f.clubs);
      expect(row('clubs.members')).toMatchObject({
        value: f.clubGirls + f.clubBoys,
        breakdown: { sex: { female: f.clubGirls, male: f.clubBoys } },
      });
      expect(row('trainings.classes')).toMatchObject({
        value: f.mainstreamingClasses + f.dialogueTrainingClasses,
        breakdown: { topic: { gender_mainstreaming: f.mainstreamingClasses, policy_dialogue: f.dialogueTrainingClasses } },
      });
      expect(row('trainings.manuals_distributed').value).toBe(f.manuals);
      const mainstreaming = await http().get('/api/events?type=TrainingHeld&limit=10000').set('Authorization', `Bearer ${token}`).expect(200);
      const attendances = mainstreaming.body.items
        .filter((e: { data: { topic: string } }) => e.data.topic === 'gender_mainstreaming')
        .reduce((sum: number, e: { data: { participants: { total: number } } }) => sum + e.data.participants.total, 0);
      expect(attendances).toBe(f.mainstreamingParticipantTimes);
      const dialogues = await http().get('/api/events?type=DialogueHeld&limit=10000').set('Authorization', `Bearer ${token}`).expect(200);
      const supported = dialogues.body.items.filter((e: { data: { provincialSupport?: boolean } }) => e.data.provincialSupport);
      expect(supported).toHaveLength(f.dialoguesWithProvincialSupport);
      expect(dialogues.body.items.every((e: { metadata: { actor: { username: string } } }) => e.metadata.actor.username === 'demo')).toBe(true);
    } finally {
      await app.close();
    }
    await expect(runDemo(ledger, () => undefined)).rejects.toBeInstanceOf(DemoRefused);
  });
});
