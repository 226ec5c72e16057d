import { FollowUpPool } from './follow-up-pool';

describe('FollowUpPool', () => {
  afterEach(() => jest.useRealTimers());

  it('gives each record at most its number of follow-ups, then none', () => {
    const pool = new FollowUpPool(3);
    pool.add('club-a');
    pool.add('club-b');
    const taken = Array.from({ length: 6 }, () => pool.take());
    expect(taken.filter((id) => id === 'club-a')).toHaveLength(3);
    expect(taken.filter((id) => id === 'club-b')).toHaveLength(3);
    expect(pool.take()).toBeUndefined();
  });

  it('fills the oldest records first', () => {
    const pool = new FollowUpPool(2, 1);
    for (const id of ['first', 'second', 'third']) pool.add(id);
    expect([pool.take(), pool.take(), pool.take()]).toEqual(['first', 'first', 'second']);
  });

  it('takes a record made during the load only once its command has surely been answered', () => {
    jest.useFakeTimers({ now: 0 });
    const pool = new FollowUpPool(1);
    pool.addSoon('new-loan');
    expect(pool.take()).toBeUndefined();
    jest.advanceTimersByTime(2000);
    expect(pool.take()).toBe('new-loan');
  });
});
