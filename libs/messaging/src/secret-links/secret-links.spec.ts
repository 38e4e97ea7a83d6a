import { createHash, randomUUID } from 'node:crypto';
import { SecretLinks } from './secret-links';

describe('one-time link secrets', () => {
  const links = new SecretLinks('a-test-secret-that-is-long-enough-0123');
  const ref = { purpose: 'password_reset' as const, linkId: randomUUID() };

  it('are the same every time for one link, so a mail sent again carries the same link', () => {
    expect(links.tokenFor(ref)).toBe(links.tokenFor({ ...ref }));
    expect(links.pathFor(ref)).toBe(`/passwort-zuruecksetzen?token=${links.tokenFor(ref)}`);
    expect(links.tokenFor(ref)).toMatch(/^[\w-]{43}$/);
  });

  it('differ per link, per purpose and per key', () => {
    const tokens = new Set([
      links.tokenFor(ref),
      links.tokenFor({ ...ref, linkId: randomUUID() }),
      links.tokenFor({ ...ref, purpose: 'invitation' }),
      new SecretLinks('another-secret-that-is-long-enough-0123').tokenFor(ref),
    ]);
    expect(tokens.size).toBe(4);
  });

  it('are stored only as their SHA-256', () => {
    expect(links.hashFor(ref)).toBe(createHash('sha256').update(links.tokenFor(ref)).digest('hex'));
    expect(links.hashFor(ref)).not.toContain(links.tokenFor(ref));
  });
});
