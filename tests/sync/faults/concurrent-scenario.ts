// The B9 fault "concurrent pushes interleaved with pulls", shared by the PGlite test and the real
// PostgreSQL one: two devices push records one by one while a third device and a bare HTTP puller (small
// pages) keep pulling. Invariant 3 (sequence order = visibility order) means no puller following its
// checkpoint ever skips a record; the outcome lists what each puller missed.
import type { PlainDoc } from '../../../src/shared';
import { PROTOCOL_HEADERS } from '../../helpers/server';
import { draft, localRecords, saved, sleep, startDevice, type TestDevice, type TestServer } from '../harness';

export interface ConcurrentOutcome {
  pushed: number;
  /** Ids the puller device does not hold at the end. */
  missedByDevice: string[];
  /** Ids the HTTP puller never saw. */
  missedByHttpPuller: string[];
  /** Whether the HTTP puller saw sequence values strictly increasing. */
  seqIncreasing: boolean;
  /** Names stored under more than one id. */
  duplicatedNames: string[];
}

export async function concurrentPushesAndPulls(
  server: TestServer,
  perPusher = 12,
): Promise<ConcurrentOutcome> {
  const ward = await server.addWard();
  const devices: TestDevice[] = [];
  try {
    for (const name of ['push-a', 'push-b', 'pull-c']) {
      devices.push(await startDevice(server, `${name}-${ward.code}`, { ward }));
    }
    const [a, b, c] = devices as [TestDevice, TestDevice, TestDevice];
    await Promise.all(devices.map((d) => d.sync.awaitInSync()));

    let pushing = true;
    const httpSeen = new Set<string>();
    let checkpoint = 0;
    let seqIncreasing = true;
    const httpPull = async () => {
      const res = await fetch(
        `${server.url}/v1/sync/residents/pull?wardCode=${ward.code}&seq=${checkpoint}&limit=3`,
        { headers: { ...PROTOCOL_HEADERS, authorization: `Bearer ${ward.officerToken}` } },
      );
      const page = (await res.json()) as { documents: PlainDoc[]; checkpoint: { seq: number } };
      if (page.checkpoint.seq < checkpoint) seqIncreasing = false;
      for (const doc of page.documents) httpSeen.add(String(doc['id']));
      checkpoint = page.checkpoint.seq;
      return page.documents.length;
    };
    const httpPuller = (async () => {
      while (pushing) {
        await httpPull();
        await sleep(1);
      }
    })();
    const devicePuller = (async () => {
      while (pushing) {
        c.sync.syncNow();
        await c.sync.awaitInSync();
        await sleep(5);
      }
    })();

    const pushed: string[] = [];
    await Promise.all(
      [a, b].map(async (d) => {
        for (let i = 0; i < perPusher; i++) {
          const r = await saved(d.db.residents.add(draft(`Đồng Thời ${d.name} ${i}`)));
          pushed.push(r.id);
          // Let the push start before the next record, so pushes from both devices interleave.
          if (i % 3 === 2) await d.until((s) => s.waiting === 0);
        }
        await d.until((s) => s.waiting === 0);
      }),
    );
    pushing = false;
    await Promise.all([httpPuller, devicePuller]);
    while ((await httpPull()) > 0) {
      // drain: everything committed is visible now
    }
    c.sync.syncNow();
    await c.sync.awaitInSync();

    const onC = await localRecords(c, 'residents');
    const { rows } = await server.store.pull('residents', ward.code, 0, 10_000);
    const names = rows.map((r) => String(r.doc['fullName']));
    return {
      pushed: pushed.length,
      missedByDevice: pushed.filter((id) => !onC.has(id)),
      missedByHttpPuller: pushed.filter((id) => !httpSeen.has(id)),
      seqIncreasing,
      duplicatedNames: names.filter((n, i) => names.indexOf(n) !== i),
    };
  } finally {
    await Promise.all(devices.map((d) => d.close()));
  }
}
