import { api, query } from './api.js';
import { familyOfIndicator } from './audit-view.js';
import { renderBreadcrumb } from './breadcrumb.js';
import { fillIndicatorChoice, renderChildren } from './children-table.js';
import { $, show } from './dom.js';
import { formatDate, formatTime } from './format.js';
import { t } from './i18n.js';
import { IndicatorChart } from './indicator-chart.js';
import { renderIndicatorTable } from './indicator-table.js';
import { setLiveStatus } from './live-badge.js';
import { reportFailure } from './messages.js';
import { go } from './router.js';
import { canAudit, nameOf, state } from './state.js';

const chart = new IndicatorChart($('#indicator-chart'), $('#chart-box'), $('#chart-note'));

export function drawBreadcrumb() {
  renderBreadcrumb($('#breadcrumb'), state.route.path, nameOf, (path) => go({ path }));
}

function learnNames(answer) {
  if (answer.unitName) state.names.set(answer.unit, answer.unitName);
  for (const child of answer.children ?? []) state.names.set(child.unit, child.name);
}

/** Fetches the figures of the route's unit and its subordinate units, then shows them. */
export async function loadIndicators({ quiet = false } = {}) {
  if (!state.session) return;
  const seq = ++state.loadSeq;
  const { unit, from, to, asOf, geography } = state.route;
  if (!quiet) $('#indicators-panel').classList.add('loading');
  try {
    const answer = await api(
      `/api/indicators${query({ unit, from, to, asOf, geography, by: 'children' })}`,
    );
    if (seq !== state.loadSeq) return;
    state.answer = answer;
    learnNames(answer);
    drawBreadcrumb();
    paint();
  } catch (error) {
    if (seq !== state.loadSeq) return;
    // Figures of another unit or period must not stay on screen under this one's title.
    if (error.status !== 401 && (!quiet || state.answer?.unit !== unit)) clearFigures();
    reportFailure(error);
  } finally {
    if (seq === state.loadSeq) $('#indicators-panel').classList.remove('loading');
  }
}

function clearFigures() {
  state.answer = null;
  $('#unit-title').textContent = nameOf(state.route.unit);
  $('#as-of-line').textContent = '';
  $('#indicator-table tbody').replaceChildren();
  chart.clear();
  show($('#partial-note'), false);
  show($('#children-panel'), false);
}

/** Shows the current answer; rows in `changed` flash, as the live feed moved them. */
export function paint(changed = new Set()) {
  const answer = state.answer;
  if (!answer || !state.route) return;
  $('#unit-title').textContent = answer.unitName ?? answer.unit;
  const period =
    answer.from || answer.to
      ? t('periodLine', {
          from: answer.from ? formatDate(answer.from) : '…',
          to: answer.to ? formatDate(answer.to) : '…',
        })
      : t('periodAll');
  const asOf = t('asOfLine', { time: formatTime(answer.asOf), position: answer.position });
  $('#as-of-line').textContent = `${period} · ${asOf}`;
  const tbody = $('#indicator-table tbody');
  renderIndicatorTable(tbody, answer.rows, {
    vocabulary: state.vocabulary,
    // From a figure, its unit's audit trail is one more click away.
    onAudit: canAudit()
      ? (row) => go({ view: 'audit', family: familyOfIndicator(row.indicator) })
      : null,
    auditLabel: t('auditOf', { unit: nameOf(answer.unit) }),
  });
  for (const code of changed) {
    tbody.querySelector(`tr[data-indicator="${CSS.escape(code)}"]`)?.classList.add('changed');
  }
  const mode =
    state.chartMode ??
    (answer.rows.some((row) => typeof row.achieved === 'number') ? 'share' : 'values');
  document.querySelectorAll('[data-chart-mode]').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.chartMode === mode));
  });
  chart.render(answer.rows, mode);
  paintPartial();
  paintChildren();
}

/** In today's units, an old unit split between several cannot be moved: say which. */
function paintPartial() {
  const partial = state.answer?.partial ?? [];
  const note = $('#partial-note');
  show(note, partial.length > 0);
  note.textContent = partial.length
    ? t('partialNote', { units: partial.map((unit) => `${unit.name} (${unit.unit})`).join(', ') })
    : '';
}

export function paintChildren() {
  const children = state.answer?.children ?? [];
  show($('#children-panel'), children.length > 0);
  if (children.length === 0) return;
  const select = $('#children-indicator');
  fillIndicatorChoice(select, state.answer.rows, state.childIndicator);
  state.childIndicator = select.value;
  const drill = (child) => {
    state.names.set(child.unit, child.name);
    go({ path: [...state.route.path, child.unit] });
  };
  const tbody = $('#children-table tbody');
  renderChildren(tbody, children, state.childIndicator, drill, state.childrenByValue);
  const sorted = state.childrenByValue;
  $('#children-value-head').setAttribute('aria-sort', sorted ? 'descending' : 'none');
  $('#children-sort .sort-mark').textContent = sorted ? ' ↓' : ' ↕';
}

/**
 * The feed sends the unit's all-time rows in the units as recorded. Without a period
 * (or today's geography) they replace the table at once; the by-unit table and any
 * other view are fetched again shortly after.
 */
export function applyLiveRows(event) {
  const { answer, route } = state;
  if (!answer || !route || route.asOf) return;
  if (answer.unit !== route.unit || event.position <= answer.position) return;
  state.liveAt = new Date();
  setLiveStatus('live');
  if (!route.from && !route.to && !route.geography) {
    const before = new Map(answer.rows.map((row) => [row.indicator, row.value]));
    const changed = new Set(
      event.rows
        .filter((row) => before.get(row.indicator) !== row.value)
        .map((row) => row.indicator),
    );
    const asOf = state.liveAt.toISOString();
    state.answer = { ...answer, rows: event.rows, position: event.position, asOf };
    if (route.view === 'indicators') paint(changed);
    if (!answer.children?.length) return;
  }
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(() => void loadIndicators({ quiet: true }), 1200);
}
