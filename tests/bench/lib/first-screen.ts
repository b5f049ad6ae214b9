// What the first screen costs to download: the JavaScript `dist/index.html` loads before anything else
// (its module script and every `modulepreload`), measured gzip-compressed as the server sends it.
// Used by the size budget (scripts/size-budget.ts, in `.ci/run`) and by B8.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIRST_SCREEN_BUDGET_BYTES = 150 * 1024;

export interface FirstScreenFile {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface FirstScreenJs {
  files: FirstScreenFile[];
  bytes: number;
  gzipBytes: number;
}

/** The first screen's JavaScript in a built app directory (default `dist`). */
export function firstScreenJs(distDir = 'dist'): FirstScreenJs {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const paths = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModule = tag.startsWith('<script') && /type="module"/.test(tag);
    const isPreload = tag.startsWith('<link') && /rel="modulepreload"/.test(tag);
    const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isModule || isPreload) && url !== undefined) paths.add(url.replace(/^\//, ''));
  }
  const files = [...paths].map((path) => {
    const content = readFileSync(join(distDir, path));
    return { path, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
  };
}
