import { LOGIN_THROTTLE, loginDelaySeconds } from './login-delay';

describe('the wait after failed sign-ins', () => {
  it('is nothing while the free attempts last, then doubles from two seconds', () => {
    // One client: four free attempts, the fifth failure asks for 2 s, the sixth for 4 s …
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => loginDelaySeconds('client', n))).toEqual([
      0, 0, 0, 0, 2, 4, 8, 16,
    ]);
    expect(loginDelaySeconds('account', 10)).toBe(0);
    expect(loginDelaySeconds('account', 11)).toBe(2);
    expect(loginDelaySeconds('network', 30)).toBe(0);
    expect(loginDelaySeconds('network', 33)).toBe(8);
  });

  it('never exceeds a quarter of an hour, however many failures', () => {
    expect(loginDelaySeconds('client', 13)).toBe(512);
    expect(loginDelaySeconds('client', 14)).toBe(LOGIN_THROTTLE.maxDelaySeconds);
    expect(loginDelaySeconds('client', 10_000)).toBe(900);
  });

  it('lets a guesser try at most a few dozen passwords an hour from one client', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 3600) {
      attempts += 1;
      elapsed += Math.max(1, loginDelaySeconds('client', attempts));
    }
    // Four free tries, waits of 2 + 4 + … + 512 s (17 minutes), then one try per quarter hour: 16.
    expect(attempts).toBe(16);
  });
});
