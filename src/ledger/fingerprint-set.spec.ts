import { randomUUID } from 'node:crypto';
import { FingerprintSet } from './fingerprint-set';

describe('a set of fingerprints', () => {
  it('holds every string added, however far it grew', () => {
    const set = new FingerprintSet();
    const added = Array.from(
      { length: 50_000 },
      (_, index) => `user-${index % 7}\u0000${randomUUID()}`,
    );
    for (const value of added) set.add(value);
    expect(added.every((value) => set.mayHold(value))).toBe(true);
    // Two of 50,000 random strings share a fingerprint about one time in four: they count once.
    expect(set.size).toBeGreaterThan(49_990);
  });

  it('counts a string added twice once', () => {
    const set = new FingerprintSet();
    set.add('officer\u0000key-1');
    set.add('officer\u0000key-1');
    expect(set.size).toBe(1);
  });

  it('says no to nearly every string it was not given', () => {
    const set = new FingerprintSet();
    for (let index = 0; index < 50_000; index++) set.add(randomUUID());
    const fresh = Array.from({ length: 50_000 }, () => randomUUID());
    // 50,000 fingerprints of 32 bits: about one fresh string in 86,000 shares one.
    expect(fresh.filter((value) => set.mayHold(value)).length).toBeLessThan(10);
  });

  it('says no to everything while empty', () => {
    expect(new FingerprintSet().mayHold('')).toBe(false);
  });
});
