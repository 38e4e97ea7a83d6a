import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response, static as serveStatic } from 'express';

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Serves the built web app at `/` with a fallback to index.html for client-side routes. API paths
 * never fall back, so an unknown `/api/...` stays a JSON 404.
 */
export function serveWebApp(app: NestExpressApplication, webDistDir: string | undefined): void {
  const root = resolve(webDistDir ?? join(process.cwd(), 'dist', 'web'));
  const indexFile = join(root, 'index.html');
  if (existsSync(root)) {
    // API requests never look for a file: a lookup goes to libuv's thread pool, and behind busy
    // threads (password hashing) it would hold up even /api/health.
    const files = serveStatic(root, { index: false, maxAge: '1h', immutable: false });
    app.use((request: Request, response: Response, next: NextFunction) =>
      isApiPath(request.path) ? next() : files(request, response, next),
    );
  }
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (isApiPath(request.path)) return next();
    if (!request.accepts('html')) return next();
    if (!existsSync(indexFile)) {
      response
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Die Web-Oberfläche ist noch nicht gebaut: npm run build:web\nThe web app is not built yet.');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(indexFile);
  });
}
