// Bench harness (browser side), B1: one completion and one session saved through the app's repositories,
// each followed (or preceded, every other run) by a plain IndexedDB put of the same record.
import { formatTypedDate, localIsoDate } from '../../../src/client/db';
import { newId, type PlainDoc } from '../../../src/shared';
import { BENCH_ACTOR, BENCH_GROUPS, benchResident, SESSION_SKILLS } from './records';
import { openAppDb, openRawDb, rawPut } from './storages';

export interface B1Options {
  /** Residents on the device before the saves (the completion form looks its resident up). */
  residents: number;
  warmup: number;
  runs: number;
  attendees: number;
}

/** Wall times (ms) of each measured save, app and raw interleaved in the same loop. */
export interface B1Times {
  completion: { app: number[]; raw: number[] };
  session: { app: number[]; raw: number[] };
}

/** Lets the previous write's follow-up work (change events, cross-tab messages) run before timing. */
const SETTLE_MS = 10;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function b1(o: B1Options): Promise<B1Times> {
  const db = await openAppDb();
  const raw = await openRawDb('bench-raw-b1', ['completions', 'sessions']);
  try {
    const residents = Array.from({ length: o.residents }, (_, i) => benchResident(i));
    await db.rx.residents.bulkInsert(residents);
    const today = formatTypedDate(localIsoDate(new Date()));
    const times: B1Times = { completion: { app: [], raw: [] }, session: { app: [], raw: [] } };
    // The raw side writes the record the app saved last (a copy under a fresh id, built before timing).
    const last: Record<'completion' | 'session', PlainDoc | null> = { completion: null, session: null };
    for (let run = 0; run < o.warmup + o.runs; run++) {
      const resident = residents[run % residents.length]!;
      const first = (run * o.attendees) % Math.max(1, residents.length - o.attendees);
      const saves = {
        completion: () =>
          db.completions.add({
            residentId: resident.id,
            kind: 'vneid',
            date: today,
            skills: [],
            vneid: {
              channel: 'vneid_app',
              courseName: 'Phổ cập kiến thức, kỹ năng số cơ bản',
              issuer: 'Bộ Khoa học và Công nghệ',
              recordNumber: '',
            },
            notes: '',
          }),
        session: () =>
          db.sessions.add({
            date: today,
            place: 'Nhà văn hoá tổ 1',
            format: 'class',
            groupId: BENCH_GROUPS[0],
            skills: SESSION_SKILLS,
            trainers: [BENCH_ACTOR.name],
            attendeeIds: residents.slice(first, first + o.attendees).map((r) => r.id),
            notes: '',
          }),
      };
      for (const kind of ['completion', 'session'] as const) {
        const app = () =>
          timed(async () => {
            const result = await saves[kind]();
            if (!result.ok) throw new Error(`${kind} refused: ${JSON.stringify(result.errors)}`);
            last[kind] = result.record as unknown as PlainDoc;
          });
        const rawSave = () => {
          const record = { ...last[kind]!, id: newId() };
          return timed(() => rawPut(raw, `${kind}s`, [record]));
        };
        // App first on even runs, raw first on odd ones: neither side always follows the other's write.
        const appFirst = run % 2 === 0;
        const a = await (appFirst ? app() : rawSave());
        const b = await (appFirst ? rawSave() : app());
        if (run < o.warmup) continue;
        times[kind].app.push(appFirst ? a : b);
        times[kind].raw.push(appFirst ? b : a);
      }
    }
    return times;
  } finally {
    raw.close();
    await db.close();
  }
}
