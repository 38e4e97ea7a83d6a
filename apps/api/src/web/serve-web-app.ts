import { existsSync, readdirSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response, static as serveStatic } from 'express';

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** Vite names everything under /assets/ by its content hash: a changed file gets a new name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT_LIVED = 'public, max-age=3600';

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

function cacheControlFor(urlPath: string): string {
  if (urlPath === '/index.html') return 'no-cache';
  return urlPath.startsWith('/assets/') ? IMMUTABLE : SHORT_LIVED;
}

/** Every file below `root`, as URL paths (`/assets/index-abc.js`); read once at start. */
function listFiles(root: string, dir = root, found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(root, path, found);
    else found.add(`/${relative(root, path).split(sep).join('/')}`);
  }
  return found;
}

/**
 * Serves the built web app at `/` with a fallback to index.html for client-side routes. API paths
 * never fall back, so an unknown `/api/...` stays a JSON 404.
 *
 * The build writes brotli and gzip variants beside each text file (apps/web/precompress.ts); the
 * variant the browser accepts is sent as it is, so compression costs no CPU per request. Hashed
 * assets are cached for a year as immutable; index.html is revalidated every time, so a new
 * release reaches users at their next visit.
 */
export function serveWebApp(app: NestExpressApplication, webDistDir: string | undefined): void {
  const root = resolve(webDistDir ?? join(process.cwd(), 'dist', 'web'));
  const indexFile = join(root, 'index.html');
  if (existsSync(root)) {
    // The file list is read once: API requests and most asset requests never touch the disk to
    // ask whether a file exists (a lookup goes to libuv's thread pool, and behind busy threads,
    // such as password hashing, it would hold up even /api/health).
    const available = listFiles(root);
    const files = serveStatic(root, {
      index: false,
      cacheControl: false,
      setHeaders: (response, path) => {
        response.setHeader('Cache-Control', cacheControlFor(`/${relative(root, path).split(sep).join('/')}`));
      },
    });
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (isApiPath(request.path)) return next();
      if (request.method !== 'GET' && request.method !== 'HEAD') return next();
      const type = CONTENT_TYPES[extname(request.path)];
      if (!type || !available.has(request.path)) return files(request, response, next);
      response.setHeader('Vary', 'Accept-Encoding');
      // Brotli first where the browser takes both: smaller, and every current browser decodes it.
      const encoding = ENCODINGS.find(
        (e) => available.has(request.path + e.suffix) && request.acceptsEncodings(e.name) === e.name,
      );
      if (!encoding) return files(request, response, next);
      response.setHeader('Content-Type', type);
      response.setHeader('Content-Encoding', encoding.name);
      response.setHeader('Cache-Control', cacheControlFor(request.path));
      response.sendFile(join(root, request.path + encoding.suffix), { cacheControl: false }, (error) => {
        if (error) next(error);
      });
    });
  }
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (isApiPath(request.path)) return next();
    // A chunk that is not there (a tab still open on the previous release) must fail as a 404,
    // not arrive as the HTML page, which the browser would refuse to run as a script anyway.
    if (request.path.startsWith('/assets/')) return next();
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
