export const CSRF_DOC = {
  name: 'X-CSRF-Token',
  description:
    'Required on every write authenticated by the session cookie: the `csrfToken` from the login answer or GET /api/me.',
  required: true,
};
