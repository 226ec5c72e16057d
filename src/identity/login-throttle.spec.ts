import { LoginThrottle } from './login-throttle';

describe('the login throttle', () => {
  const minute = 60_000;

  it('lets attempts through until the limit of failures, then says how long to wait', () => {
    const throttle = new LoginThrottle(3, 15 * minute);
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfter('admin', '10.0.0.1', i * minute)).toBe(0);
      throttle.failed('admin', '10.0.0.1', i * minute);
    }
    expect(throttle.retryAfter('admin', '10.0.0.1', 3 * minute)).toBe(12 * 60);
    // The same username from elsewhere, and another username from the same address, wait too.
    expect(throttle.retryAfter('admin', '10.0.0.2', 3 * minute)).toBe(12 * 60);
    expect(throttle.retryAfter('lan', '10.0.0.1', 3 * minute)).toBe(12 * 60);
    expect(throttle.retryAfter('lan', '10.0.0.2', 3 * minute)).toBe(0);
  });

  it('forgets failures once the window has passed', () => {
    const throttle = new LoginThrottle(2, 15 * minute);
    throttle.failed('admin', '10.0.0.1', 0);
    throttle.failed('admin', '10.0.0.1', minute);
    expect(throttle.retryAfter('admin', '10.0.0.1', 14 * minute)).toBe(60);
    expect(throttle.retryAfter('admin', '10.0.0.1', 15 * minute)).toBe(0);
  });

  it('clears a username after a successful login, but not the address', () => {
    const throttle = new LoginThrottle(2, 15 * minute);
    throttle.failed('admin', '10.0.0.1', 0);
    throttle.failed('admin', '10.0.0.2', 0);
    throttle.succeeded('admin');
    expect(throttle.retryAfter('admin', '10.0.0.3', minute)).toBe(0);
    throttle.failed('lan', '10.0.0.1', minute);
    expect(throttle.retryAfter('someone', '10.0.0.1', minute)).toBeGreaterThan(0);
  });
});
