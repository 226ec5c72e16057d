import { ReadModelMemo, type ReadModelsAdvance } from './read-model-memo';

function runner(): ReadModelsAdvance & { advance(): void; apply(...types: string[]): void } {
  const listeners = new Set<(position: number) => void>();
  const batchListeners = new Set<(events: readonly { readonly type: string }[]) => void>();
  let position = 0;
  const advance = () => listeners.forEach((listener) => listener(++position));
  return {
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onBatch(listener) {
      batchListeners.add(listener);
      return () => batchListeners.delete(listener);
    },
    advance,
    /** A batch of events of these types, then the advance past it. */
    apply: (...types) => {
      batchListeners.forEach((listener) => listener(types.map((type) => ({ type }))));
      advance();
    },
  };
}

describe('an answer remembered until the read models move on', () => {
  it('reads the read models once between two advances, and again after one', () => {
    const models = runner();
    const memo = new ReadModelMemo<string | undefined>(models);
    let table: string | undefined = 'active';
    const reads = jest.fn(() => table);
    expect(memo.get('officer', reads)).toBe('active');
    table = 'disabled';
    expect(memo.get('officer', reads)).toBe('active');
    expect(reads).toHaveBeenCalledTimes(1);
    models.advance();
    expect(memo.get('officer', reads)).toBe('disabled');
    table = undefined;
    models.advance();
    expect(memo.get('officer', reads)).toBeUndefined();
    expect(memo.get('officer', reads)).toBeUndefined();
    expect(reads).toHaveBeenCalledTimes(3);
  });

  it('given the events its answers come from, outlives the batches that hold none of them', () => {
    const models = runner();
    const memo = new ReadModelMemo<string>(models, undefined, new Set(['UserDisabled']));
    let table = 'active';
    const reads = jest.fn(() => table);
    expect(memo.get('officer', reads)).toBe('active');
    models.apply('DialogueHeld', 'ClubEstablished');
    expect(memo.get('officer', reads)).toBe('active');
    expect(reads).toHaveBeenCalledTimes(1);
    table = 'disabled';
    models.apply('DialogueHeld', 'UserDisabled');
    expect(memo.get('officer', reads)).toBe('disabled');
    // A read model swapped in after a rebuild moves on with no batch: read again.
    table = 'rebuilt';
    models.advance();
    expect(memo.get('officer', reads)).toBe('rebuilt');
    expect(reads).toHaveBeenCalledTimes(3);
  });

  it('keeps no more than its bound of answers', () => {
    const memo = new ReadModelMemo<number>(runner(), 2);
    const reads = jest.fn(() => 1);
    memo.get('a', reads);
    memo.get('b', reads);
    memo.get('c', reads);
    memo.get('a', reads);
    expect(reads).toHaveBeenCalledTimes(4);
  });

  it('stops listening once closed', () => {
    const models = runner();
    const memo = new ReadModelMemo<number>(models);
    memo.close();
    let value = 1;
    expect(memo.get('a', () => value)).toBe(1);
    value = 2;
    models.advance();
    expect(memo.get('a', () => value)).toBe(1);
  });
});
