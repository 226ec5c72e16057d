import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, ValidationTypes } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../app.module';
import { RecordDialogueDto, CorrectDialogueDto } from '../dialogues/dialogue.dto';
import { VoidRecordDto } from '../records/void-record.dto';
import { OpenCaseDto } from '../cases/case.dto';
import { EstablishClubDto } from '../clubs/club.dto';
import { EnrollMemberDto } from '../clubs/member.dto';
import { RecordCommunicationDto } from '../communications/communication.dto';
import { IntroduceLoanDto, LoanDisbursementDto } from '../loans/loan.dto';
import { RecordTrainingDto } from '../trainings/training.dto';
import { EstablishTrustedAddressDto } from '../trusted-addresses/trusted-address.dto';
import { SeededRandom } from '../demo/seeded-random';
import { STRICT_VALIDATION } from './validation';
import { ValidBodyShortcut } from './valid-body-shortcut';

type Dto = new () => object;

const pipe = new ValidationPipe(STRICT_VALIDATION);
const shortcut = new ValidBodyShortcut();

/** The full pipe's answer: the built DTO, or the 400 message. */
async function fullPipe(dto: Dto, body: unknown): Promise<{ accepted: object } | { refused: string }> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: dto };
  try {
    return { accepted: (await pipe.transform(asJson(body), metadata)) as object };
  } catch (error) {
    return { refused: error instanceof Error ? error.message : String(error) };
  }
}

/** The shortcut may only take bodies the full pipe accepts, and must build the same object. */
async function expectSameAsFullPipe(dto: Dto, body: unknown): Promise<boolean> {
  const fast = shortcut.accept(dto, asJson(body));
  if (!fast) return false;
  const full = await fullPipe(dto, body);
  expect({ dto: dto.name, body, full }).toEqual({ dto: dto.name, body, full: { accepted: expect.anything() } });
  if (!('accepted' in full)) return true;
  expect(fast).toStrictEqual(full.accepted);
  expectSamePrototypes(fast, full.accepted);
  return true;
}

function expectSamePrototypes(a: unknown, b: unknown): void {
  if (typeof a !== 'object' || a === null) return;
  expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
  for (const key of Object.keys(a)) expectSamePrototypes((a as never)[key], (b as never)[key]);
}

const DIALOGUE = {
  level: 'commune',
  unitCode: '05752',
  heldOn: '2023-10-12',
  topic: 'Preferential credit',
  participants: { total: 92, women: 60 },
};

describe('the shortcut past class-validator for bodies that break no rule', () => {
  it('takes a valid dialogue, a correction and a void, building what the full pipe builds', async () => {
    expect(AppModule).toBeDefined();
    expect(await expectSameAsFullPipe(RecordDialogueDto, DIALOGUE)).toBe(true);
    expect(await expectSameAsFullPipe(RecordDialogueDto, { ...DIALOGUE, id: randomUUID(), notes: 'n' })).toBe(true);
    expect(await expectSameAsFullPipe(CorrectDialogueDto, { changes: { participants: { women: 61 } }, reason: 'recount' })).toBe(true);
    expect(await expectSameAsFullPipe(VoidRecordDto, { reason: 'entered twice' })).toBe(true);
  });

  it.each([
    [RecordDialogueDto, DIALOGUE],
    [EnrollMemberDto, { sex: 'female', birthYear: 2011, enrolledOn: '2023-09-05', consent: { guardian: true, child: true } }],
    [RecordCommunicationDto, { unitCode: '05752', heldOn: '2023-06-01', form: 'meeting', participants: { total: 50, women: 30 } }],
    [RecordTrainingDto, { unitCode: '05752', topic: 'gender_mainstreaming', heldOn: '2023-05-10', participants: { total: 50, women: 30 }, manualsDistributed: 3 }],
    [IntroduceLoanDto, { unitCode: '05752', lender: 'agribank', purpose: 'crops', amountRequested: 30_000_000, introducedOn: '2023-03-01', borrower: { sex: 'female' } }],
    [LoanDisbursementDto, { on: '2023-03-01', amount: 1_000 }],
    [OpenCaseDto, { openedOn: '2023-04-01', violenceType: 'psychological', consent: true, subject: { sex: 'female', ageBand: '30-59' } }],
    [EstablishClubDto, { name: 'CLB mới', unitCode: '05752', school: 'THCS', establishedOn: '2023-01-10' }],
    [EstablishTrustedAddressDto, { name: 'Địa chỉ mới', unitCode: '05752', establishedOn: '2023-01-05' }],
  ] as [Dto, Record<string, unknown>][])('takes a valid body as the full pipe builds it, and no variant of it the pipe refuses', async (dto, body) => {
    expect(await expectSameAsFullPipe(dto, body)).toBe(true);
    for (const variant of variantsOf(body)) await expectSameAsFullPipe(dto, variant);
  });

  it.each([
    ['a string count', { ...DIALOGUE, participants: { total: '92', women: 60 } }],
    ['an unknown field', { ...DIALOGUE, extra: 1 }],
    ['an unknown nested field', { ...DIALOGUE, participants: { total: 92, women: 60, men: 32 } }],
    ['a missing field', { ...DIALOGUE, topic: undefined }],
    ['a null optional field', { ...DIALOGUE, notes: null }],
    ['an impossible date', { ...DIALOGUE, heldOn: '2023-02-30' }],
    ['participants as an array', { ...DIALOGUE, participants: [92, 60] }],
    ['a prototype key', JSON.parse('{"__proto__": {"x": 1}, "level": "commune"}') as unknown],
    ['not an object', 'dialogue'],
  ])('leaves %s to the full pipe', async (_, body) => {
    expect(shortcut.accept(RecordDialogueDto, body)).toBeUndefined();
    expect(await fullPipe(RecordDialogueDto, body)).toEqual({ refused: expect.any(String) });
  });

  it('leaves DTOs whose values class-transformer converts to the full pipe', async () => {
    class Converted {
      @Type(() => Number)
      @IsInt()
      count!: number;
    }
    class Trimmed {
      @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
      @IsString()
      name!: string;
    }
    expect(shortcut.accept(Converted, { count: 3 })).toBeUndefined();
    expect(shortcut.accept(Trimmed, { name: ' a ' })).toBeUndefined();
    expect(await fullPipe(Trimmed, { name: ' a ' })).toEqual({ accepted: Object.assign(new Trimmed(), { name: 'a' }) });
  });

  it('never takes a body the full pipe refuses, for any DTO of the service (random bodies from each DTO\'s rules)', async () => {
    const seeded = new SeededRandom(8);
    const random = () => seeded.next();
    const dtos = registeredDtos();
    expect(dtos.length).toBeGreaterThan(20);
    const taken = new Map<string, number>();
    for (const dto of dtos) {
      for (let i = 0; i < 300; i++) {
        if (await expectSameAsFullPipe(dto, bodyFor(dto, random, 0))) taken.set(dto.name, (taken.get(dto.name) ?? 0) + 1);
      }
    }
    if (process.env.SHORTCUT_DEBUG) console.log(dtos.map((d) => `${d.name}: ${taken.get(d.name) ?? 0}`).join('\n'));
    // The random bodies are often valid, so the check above is not vacuous.
    expect(taken.size).toBeGreaterThan(dtos.length / 2);
  });
});

/** The body with one field (or nested field) changed to each odd value, removed, or one field added. */
function variantsOf(body: Record<string, unknown>): Record<string, unknown>[] {
  const variants: Record<string, unknown>[] = [{ ...body, unknownField: 1 }];
  for (const [key, value] of Object.entries(body)) {
    for (const odd of ANYTHING) variants.push({ ...body, [key]: odd });
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const inner of variantsOf(value as Record<string, unknown>)) variants.push({ ...body, [key]: inner });
    }
  }
  return variants;
}

/** Every class with validation rules, as the service's modules registered them. */
function registeredDtos(): Dto[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown> };
  return [...storage.validationMetadatas.keys()].filter(
    (target): target is Dto => typeof target === 'function' && (target as Dto).length === 0,
  );
}

const ANYTHING: readonly unknown[] = [
  undefined, null, '', 'x', 'true', '12', '2023-10-12', '2023-02-30', '2023-10-12T00:00:00Z', '05752', '19', '1',
  0, 1, 7, -1, 1.5, 12, 2011, 1_000_001, 10_000_000_000, true, false, {}, [], ['a'], randomUUID(), 'a'.repeat(501),
];

function bodyFor(dto: Dto, random: () => number, depth: number): Record<string, unknown> {
  const storage = getMetadataStorage();
  const grouped = storage.groupByPropertyName(storage.getTargetValidationMetadatas(dto, '', false, false, undefined));
  const body: Record<string, unknown> = {};
  for (const [name, metadatas] of Object.entries(grouped)) {
    const roll = random();
    if (roll < 0.08) continue;
    const nested = metadatas.some((m) => m.type === ValidationTypes.NESTED_VALIDATION);
    const typeOf = Reflect.getMetadata('design:type', dto.prototype as object, name) as Dto | undefined;
    if (nested && roll < 0.9 && depth < 3 && typeof typeOf === 'function') {
      body[name] = bodyFor(nestedType(dto, name) ?? typeOf, random, depth + 1);
      continue;
    }
    const candidates = roll < 0.95 ? candidatesFor(metadatas) : ANYTHING;
    body[name] = candidates[Math.floor(random() * candidates.length)];
  }
  if (random() < 0.03) body.unknownField = 'x';
  return body;
}

function nestedType(dto: Dto, name: string): Dto | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/cjs/storage');
  return defaultMetadataStorage.findTypeMetadata(dto, name)?.typeFunction() as Dto | undefined;
}

/** Values each rule is about: its own options, values just inside and just outside. */
function candidatesFor(metadatas: ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>): unknown[] {
  const values: unknown[] = [];
  for (const metadata of metadatas) {
    const constraints = (metadata.constraints ?? []) as unknown[];
    switch (metadata.name) {
      case 'isIn':
        values.push(...(constraints[0] as unknown[]), 'other-value');
        break;
      case 'equals':
        values.push(constraints[0], !constraints[0]);
        break;
      case 'min':
      case 'max':
        values.push(constraints[0], Number(constraints[0]) + 1, Number(constraints[0]) - 1);
        break;
      case 'maxLength':
      case 'minLength':
        values.push('a'.repeat(Number(constraints[0])), 'a'.repeat(Number(constraints[0]) + 1));
        break;
      case 'isBusinessDate':
        values.push('2023-10-12', '2024-02-29', '2023-02-29', '2099-01-01');
        break;
      case 'matches':
        values.push('05752', '19', '052', 'a.b_c-1', 'AB');
        break;
      case 'isUuid':
        values.push(randomUUID(), 'not-a-uuid');
        break;
      case 'isBoolean':
        values.push(true, false, 'true');
        break;
      case 'isInt':
        values.push(0, 3, 2011, 1.5, '3');
        break;
      default:
        values.push('text', 5);
    }
  }
  values.push(undefined, null);
  return values;
}

/** The body as Fastify hands it over: parsed from its JSON text. */
function asJson(body: unknown): unknown {
  return body === undefined ? undefined : JSON.parse(JSON.stringify(body));
}
