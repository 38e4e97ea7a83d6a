import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import request from 'supertest';
import { serveWebApp } from './serve-web-app';

const SCRIPT = `console.log(${JSON.stringify('kiezfonds '.repeat(200))});\n`;

/** The body as text; supertest decodes brotli and gzip as a browser does, the headers stay as sent. */
function raw(test: request.Test): request.Test {
  return test.buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });
}

describe('the built web app as the API serves it: pre-compressed, hashed assets cached for good', () => {
  let root: string;
  let server: Server;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'kiezfonds-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>kiezfonds</title>');
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
    writeFileSync(join(root, 'assets', 'index-Ab12Cd34.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(root, 'assets', 'index-Ab12Cd34.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(root, 'assets', 'font-Xy98.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    const app = express();
    serveWebApp(app as unknown as NestExpressApplication, root);
    server = app.listen(0);
  });

  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends the brotli variant to a browser that accepts it, with the type of the original', async () => {
    const res = await raw(
      request(server).get('/assets/index-Ab12Cd34.js').set('Accept-Encoding', 'gzip, deflate, br'),
    ).expect(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['vary']).toContain('Accept-Encoding');
    expect(res.body).toBe(SCRIPT);
    expect(Number(res.headers['content-length'])).toBeLessThan(SCRIPT.length / 10);
  });

  it('sends gzip where brotli is not accepted, and the plain file where nothing is', async () => {
    const gz = await raw(
      request(server).get('/assets/index-Ab12Cd34.js').set('Accept-Encoding', 'gzip'),
    ).expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body).toBe(SCRIPT);
    expect(Number(gz.headers['content-length'])).toBeLessThan(SCRIPT.length / 10);

    const plain = await raw(
      request(server).get('/assets/index-Ab12Cd34.js').set('Accept-Encoding', 'identity'),
    ).expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(Number(plain.headers['content-length'])).toBe(SCRIPT.length);
  });

  it('caches hashed assets for a year as immutable, other files for an hour, and index.html never unchecked', async () => {
    for (const path of ['/assets/index-Ab12Cd34.js', '/assets/font-Xy98.woff2']) {
      const res = await request(server).get(path).set('Accept-Encoding', 'br').expect(200);
      expect({ path, cache: res.headers['cache-control'] }).toEqual({
        path,
        cache: 'public, max-age=31536000, immutable',
      });
    }
    const icon = await request(server).get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
    for (const path of ['/gefoerderte-projekte', '/index.html']) {
      const page = await request(server).get(path).set('Accept', 'text/html').expect(200);
      expect({ path, cache: page.headers['cache-control'] }).toEqual({ path, cache: 'no-cache' });
    }
  });

  it('answers a missing asset with 404 instead of the app, and keeps API paths out', async () => {
    await request(server).get('/assets/index-gone.js').set('Accept', '*/*').expect(404);
    await request(server).get('/api/anything').set('Accept', 'text/html').expect(404);
  });
});
