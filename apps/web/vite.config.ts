import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompress } from './precompress';

const appRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

// The API runs on its own port in development; proxying keeps the browser on one origin, so the
// session cookie and `credentials: 'include'` behave exactly as behind the production reverse proxy.
const apiProxy = { '/api': { target: 'http://localhost:3000', changeOrigin: false } };

export default defineConfig({
  root: appRoot,
  publicDir: 'public',
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { port: 4200, strictPort: true, proxy: apiProxy },
  preview: { port: 4173, proxy: apiProxy },
});
