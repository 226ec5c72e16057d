import { h } from './dom.js';
import { pick, t } from './i18n.js';
import { applyShareWidths, shareCell, targetCell, valueCell } from './indicator-table.js';

/** The indicator chooser of the by-unit table, in the order of the indicator table. */
export function fillIndicatorChoice(select, rows, selected) {
  select.replaceChildren(
    ...rows.map((row) =>
      h('option', { value: row.indicator, selected: row.indicator === selected }, pick(row.label)),
    ),
  );
  if (!rows.some((row) => row.indicator === selected) && rows[0]) select.value = rows[0].indicator;
}

const valueOf = (child, indicator) =>
  child.rows.find((row) => row.indicator === indicator)?.value ?? -1;

/**
 * One line per subordinate unit for one indicator, in the catalogue's order or the
 * largest first; a unit's name drills into it.
 */
export function renderChildren(tbody, children, indicator, onDrill, byValue = false) {
  const ordered = byValue
    ? [...children].sort((a, b) => valueOf(b, indicator) - valueOf(a, indicator))
    : children;
  tbody.replaceChildren(
    ...ordered.map((child) => {
      const row = child.rows.find((candidate) => candidate.indicator === indicator);
      return h(
        'tr',
        { dataset: { unit: child.unit } },
        h(
          'th',
          { scope: 'row', class: 'label' },
          h(
            'button',
            {
              type: 'button',
              class: 'link-button drill',
              dataset: { unit: child.unit },
              onclick: () => onDrill(child),
            },
            child.name,
          ),
          h('span', { class: 'unit-code' }, child.unit),
        ),
        row ? valueCell(row) : h('td', { class: 'num' }, '—'),
        row ? targetCell(row) : h('td', { class: 'num' }, '—'),
        row ? shareCell(row) : h('td', {}, '—'),
      );
    }),
  );
  if (children.length === 0)
    tbody.append(h('tr', {}, h('td', { colspan: 4, class: 'muted' }, t('auditEmpty'))));
  applyShareWidths(tbody);
}
