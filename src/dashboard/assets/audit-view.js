import { api, query } from './api.js';
import { h } from './dom.js';
import { formatChangeValue, formatTime } from './format.js';
import { t } from './i18n.js';

/** Stream kinds as their ids begin (`dialogue-…`), for the record-type filter. */
export const RECORD_FAMILIES = [
  'dialogue',
  'club',
  'loan',
  'trusted-address',
  'case',
  'training',
  'communication',
  'target',
  'approval',
  'user',
  'subject',
];

const INDICATOR_FAMILY = {
  dialogues: 'dialogue',
  clubs: 'club',
  loans: 'loan',
  trusted_addresses: 'trusted-address',
  cases: 'case',
  trainings: 'training',
  communications: 'communication',
};

/** The kind of record an indicator counts (`dialogues.held` → dialogue). */
export const familyOfIndicator = (indicator) => INDICATOR_FAMILY[indicator.split('.')[0]] ?? '';

const familyOfStream = (streamId) =>
  RECORD_FAMILIES.find((family) => streamId.startsWith(`${family}-`)) ?? '';

const PAGE = 500;

/** The audit trail of a unit and below, page by page in log order, filtered by kind here. */
export class AuditView {
  constructor(elements) {
    this.el = elements;
    this.items = [];
    this.next = null;
    this.request = null;
    this.seq = 0;
  }

  fillFamilies(selected) {
    this.el.family.replaceChildren(
      h('option', { value: '' }, t('familyAll')),
      ...RECORD_FAMILIES.map((family) => h('option', { value: family }, t(`family_${family}`))),
    );
    this.el.family.value = selected ?? '';
  }

  /** Loads the first page for `unit` (recorded between `from` and `to`, known by `asOf`). */
  async open({ unit, unitName, family, asOf, from, to }) {
    this.request = { unit, asOf, from, to };
    this.unitName = unitName;
    this.family = family ?? '';
    this.items = [];
    this.next = null;
    this.fillFamilies(this.family);
    this.el.from.value = from ?? '';
    this.el.to.value = to ?? '';
    this.render();
    await this.load(0);
  }

  async load(after) {
    const seq = ++this.seq;
    const { unit, asOf, from, to } = this.request;
    this.el.more.disabled = true;
    this.el.count.textContent = t('loading');
    try {
      const page = await api(
        `/api/audit${query({ unit, asOf, from, to, after: after || undefined, limit: PAGE })}`,
      );
      if (seq !== this.seq) return;
      this.items = after ? [...this.items, ...page.items] : page.items;
      this.next = page.next;
    } finally {
      if (seq === this.seq) {
        this.el.more.disabled = false;
        this.render();
      }
    }
  }

  loadMore() {
    return this.next === null ? Promise.resolve() : this.load(this.next);
  }

  setFamily(family) {
    this.family = family;
    this.render();
  }

  render() {
    this.el.title.textContent = t('auditTitle', {
      unit: this.unitName ?? this.request?.unit ?? '',
    });
    const shown = this.family
      ? this.items.filter((item) => familyOfStream(item.streamId) === this.family)
      : this.items;
    this.el.count.textContent =
      shown.length === this.items.length
        ? t('auditCount', { shown: shown.length })
        : t('auditCountFiltered', { shown: shown.length, loaded: this.items.length });
    this.el.more.hidden = this.next === null;
    this.el.tbody.replaceChildren(...shown.map((item) => this.row(item)));
    if (shown.length === 0)
      this.el.tbody.append(h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('auditEmpty'))));
  }

  row(item) {
    const family = familyOfStream(item.streamId);
    const id = family ? item.streamId.slice(family.length + 1) : item.streamId;
    return h(
      'tr',
      { dataset: { position: item.position } },
      h('td', { 'data-label': t('colRecordedAt'), class: 'nowrap' }, formatTime(item.recordedAt)),
      h('td', { 'data-label': t('colActor') }, item.actor.username),
      h('td', { 'data-label': t('colRole') }, t(`role_${item.actor.role}`)),
      h('td', { 'data-label': t('colType') }, h('code', {}, item.type)),
      h(
        'td',
        { 'data-label': t('colStream'), title: item.streamId },
        h(
          'span',
          {},
          family ? t(`family_${family}`) : '',
          h('span', { class: 'unit-code' }, id.length > 8 ? `${id.slice(0, 8)}…` : id),
        ),
      ),
      h(
        'td',
        { 'data-label': t('colReason'), class: item.reason ? null : 'empty' },
        item.reason ?? '',
      ),
      h(
        'td',
        {
          'data-label': t('colChanges'),
          class: item.changes?.length ? 'changes' : 'changes empty',
        },
        (item.changes ?? []).map((change) =>
          h(
            'div',
            { class: 'change' },
            h('code', {}, change.field),
            ': ',
            h('del', {}, formatChangeValue(change.before)),
            ' → ',
            h('ins', {}, formatChangeValue(change.after)),
          ),
        ),
      ),
    );
  }
}
