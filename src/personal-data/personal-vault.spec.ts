import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PersonalVault } from './personal-vault';
import { SubjectKeyStore } from './subject-key-store';

describe('personal vault', () => {
  let dir: string;
  let keys: SubjectKeyStore;
  let vault: PersonalVault;
  const now = new Date('2024-03-01T00:00:00Z');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'p8-vault-'));
    keys = SubjectKeyStore.open(join(dir, 'keys.sqlite'), randomBytes(32));
    vault = new PersonalVault(keys);
  });
  afterEach(async () => {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens what it sealed, and nothing in clear reaches the sealed box or the key file', () => {
    const subject = vault.newSubjectId();
    const box = vault.seal(subject, { fullName: 'Ma Thị Quỳnh Zyx' }, now);
    expect(box.sealed).not.toContain('Zyx');
    expect(vault.open(box)).toEqual({ status: 'available', details: { fullName: 'Ma Thị Quỳnh Zyx' } });
    for (const file of readdirSync(dir)) {
      expect(readFileSync(join(dir, file)).includes('Zyx')).toBe(false);
    }
  });

  it('reads as erased once the key is destroyed, for boxes sealed before', () => {
    const subject = vault.newSubjectId();
    const box = vault.seal(subject, { fullName: 'Lò Văn A' }, now);
    expect(vault.erase(subject, now)).toBe(true);
    expect(vault.open(box)).toEqual({ status: 'erased' });
    expect(() => vault.seal(subject, { fullName: 'again' }, now)).toThrow(/erased/);
  });

  it('refuses a box moved to another subject', () => {
    const a = vault.newSubjectId();
    const b = vault.newSubjectId();
    const box = vault.seal(a, { fullName: 'Hoàng Thị B' }, now);
    vault.seal(b, { fullName: 'other' }, now);
    expect(vault.open({ subjectId: b, sealed: box.sealed })).toEqual({ status: 'unreadable' });
  });

  it('matches a person however the name is spaced, cased or composed, without the name in the key', async () => {
    const key = vault.matchKey('Ma Thị Quỳnh', '2012');
    // Decomposed Unicode, other case and extra spaces: the same person as recorders write her.
    expect(vault.matchKey('  MA   THỊ quỳnh '.normalize('NFD'), '2012')).toBe(key);
    expect(vault.matchKey('Ma Thị Quỳnh', '2013')).not.toBe(key);
    expect(key).not.toMatch(/Quỳnh|quỳnh/i);
    const otherLedger = SubjectKeyStore.open(join(dir, 'other.sqlite'), randomBytes(32));
    expect(new PersonalVault(otherLedger).matchKey('Ma Thị Quỳnh', '2012')).not.toBe(key);
    await otherLedger.close();
  });

  it('has a new key flushed to disk before the command that made it appends, and nothing to wait for otherwise', async () => {
    expect(keys.durable()).toBeUndefined();
    const subjectId = vault.newSubjectId();
    vault.seal(subjectId, { fullName: 'Ma Thị Quỳnh' }, new Date());
    const flushed = keys.durable();
    expect(flushed).toBeInstanceOf(Promise);
    await flushed;
    // An existing key is only read: nothing new to flush.
    vault.seal(subjectId, { fullName: 'Ma Thị Quỳnh' }, new Date());
    expect(keys.durable()).toBeUndefined();
  });

  it('makes a command whose key another command had flushed wait for that flush to end', async () => {
    vault.seal(vault.newSubjectId(), { fullName: 'A' }, new Date());
    vault.seal(vault.newSubjectId(), { fullName: 'B' }, new Date());
    // The first command asks for the flush; it covers the second's key too, which must wait for it.
    const first = keys.durable();
    const second = keys.durable();
    expect(second).toBe(first);
    await first;
    expect(keys.durable()).toBeUndefined();
  });
});
