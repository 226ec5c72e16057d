// The live indicator feed: the browser's EventSource cannot send headers, so the token
// goes in the query; on a dropped connection EventSource reconnects by itself and sends
// Last-Event-ID, so nothing is missed or repeated.

export class LiveFeed {
  /**
   * @param {{ onRows: (event: { position: number, rows: object[] }) => void,
   *           onStatus: (status: 'connecting' | 'live' | 'reconnecting' | 'off') => void,
   *           onRefused: () => void }} handlers
   */
  constructor(handlers) {
    this.handlers = handlers;
    this.source = null;
    this.key = null;
    this.retry = null;
  }

  /** Follows `unit` (no-op if already following it with this token). */
  follow(unit, token) {
    const key = `${unit}|${token}`;
    if (this.source && this.key === key) return;
    this.stop();
    this.key = key;
    this.open(unit, token);
  }

  open(unit, token) {
    const url = `/api/live/indicators?${new URLSearchParams({ unit, access_token: token })}`;
    const source = new EventSource(url);
    this.source = source;
    this.handlers.onStatus('connecting');
    source.addEventListener('open', () => this.source === source && this.handlers.onStatus('live'));
    source.addEventListener('indicators', (message) => {
      if (this.source !== source) return;
      try {
        this.handlers.onStatus('live');
        this.handlers.onRows(JSON.parse(message.data));
      } catch {
        // A malformed event is skipped; the next one carries the whole snapshot again.
      }
    });
    source.addEventListener('error', () => {
      if (this.source !== source) return;
      if (source.readyState === EventSource.CONNECTING) {
        this.handlers.onStatus('reconnecting');
        return;
      }
      // Closed for good: the service answered something other than a stream (401, 403…).
      // Let the page check why, then try again a little later.
      this.handlers.onStatus('reconnecting');
      source.close();
      this.source = null;
      this.handlers.onRefused();
      this.retry = setTimeout(() => {
        if (this.key === `${unit}|${token}` && !this.source) this.open(unit, token);
      }, 5000);
    });
  }

  stop() {
    clearTimeout(this.retry);
    this.retry = null;
    this.source?.close();
    this.source = null;
    this.key = null;
    this.handlers.onStatus('off');
  }
}
