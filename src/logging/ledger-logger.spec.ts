import { Writable } from 'node:stream';
import pino from 'pino';
import { loggableUrl } from './ledger-logger';

describe('logging', () => {
  it('never writes an access token from a URL', () => {
    expect(loggableUrl('/api/live/indicators?unit=19&access_token=eyJabc.def.ghi')).toBe(
      '/api/live/indicators?unit=19&access_token=[redacted]',
    );
    expect(loggableUrl('/api/live/indicators?access_token=x&unit=19')).toBe('/api/live/indicators?access_token=[redacted]&unit=19');
  });

  it('writes JSON lines', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
    pino({ base: { service: 'p8-ledger' } }, sink).info({ reqId: 'r1' }, 'hello');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ service: 'p8-ledger', reqId: 'r1', msg: 'hello' });
  });
});
