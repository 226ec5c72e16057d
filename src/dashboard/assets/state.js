import { loadSession } from './session.js';

const AUDIT_ROLES = new Set(['supervisor', 'admin']);
export const CHART_MODE_KEY = 'p8.chartMode';

function readChartMode() {
  try {
    const mode = localStorage.getItem(CHART_MODE_KEY);
    return mode === 'share' || mode === 'values' ? mode : null;
  } catch {
    return null;
  }
}

/** What the page knows: who is logged in, what is shown, and the last figures fetched. */
export const state = {
  session: loadSession(),
  vocabulary: {},
  /** Unit path, period, as-of, geography and view, as the address holds them. */
  route: null,
  /** The last /api/indicators answer shown (or moved on by the live feed). */
  answer: null,
  /** Unit names learnt from answers, then from the public catalogue. */
  names: new Map(),
  catalogueNames: new Map(),
  chartMode: readChartMode(),
  childIndicator: 'dialogues.held',
  childrenByValue: false,
  /** Rises with every figures request, so a slow old answer never replaces a newer one. */
  loadSeq: 0,
  refreshNext: false,
  refreshTimer: null,
  expiryTimer: null,
  loginNotice: null,
  banner: null,
  liveStatus: 'off',
  liveAt: null,
};

export const canAudit = () => AUDIT_ROLES.has(state.session?.user.role);

export const nameOf = (code) => state.names.get(code) ?? state.catalogueNames.get(code) ?? code;
