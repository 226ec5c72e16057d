import { canAudit, state } from './state.js';

// Which unit, period and view are shown lives in the address (#path=19.170&from=…), so
// Back, reload and bookmarks work. The path always starts at the user's own unit.

let onSameAddress = () => {};

/** What to run when `go` asks for the address already shown (the page re-reads it). */
export function whenSameAddress(handler) {
  onSameAddress = handler;
}

export function readRoute() {
  const params = new URLSearchParams(location.hash.slice(1));
  const home = state.session.user.unitCode;
  let path = (params.get('path') ?? '').split('.').filter(Boolean);
  if (path[0] !== home || !path.every((code) => /^\d{2,5}$/.test(code))) path = [home];
  return {
    path,
    unit: path[path.length - 1],
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    asOf: params.get('asOf') ?? '',
    geography: params.get('geography') === 'current' ? 'current' : '',
    view: params.get('view') === 'audit' && canAudit() ? 'audit' : 'indicators',
    family: params.get('family') ?? '',
  };
}

export function hashOf(route) {
  const params = new URLSearchParams();
  params.set('path', route.path.join('.'));
  for (const name of ['from', 'to', 'asOf', 'geography']) {
    if (route[name]) params.set(name, route[name]);
  }
  if (route.view === 'audit') {
    params.set('view', 'audit');
    if (route.family) params.set('family', route.family);
  }
  return `#${params}`;
}

/** Moves to another unit, period or view; with `refresh`, the figures are fetched afresh. */
export function go(changes, { refresh = false } = {}) {
  const hash = hashOf({ ...state.route, ...changes });
  state.refreshNext = refresh;
  if (location.hash === hash) onSameAddress();
  else location.hash = hash;
}
