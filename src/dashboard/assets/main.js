import { ApiError, configureApi, query } from './api.js';
import { AuditView } from './audit-view.js';
import { $, show } from './dom.js';
import { downloadReport } from './download.js';
import { applyLiveRows, drawBreadcrumb, loadIndicators, paint, paintChildren } from './figures.js';
import { applyFilters, fillFilters, resetFilters } from './filters.js';
import { onLanguageChange, setLanguage, t, translateStatic } from './i18n.js';
import { setLiveStatus } from './live-badge.js';
import { LiveFeed } from './live-feed.js';
import {
  configureLogin,
  endSession,
  expireWithToken,
  renderLoginNotice,
  renderUser,
  showLogin,
  submitLogin,
} from './login.js';
import { hideBanner, reportFailure, showBanner } from './messages.js';
import { go, hashOf, readRoute, whenSameAddress } from './router.js';
import { CHART_MODE_KEY, nameOf, state } from './state.js';

const audit = new AuditView({
  title: $('#audit-title'),
  family: $('#audit-family'),
  from: $('#audit-from'),
  to: $('#audit-to'),
  count: $('#audit-count'),
  tbody: $('#audit-table tbody'),
  more: $('#audit-more'),
});

const live = new LiveFeed({
  onRows: applyLiveRows,
  onStatus: setLiveStatus,
  // The stream was refused: a plain request tells why (a 401 ends the session).
  onRefused: () => void loadIndicators({ quiet: true }),
});

function startDashboard() {
  state.names.clear();
  show($('#login-view'), false);
  show($('#dashboard-view'), true);
  show($('#user-box'), true);
  show($('#live-status'), true);
  renderUser();
  expireWithToken();
  void route();
}

/** Shows what the address names: a unit's figures or its audit trail. */
async function route() {
  if (!state.session) return;
  const refresh = state.refreshNext;
  state.refreshNext = false;
  const previous = state.route;
  state.route = readRoute();
  // The address always names what is shown, so a reload or Back lands here again.
  const hash = hashOf(state.route);
  if (location.hash !== hash) history.replaceState(null, '', hash);
  const { view, unit, asOf } = state.route;
  fillFilters();
  drawBreadcrumb();
  hideBanner();
  show($('#indicators-panel'), view === 'indicators');
  show($('#audit-panel'), view === 'audit');
  if (asOf) {
    live.stop();
    setLiveStatus('paused');
  } else live.follow(unit, state.session.token);
  if (view === 'audit') return openAudit();
  const sameFigures =
    !refresh &&
    previous &&
    state.answer?.unit === unit &&
    ['unit', 'from', 'to', 'asOf', 'geography'].every((key) => previous[key] === state.route[key]);
  return sameFigures ? paint() : loadIndicators();
}

// ---- Audit --------------------------------------------------------------------------

function openAudit(filters = {}) {
  const { unit, asOf, family } = state.route;
  return audit
    .open({ unit, unitName: nameOf(unit), family, asOf, ...filters })
    .catch((error) => reportFailure(error));
}

function chooseAuditFamily() {
  const family = $('#audit-family').value;
  audit.setFamily(family);
  state.route = { ...state.route, family };
  history.replaceState(null, '', hashOf(state.route));
}

// ---- Download -----------------------------------------------------------------------

/** The Excel report of what is shown; a refusal shows the service's reason. */
async function downloadExcel() {
  const button = $('#download-xlsx');
  const { unit, from, to, asOf, geography } = state.route;
  const by = (state.answer?.children?.length ?? 0) > 0 ? 'children' : undefined;
  button.disabled = true;
  button.textContent = t('downloading');
  hideBanner();
  try {
    const report = `/api/reports/indicators.xlsx${query({ unit, from, to, asOf, geography, by })}`;
    await downloadReport(report, `p8-indicators-${unit}.xlsx`);
  } catch (error) {
    const failure = error instanceof ApiError ? error : new ApiError(0, t('unreachable'));
    reportFailure(failure, 'downloadFailed', 'download-error');
  } finally {
    button.disabled = false;
    button.textContent = t('downloadExcel');
  }
}

// ---- Wiring -------------------------------------------------------------------------

function chooseChartMode(mode) {
  state.chartMode = mode;
  try {
    localStorage.setItem(CHART_MODE_KEY, mode);
  } catch {
    // Without storage the choice holds for this visit only.
  }
  paint();
}

function repaintInLanguage() {
  renderLoginNotice();
  renderUser();
  setLiveStatus(state.liveStatus);
  if (state.banner) showBanner(state.banner.key, state.banner.message, state.banner.kind);
  if (!state.session || !state.route) return;
  drawBreadcrumb();
  paint();
  if (state.route.view === 'audit' && audit.request) {
    audit.fillFamilies(audit.family);
    audit.render();
  }
}

function wire() {
  $('#login-form').addEventListener('submit', submitLogin);
  $('#logout').addEventListener('click', () => endSession('loggedOut', null, 'info'));
  $('#filters').addEventListener('submit', applyFilters);
  $('#filter-reset').addEventListener('click', resetFilters);
  $('#download-xlsx').addEventListener('click', () => void downloadExcel());
  $('#children-sort').addEventListener('click', () => {
    state.childrenByValue = !state.childrenByValue;
    paintChildren();
  });
  $('#children-indicator').addEventListener('change', (event) => {
    state.childIndicator = event.target.value;
    paintChildren();
  });
  document.querySelectorAll('[data-chart-mode]').forEach((button) => {
    button.addEventListener('click', () => chooseChartMode(button.dataset.chartMode));
  });
  $('#audit-back').addEventListener('click', () => go({ view: 'indicators', family: '' }));
  $('#audit-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const filters = { from: $('#audit-from').value, to: $('#audit-to').value };
    void openAudit({ ...filters, family: $('#audit-family').value });
  });
  $('#audit-family').addEventListener('change', chooseAuditFamily);
  $('#audit-more').addEventListener('click', () => {
    audit.loadMore().catch((error) => reportFailure(error));
  });
  document.querySelectorAll('[data-lang]').forEach((button) => {
    button.addEventListener('click', () => setLanguage(button.dataset.lang));
  });
  onLanguageChange(repaintInLanguage);
  window.addEventListener('hashchange', () => void route());
  whenSameAddress(() => void route());
}

/** Reference data of the page: breakdown labels and unit names (public, no token). */
async function loadReference() {
  const fetchJson = (path) =>
    fetch(path)
      .then((response) => (response.ok ? response.json() : null))
      .catch(() => null);
  const [vocabulary, unitNames] = await Promise.all([
    fetchJson('/assets/vocabulary.json'),
    fetchJson('/assets/unit-names.json'),
  ]);
  // Without them breakdowns show codes and the breadcrumb unit codes; figures are unaffected.
  if (vocabulary) state.vocabulary = vocabulary;
  state.catalogueNames = new Map(Object.entries(unitNames ?? {}));
}

async function boot() {
  translateStatic();
  configureApi({
    token: () => state.session?.token ?? null,
    onUnauthenticated: (message) => endSession('sessionEnded', message),
  });
  configureLogin({ loggedIn: startDashboard, loggedOut: () => live.stop() });
  wire();
  await loadReference();
  if (state.session) startDashboard();
  else showLogin();
  document.body.dataset.ready = 'true';
}

void boot();
