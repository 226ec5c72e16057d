import { $, show } from './dom.js';
import { t } from './i18n.js';
import { clearSession, saveSession } from './session.js';
import { state } from './state.js';

let hooks = { loggedIn: () => {}, loggedOut: () => {} };

/** What happens once she is in, and when her session ends. */
export function configureLogin(given) {
  hooks = given;
}

export function showLogin(notice = null) {
  hooks.loggedOut();
  state.loginNotice = notice;
  show($('#dashboard-view'), false);
  show($('#user-box'), false);
  show($('#live-status'), false);
  show($('#login-view'), true);
  renderLoginNotice();
  $('#login-username').focus();
}

export function renderLoginNotice() {
  const box = $('#login-message');
  const notice = state.loginNotice;
  show(box, Boolean(notice));
  if (!notice) return;
  box.className = `notice ${notice.kind ?? 'error'}`;
  box.replaceChildren(t(notice.key, notice.values));
  if (notice.detail) {
    const detail = document.createElement('small');
    detail.textContent = notice.detail;
    box.append(document.createElement('br'), detail);
  }
}

/** Back to the login form: the token expired, the account was disabled, or she left. */
export function endSession(key, detail, kind = 'error') {
  clearTimeout(state.expiryTimer);
  clearTimeout(state.refreshTimer);
  clearSession();
  state.session = null;
  state.answer = null;
  state.route = null;
  state.loadSeq += 1;
  showLogin({ key, detail, kind });
}

/** Her session ends by itself when the token does. */
export function expireWithToken() {
  clearTimeout(state.expiryTimer);
  const left = Math.max(0, state.session.expiresAt - Date.now());
  state.expiryTimer = setTimeout(() => endSession('sessionEnded'), left);
}

function refusal(response, body) {
  if (response.status === 401) return { key: 'loginWrong' };
  if (response.status === 429) {
    return {
      key: 'loginThrottled',
      values: { seconds: response.headers.get('retry-after') ?? '60' },
    };
  }
  return { key: 'failed', values: { message: body.message ?? response.status } };
}

export async function submitLogin(event) {
  event.preventDefault();
  const username = $('#login-username').value.trim();
  const password = $('#login-password').value;
  if (!username || !password) {
    state.loginNotice = { key: 'loginMissing' };
    renderLoginNotice();
    return;
  }
  const button = $('#login-submit');
  button.disabled = true;
  button.textContent = t('loggingIn');
  try {
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.status === 200) {
      state.session = saveSession(body);
      state.loginNotice = null;
      $('#login-password').value = '';
      hooks.loggedIn();
      return;
    }
    state.loginNotice = refusal(response, body);
  } catch {
    state.loginNotice = { key: 'unreachable' };
  } finally {
    button.disabled = false;
    button.textContent = t('loginSubmit');
  }
  renderLoginNotice();
}

export function renderUser() {
  const user = state.session?.user;
  if (user) $('#user-name').textContent = `${user.username} · ${t(`role_${user.role}`)}`;
}
