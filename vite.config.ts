import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Web front end (citizen portal + lazily loaded back office).
 * Source in src/web, built assets in dist/web (served by the Node process, see DESIGN.md §1).
 */
export default defineConfig({
  root: fromRoot('./src/web'),
  base: '/',
  publicDir: false,
  plugins: [react()],
  resolve: {
    alias: {
      // Fonts shipped by bootstrap-italia, bundled as hashed assets (never loaded from a CDN).
      '@bi-fonts': fromRoot('./node_modules/bootstrap-italia/dist/fonts'),
    },
  },
  build: {
    outDir: fromRoot('./dist/web'),
    emptyOutDir: true,
    // bootstrap-italia's stylesheet alone is ~600 kB minified; don't warn about it.
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/auth': 'http://localhost:3000',
    },
  },
  preview: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/auth': 'http://localhost:3000',
    },
  },
});
