import { SseIdScanner } from './sse-ids';

const stream =
  'retry: 2000\n\n' +
  'id: 7\nevent: indicators\ndata: {"position":7,"rows":[{"indicator":"dialogues.held","value":1}]}\n\n' +
  ': keep-alive\n\n' +
  'id: 12\nevent: indicators\ndata: {"position":12,"rows":[]}\n\n' +
  'id: 1234567\nevent: indicators\ndata: {"position":1234567,"rows":[]}\n\n';

describe('SseIdScanner', () => {
  it('reads the id of every event, and nothing from comments or data', () => {
    expect(new SseIdScanner().push(Buffer.from(stream))).toEqual([7, 12, 1234567]);
  });

  it('reads each id once whatever the chunk boundaries', () => {
    const bytes = Buffer.from(stream);
    for (let size = 1; size <= 12; size++) {
      const scanner = new SseIdScanner();
      const ids: number[] = [];
      for (let at = 0; at < bytes.length; at += size) ids.push(...scanner.push(bytes.subarray(at, at + size)));
      expect(ids).toEqual([7, 12, 1234567]);
    }
  });

  it('waits for the end of an id line before reading it', () => {
    const scanner = new SseIdScanner();
    expect(scanner.push(Buffer.from('retry: 2000\n\nid: 12'))).toEqual([]);
    expect(scanner.push(Buffer.from('3\nevent: indicators\n'))).toEqual([123]);
  });
});
