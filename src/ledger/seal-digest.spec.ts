import { createHash } from 'node:crypto';
import { SealDigest } from './seal-digest';

const h1 = 'f666cb02302ce945214e652f8d7b6a344c3f7a35f700360ce05611ca0c13bbfa';
const h2 = 'fa2cc739b6b5f5c038ddd5f71cc8c869ece46b69f72454f924f09ed9cf427ce5';

function threeEvents(previousDigest = ''): SealDigest {
  const digest = new SealDigest(previousDigest);
  digest.add({ position: 1, id: 'e-1', hash: h1 });
  digest.add({ position: 2, id: 'e-2', hash: h2 });
  digest.add({ position: 3, id: 'e-3', hash: undefined });
  return digest;
}

describe('seal digest', () => {
  it('stays the digest and entry list that seals already hold', () => {
    const digest = threeEvents();
    expect(digest.count).toBe(3);
    expect(digest.digest()).toBe(
      '66f24043b06d81807bf6cab52921811e95699e0d50b6300e3ce9898eecd093f3',
    );
    expect(digest.entryList()).toBe('1:f666cb02,2:fa2cc739,3:e-3');
    const next = new SealDigest(digest.digest());
    next.add({ position: 4, id: 'e-4', hash: h2 });
    expect(next.digest()).toBe('cc4f1e4333de7dee971f70c1807de92ef7d35a35e7fedc3468142e07ce7a8874');
  });

  it('is sha256 of the previous digest and `position:hash` lines', () => {
    const reference = createHash('sha256')
      .update('prev')
      .update(`1:${h1}\n`)
      .update(`2:${h2}\n`)
      .digest('hex');
    expect(threeEvents('prev').digest(2)).toBe(reference);
  });

  it('covers the events up to a position and rolls on with the rest', () => {
    const digest = threeEvents();
    expect(digest.countUpTo(2)).toBe(2);
    expect(digest.countUpTo(0)).toBe(0);
    expect(digest.entryList(2)).toBe('1:f666cb02,2:fa2cc739');
    const rest = digest.after(2, digest.digest(2));
    expect(rest.count).toBe(1);
    expect(rest.firstPosition).toBe(3);
    expect(rest.digest()).toBe(
      createHash('sha256').update(digest.digest(2)).update('3:e-3\n').digest('hex'),
    );
  });

  it('names the first position where a recorded entry list differs', () => {
    const digest = threeEvents();
    expect(digest.firstDifference('1:f666cb02,2:fa2cc739,3:e-3')).toBeUndefined();
    expect(digest.firstDifference('1:f666cb02,2:00000000,3:e-3')).toBe(2);
    expect(digest.firstDifference('1:f666cb02,2:fa2cc739')).toBe(3);
    expect(digest.firstDifference('1:f666cb02', 1)).toBeUndefined();
  });
});
