import { $ } from './dom.js';
import { formatTime } from './format.js';
import { t } from './i18n.js';
import { state } from './state.js';

const LABELS = {
  live: 'live',
  reconnecting: 'liveReconnecting',
  paused: 'livePaused',
  connecting: 'liveConnecting',
};

/** The small "live" badge in the top bar: connected, reconnecting, or paused on past figures. */
export function setLiveStatus(status) {
  state.liveStatus = status;
  const box = $('#live-status');
  box.dataset.state = status;
  const label = LABELS[status] ? t(LABELS[status]) : '';
  $('#live-label').textContent = label;
  box.title =
    status === 'live' && state.liveAt
      ? t('liveUpdated', { time: formatTime(state.liveAt.toISOString()) })
      : label;
}
