import { $, show } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';

/** A problem in the page's language, with the service's own words for it. */
export function showBanner(key, message, kind = 'error') {
  state.banner = { key, message, kind };
  const banner = $('#banner');
  banner.textContent = t(key, { message });
  banner.className = 'notice error';
  banner.dataset.kind = kind;
  show(banner, true);
}

export function hideBanner() {
  state.banner = null;
  show($('#banner'), false);
}

/** A failed request's message, unless it was a 401: that one already led back to login. */
export function reportFailure(error, key = 'failed', kind = 'error') {
  if (error?.status !== 401) showBanner(key, error?.message ?? String(error), kind);
}
