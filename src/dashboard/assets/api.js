import { t } from './i18n.js';

/** A refused or failed request, with the service's own words for why. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let tokenOf = () => null;
let onUnauthenticated = () => {};

/** Where requests find the token, and what a 401 (expired or disabled) leads to. */
export function configureApi(options) {
  tokenOf = options.token;
  onUnauthenticated = options.onUnauthenticated;
}

/** The `message` of a JSON error answer, or the status when the body says nothing. */
export async function errorMessage(response) {
  try {
    const body = await response.json();
    if (typeof body?.message === 'string' && body.message) return body.message;
  } catch {
    // Not JSON: fall back to the status line below.
  }
  return `${response.status} ${response.statusText}`.trim();
}

/** Sends a request as the logged-in user; answers the response when `raw`, else its JSON. */
export async function api(path, { method = 'GET', body, raw = false, signal } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  const token = tokenOf();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, t('unreachable'));
  }
  if (!response.ok) {
    const message = await errorMessage(response);
    if (response.status === 401 && token) onUnauthenticated(message);
    throw new ApiError(response.status, message);
  }
  return raw ? response : response.json();
}

/** A query string from the set values only. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
