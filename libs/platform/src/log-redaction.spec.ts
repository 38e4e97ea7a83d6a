import { REDACTED, redactRequest, redactUrl } from './log-redaction';

describe('log redaction', () => {
  it('removes one-time secrets from query strings and the invitation path', () => {
    expect(redactUrl('/passwort-zuruecksetzen?token=abc123')).toBe(
      `/passwort-zuruecksetzen?token=${REDACTED}`,
    );
    expect(redactUrl('/api/x?page=2&Token=geheim&q=a')).toBe(`/api/x?page=2&Token=${REDACTED}&q=a`);
    expect(redactUrl('/api/invitations/geheim-123')).toBe(`/api/invitations/${REDACTED}`);
    expect(redactUrl('/api/invitations/geheim-123?x=1')).toBe(`/api/invitations/${REDACTED}?x=1`);
    expect(redactUrl('/api/invitations/accept')).toBe('/api/invitations/accept');
    expect(redactUrl('/api/applications?page=1')).toBe('/api/applications?page=1');
  });

  it('cleans the serialized request: url, query and referer, and drops the params', () => {
    const cleaned = redactRequest({
      method: 'GET',
      url: '/api/invitations/s3cret',
      query: { token: 's3cret', page: '1' },
      params: { token: 's3cret' },
      headers: { referer: 'https://kiezfonds.example/einladung?token=s3cret', host: 'x' },
    });
    expect(JSON.stringify(cleaned)).not.toContain('s3cret');
    expect(cleaned.query).toEqual({ token: REDACTED, page: '1' });
    expect(cleaned).not.toHaveProperty('params');
    expect(cleaned.headers?.referer).toBe(`https://kiezfonds.example/einladung?token=${REDACTED}`);
  });
});
