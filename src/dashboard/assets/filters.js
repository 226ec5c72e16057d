import { $ } from './dom.js';
import { go } from './router.js';
import { state } from './state.js';

/** An ISO time as a datetime-local input holds it, in the browser's own zone. */
function toLocalInput(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The period, as-of and geography pickers show the route. */
export function fillFilters() {
  const { from, to, asOf, geography } = state.route;
  $('#filter-geography').value = geography || 'original';
  $('#filter-from').value = from;
  $('#filter-to').value = to;
  $('#filter-as-of').value = asOf ? toLocalInput(asOf) : '';
}

export function applyFilters(event) {
  event.preventDefault();
  const asOfInput = $('#filter-as-of').value;
  const asOfDate = asOfInput ? new Date(asOfInput) : null;
  const asOf = asOfDate && !Number.isNaN(asOfDate.getTime()) ? asOfDate.toISOString() : '';
  const geography = $('#filter-geography').value === 'current' ? 'current' : '';
  go(
    { from: $('#filter-from').value, to: $('#filter-to').value, asOf, geography },
    { refresh: true },
  );
}

export function resetFilters() {
  go({ from: '', to: '', asOf: '', geography: '' });
}
