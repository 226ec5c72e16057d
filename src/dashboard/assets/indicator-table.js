import { h } from './dom.js';
import { formatDate, formatNumber, formatShare, formatValue } from './format.js';
import { pick, t } from './i18n.js';

/** Green from the target on, amber from half of it, red below. */
export const shareLevel = (achieved) => (achieved >= 1 ? 'good' : achieved >= 0.5 ? 'fair' : 'low');

/** A share achieved as a bar and a percentage, or a dash without a target. */
export function shareCell(row) {
  if (row.achieved === undefined || row.achieved === null) {
    return h(
      'td',
      { class: 'share empty', 'data-label': t('colAchieved') },
      h('span', { class: 'muted' }, '—'),
    );
  }
  const width = Math.min(100, Math.round(row.achieved * 100));
  return h(
    'td',
    { class: 'share', 'data-label': t('colAchieved'), dataset: { achieved: row.achieved } },
    h(
      'span',
      { class: 'share-bar', role: 'presentation' },
      h('span', { class: `share-fill ${shareLevel(row.achieved)}`, dataset: { width } }),
    ),
    h('span', { class: 'share-text' }, formatShare(row.achieved)),
  );
}

export function valueCell(row) {
  const hidden = row.value === null || row.suppressed;
  return h(
    'td',
    {
      class: `num value${hidden ? ' suppressed' : ''}`,
      'data-label': t('colValue'),
      dataset: { value: hidden ? 'suppressed' : row.value },
      title: hidden ? t('suppressedTitle') : null,
    },
    formatValue(hidden ? null : row.value, row.counts),
  );
}

export function targetCell(row) {
  const title = row.targetPeriod
    ? t('targetPeriod', {
        from: formatDate(row.targetPeriod.from),
        to: formatDate(row.targetPeriod.to),
      })
    : null;
  return h(
    'td',
    {
      class: `num target${row.target === undefined || row.target === null ? ' empty' : ''}`,
      'data-label': t('colTarget'),
      title,
      dataset: { target: row.target ?? '' },
    },
    row.target === undefined || row.target === null
      ? h('span', { class: 'muted', title: t('noTarget') }, '—')
      : formatValue(row.target, row.counts),
  );
}

/** Breakdowns as small chips: "Nữ 60 · Nam 32", one group per dimension. */
function breakdownCell(row, vocabulary) {
  const groups = Object.entries(row.breakdown ?? {})
    .map(([dimension, cells]) => {
      const known = vocabulary[dimension];
      const chips = Object.entries(cells ?? {})
        .filter(([, value]) => value !== 0)
        .map(([category, value]) => {
          const label = known?.categories?.[category];
          const hidden = value === null || row.suppressedCells?.[dimension]?.includes(category);
          return h(
            'span',
            {
              class: `chip${hidden ? ' suppressed' : ''}`,
              title: label?.full ? pick(label.full) : null,
            },
            h('span', { class: 'chip-label' }, label ? pick(label) : category),
            ' ',
            h('b', {}, hidden ? t('suppressed') : formatNumber(value)),
          );
        });
      if (chips.length === 0) return null;
      return h(
        'div',
        { class: 'chip-group' },
        h('span', { class: 'chip-dimension' }, known ? pick(known.label) : dimension),
        chips,
      );
    })
    .filter(Boolean);
  return h(
    'td',
    { class: `breakdown${groups.length ? '' : ' empty'}`, 'data-label': t('colBreakdown') },
    groups.length ? groups : h('span', { class: 'muted' }, '—'),
  );
}

/**
 * Fills the indicator table. `onAudit` is given only to readers of the audit trail:
 * from a figure, its unit's trail is one more click away.
 */
export function renderIndicatorTable(tbody, rows, { vocabulary, onAudit, auditLabel }) {
  tbody.replaceChildren(
    ...rows.map((row) =>
      h(
        'tr',
        { dataset: { indicator: row.indicator } },
        h('th', { scope: 'row', class: 'label', title: row.indicator }, pick(row.label)),
        valueCell(row),
        targetCell(row),
        shareCell(row),
        breakdownCell(row, vocabulary),
        h(
          'td',
          { class: 'audit-col' },
          onAudit
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'link-button audit-link',
                  title: auditLabel,
                  onclick: () => onAudit(row),
                },
                t('audit'),
              )
            : null,
        ),
      ),
    ),
  );
  applyShareWidths(tbody);
}

/** Bar widths through the CSSOM: the page's CSP allows no inline style attributes. */
export function applyShareWidths(root) {
  root.querySelectorAll('.share-fill[data-width]').forEach((fill) => {
    fill.style.width = `${fill.dataset.width}%`;
  });
}
