import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { precompress } from './precompress';
import { GERMAN_SHELL_MODULE, SHELL_MESSAGE_SECTIONS } from './src/i18n/shell-sections';

const appRoot = fileURLToPath(new URL('.', import.meta.url));
// The browser's view of the domain: its pure rules without zod, xstate or Node modules (see
// libs/domain/src/browser.ts); apps/web/tsconfig.json maps the same name to the same file.
const domainBrowserEntry = fileURLToPath(new URL('../../libs/domain/src/browser.ts', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/web', import.meta.url));

// The API runs on its own port in development; proxying keeps the browser on one origin, so the
// session cookie and `credentials: 'include'` behave exactly as behind the production reverse proxy.
const apiProxy = { '/api': { target: 'http://localhost:3000', changeOrigin: false } };

/** The German messages of the shell alone, picked from de.json (see src/i18n/shell-sections.ts). */
function germanShellMessages(): Plugin {
  const resolved = `\0${GERMAN_SHELL_MODULE}`;
  const source = fileURLToPath(new URL('./src/i18n/de.json', import.meta.url));
  return {
    name: 'kiezfonds-german-shell-messages',
    resolveId: (id) => (id === GERMAN_SHELL_MODULE ? resolved : null),
    load(id) {
      if (id !== resolved) return null;
      this.addWatchFile(source);
      const all = JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
      const shell = Object.fromEntries(SHELL_MESSAGE_SECTIONS.map((section) => [section, all[section]]));
      return `export default ${JSON.stringify(shell)};`;
    },
  };
}

export default defineConfig({
  root: appRoot,
  publicDir: 'public',
  resolve: { alias: { '@kiezfonds/domain': domainBrowserEntry } },
  plugins: [react(), germanShellMessages(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { port: 4200, strictPort: true, proxy: apiProxy },
  preview: { port: 4173, proxy: apiProxy },
});
