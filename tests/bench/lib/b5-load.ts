// B5's load generator: autocannon in a child process (so it never shares the measured server's event
// loop), returning the mean requests/s of a run and refusing a run with errors or non-2xx answers.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon');

export interface LoadRun {
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}

/** Loads `url` for `seconds` with `connections` keep-alive connections; the mean requests/s. */
export async function loadTest(url: string, options: LoadRun): Promise<number> {
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  const args = ['-c', String(options.connections), '-d', String(options.seconds), '-j', ...headerArgs, url];
  const { stdout } = await run(process.execPath, [AUTOCANNON, ...args], { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  };
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || result['2xx'] === 0) {
    throw new Error(
      `load on ${url}: ${result['2xx']} ok, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return result.requests.average;
}
