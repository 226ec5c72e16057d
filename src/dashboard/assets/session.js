// The access token lives in sessionStorage: it dies with the tab and is never shared.

const KEY = 'p8.session';

export function saveSession(answer, now = Date.now()) {
  const session = {
    token: answer.accessToken,
    user: answer.user,
    expiresAt: now + answer.expiresIn * 1000,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (!session?.token || !session.user?.unitCode) return null;
    return session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
}
