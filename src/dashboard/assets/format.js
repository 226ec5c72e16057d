import { locale, t } from './i18n.js';

export function formatNumber(value) {
  return new Intl.NumberFormat(locale()).format(value);
}

/** A figure as the table shows it; money gets its currency sign. */
export function formatValue(value, counts) {
  if (value === null || value === undefined) return t('suppressed');
  return counts === 'vnd' ? `${formatNumber(value)} ₫` : formatNumber(value);
}

export function formatShare(achieved) {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(
    achieved,
  );
}

export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Viet Nam time, where the recorders are, whatever the reader's own zone.
  return new Intl.DateTimeFormat(locale(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(date);
}

export function formatDate(ymd) {
  const [year, month, day] = ymd.split('-');
  return `${day}/${month}/${year}`;
}

/** A field change's value in words: objects as compact JSON, nothing as "(empty)". */
export function formatChangeValue(value) {
  if (value === undefined || value === null || value === '') return t('empty');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
