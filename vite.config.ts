import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Writes a .br and a .gz beside each text file of the build, compressed once at the highest levels, for the Node
 * process to send as they are (@fastify/static's preCompressed, src/server/platform/web.ts): a phone on a slow
 * network gets bootstrap-italia's 590 kB stylesheet as ~69 kB of brotli, with no compression work per request.
 */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  let outDir = '';
  return {
    name: 'sportello:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).map((f) => path.join(outDir, f)).filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f));
      await Promise.all(
        files.map(async (file) => {
          if ((await stat(file)).size < 1024) return; // a small file gains less than a header costs
          const body = await readFile(file);
          const [br, gzipped] = await Promise.all([
            brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
            gz(body, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
        }),
      );
    },
  };
}

/**
 * Preloads the fonts every public page paints its first screen with (Titillium Web 300, 400, 600, 700): otherwise the
 * browser asks for them only once the app has rendered text, the text first shows in a fallback font and reflows
 * when they arrive (a layout shift: Lighthouse counted the slim header wrapping onto two lines and back).
 */
function preloadFonts(pattern: RegExp): Plugin {
  return {
    name: 'sportello:preload-fonts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, ctx) =>
        Object.keys(ctx.bundle ?? {})
          .filter((file) => pattern.test(file))
          .sort()
          .map((file) => ({ tag: 'link', attrs: { rel: 'preload', href: `/${file}`, as: 'font', type: 'font/woff2', crossorigin: true }, injectTo: 'head' as const })),
    },
  };
}

/**
 * Web front end (citizen portal + lazily loaded back office).
 * Source in src/web, built assets in dist/web (served by the Node process, see DESIGN.md §1).
 */
export default defineConfig({
  root: fromRoot('./src/web'),
  base: '/',
  publicDir: false,
  plugins: [react(), preloadFonts(/titillium-web-v10-latin-ext_latin-(300|regular|600|700)-[\w-]+\.woff2$/), precompress()],
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
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry imports statically in one chunk rather than a dozen small ones (React, the router,
          // React Query's hooks, each shared by some lazy page): on a phone each request costs a round trip, and
          // Lighthouse's simulated slow 4G counted them before the first paint. Lazy pages still import from it.
          groups: [{ name: 'first-load', tags: ['$initial'] }],
        },
      },
    },
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
