// The first-screen size budget (issue 8, QUALITY.md B8): the JavaScript the first screen loads, gzip,
// must stay within 150 KB. Run after `vite build` (`npm run size`); exits 1 over budget. In `.ci/run`.
import { FIRST_SCREEN_BUDGET_BYTES, firstScreenJs } from './lib/first-screen';
import { formatBytes } from './lib/line';

const dist = process.argv[2] ?? 'dist';
const js = firstScreenJs(dist);
for (const file of js.files) {
  console.log(`  ${file.path}: ${formatBytes(file.bytes)}, gzip ${formatBytes(file.gzipBytes)}`);
}
const ok = js.gzipBytes <= FIRST_SCREEN_BUDGET_BYTES;
console.log(
  `first-screen JS: ${formatBytes(js.gzipBytes)} gzip in ${js.files.length} files ` +
    `(budget ${formatBytes(FIRST_SCREEN_BUDGET_BYTES)}) ${ok ? 'ok' : 'OVER BUDGET'}`,
);
if (!ok) process.exitCode = 1;
