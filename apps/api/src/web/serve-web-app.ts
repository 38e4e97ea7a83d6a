import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/**
 * Serves the built web app at `/` with a fallback to index.html for client-side routes. API paths
 * never fall back, so an unknown `/api/...` stays a JSON 404.
 */
export function serveWebApp(app: NestExpressApplication, webDistDir: string | undefined): void {
  const root = resolve(webDistDir ?? join(process.cwd(), 'dist', 'web'));
  const indexFile = join(root, 'index.html');
  if (existsSync(root)) {
    app.useStaticAssets(root, { index: false, maxAge: '1h', immutable: false });
  }
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path === '/api' || request.path.startsWith('/api/')) return next();
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
