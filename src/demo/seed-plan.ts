import before from '../../reference/units-before-2025-07-01.json';
import type { GeographyVersion } from '../geography/administrative-unit';
import { SeededRandom, splitTotal } from './seeded-random';

/** One API call of the demo, made as the named demo user. */
export interface DemoCall {
  readonly as: 'admin' | 'demo';
  readonly url: string;
  readonly body: Record<string, unknown>;
  /** The body field that names the parent record created by an earlier call, for members. */
  readonly parent?: number;
}

/**
 * The figures of Thai Nguyen's talk show on two years of Project 8 (DOMAIN.md), as
 * individual, plausible records: real communes of the province as they were in 2022–2023,
 * counts that add up exactly to the seed's totals.
 */
export const SEED_FIGURES = {
  dialogueTarget: 88,
  dialogues: 36,
  dialogueParticipants: 3300,
  dialoguesWithProvincialSupport: 10,
  provincialSupportDistricts: 5,
  dialogueTrainingClasses: 4,
  clubs: 37,
  clubGirls: 588,
  clubBoys: 380,
  mainstreamingClasses: 37,
  mainstreamingParticipantTimes: 2160,
  manuals: 126,
} as const;

const catalogue = before as GeographyVersion;
const districts = catalogue.units.filter((u) => u.level === 'district' && u.parent === '19');
const communesOf = (district: string) => catalogue.units.filter((u) => u.level === 'commune' && u.parent === district);

const TOPICS = [
  'Tiếp cận vốn vay ưu đãi cho phụ nữ dân tộc thiểu số',
  'Phòng, chống bạo lực gia đình',
  'Phòng, chống tảo hôn và hôn nhân cận huyết thống',
  'Vai trò của phụ nữ trong phát triển kinh tế hộ gia đình',
  'Bình đẳng giới trong gia đình và cộng đồng',
];
const ETHNICITIES = ['Tày', 'Nùng', 'Dao', 'Kinh', 'Sán Chay', "H'Mông", 'Sán Dìu'];

export function seedPlan(seed = 8): DemoCall[] {
  const random = new SeededRandom(seed);
  const f = SEED_FIGURES;
  const calls: DemoCall[] = [
    {
      as: 'admin',
      url: '/api/targets',
      body: { indicator: 'dialogues.held', unitCode: '19', periodFrom: '2021-01-01', periodTo: '2025-12-31', value: f.dialogueTarget },
    },
  ];

  const supported = districts.slice(0, f.provincialSupportDistricts).map((d) => d.code);
  const participants = splitTotal(f.dialogueParticipants, f.dialogues, random);
  participants.forEach((total, index) => {
    const withSupport = index < f.dialoguesWithProvincialSupport;
    const district = withSupport ? supported[index % supported.length] ?? '170' : random.pick(districts).code;
    calls.push({
      as: 'demo',
      url: '/api/dialogues',
      body: {
        level: random.next() < 0.7 ? 'commune' : 'village_cluster',
        unitCode: random.pick(communesOf(district)).code,
        heldOn: random.date('2022-03-01', '2023-12-15'),
        topic: random.pick(TOPICS),
        participants: { total, women: Math.round(total * (0.55 + random.next() * 0.2)) },
        ...(withSupport ? { provincialSupport: true } : {}),
      },
    });
  });

  for (let i = 0; i < f.dialogueTrainingClasses; i++) {
    const total = random.int(30, 45);
    calls.push({
      as: 'demo',
      url: '/api/trainings',
      body: {
        unitCode: i === 0 ? '19' : random.pick(districts).code,
        topic: 'policy_dialogue',
        heldOn: random.date('2022-04-01', '2023-06-30'),
        participants: { total, women: Math.round(total * 0.8) },
      },
    });
  }

  const attendances = splitTotal(f.mainstreamingParticipantTimes, f.mainstreamingClasses, random);
  const manuals = splitTotal(f.manuals, f.mainstreamingClasses, random, 0.6);
  attendances.forEach((total, index) => {
    const district = random.pick(districts).code;
    calls.push({
      as: 'demo',
      url: '/api/trainings',
      body: {
        unitCode: random.next() < 0.5 ? district : random.pick(communesOf(district)).code,
        topic: 'gender_mainstreaming',
        heldOn: random.date('2022-05-01', '2023-11-30'),
        participants: { total, women: Math.round(total * (0.5 + random.next() * 0.25)) },
        manualsDistributed: manuals[index] ?? 0,
      },
    });
  });

  const girls = splitTotal(f.clubGirls, f.clubs, random);
  const boys = splitTotal(f.clubBoys, f.clubs, random);
  for (let club = 0; club < f.clubs; club++) {
    const district = random.pick(districts).code;
    const commune = random.pick(communesOf(district));
    const establishedOn = random.date('2022-02-01', '2022-12-31');
    const clubCall = calls.push({
      as: 'demo',
      url: '/api/clubs',
      body: {
        name: `CLB Thủ lĩnh của sự thay đổi ${commune.name.replace(/^(Xã|Phường|Thị trấn) /, '')}`,
        unitCode: commune.code,
        school: `Trường THCS ${commune.name.replace(/^(Xã|Phường|Thị trấn) /, '')}`,
        establishedOn,
      },
    }) - 1;
    const members = [
      ...Array.from({ length: girls[club] ?? 0 }, () => 'female'),
      ...Array.from({ length: boys[club] ?? 0 }, () => 'male'),
    ];
    for (const sex of members) {
      calls.push({
        as: 'demo',
        url: '/api/clubs/:parent/members',
        parent: clubCall,
        body: {
          sex,
          birthYear: random.int(2008, 2012),
          enrolledOn: random.date(establishedOn, '2023-10-31'),
          consent: { guardian: true, child: true },
          ethnicity: random.pick(ETHNICITIES),
        },
      });
    }
  }
  return calls;
}
