// The worker thread's entry: runs the fleet with the options it was given, says when the measured part
// starts and ends, and posts back its result.
import { parentPort, workerData } from 'node:worker_threads';
import { runFleet, type FleetOptions } from './fleet';

const result = await runFleet(workerData as FleetOptions, {
  log: (line) => console.log(line),
  started: () => parentPort?.postMessage({ phase: 'started' }),
  finished: () => parentPort?.postMessage({ phase: 'finished' }),
});
parentPort?.postMessage({ result });
