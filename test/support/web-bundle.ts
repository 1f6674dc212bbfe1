import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildWebProduction } from '../../src/server/web-build.ts';


export interface FirstLoadScript {
  /** as written in index.html, e.g. /assets/index-abc123.js */
  src: string;
  kind: 'entry' | 'modulepreload';
  bytes: number;
  /** gzip at zlib's default level (6), what `vite build` reports and what a server compressing on the fly sends */
  gzipBytes: number;
}

/**
 * The JavaScript every page of the single-page app downloads before it can paint: index.html's module entry and
 * the chunks it modulepreloads (its static imports). Lazy routes are not in it: they load when visited.
 * Issue 11's budget for the citizen portal: ≤ 200 KB gzip.
 */
export function firstLoadScripts(distDir: string): FirstLoadScript[] {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const found: { src: string; kind: FirstLoadScript['kind'] }[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
    if (tag.startsWith('<script') && attr('type') === 'module' && attr('src')) found.push({ src: attr('src')!, kind: 'entry' });
    if (tag.startsWith('<link') && attr('rel') === 'modulepreload' && attr('href')) found.push({ src: attr('href')!, kind: 'modulepreload' });
  }
  return found.map(({ src, kind }) => {
    const body = readFileSync(path.join(distDir, src.replace(/^\//, '')));
    return { src, kind, bytes: body.length, gzipBytes: gzipSync(body).length };
  });
}

export const sum = (scripts: FirstLoadScript[], key: 'bytes' | 'gzipBytes') => scripts.reduce((n, s) => n + s[key], 0);

/** Builds the front end with the project's vite.config.ts into `outDir` (not dist/web, which a running server may be serving). */
export async function buildWeb(outDir: string): Promise<void> {
  await buildWebProduction(outDir);
}
