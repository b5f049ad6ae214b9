// B2's data: residents and completions pushed into the demo ward over the sync API (as the ward's
// officer), and every pull page of the ward read back exactly as the server sends it (the bytes the
// baselines replay).
import { benchResident } from './bench-residents';
import { newId, PROTOCOL_HEADER, PROTOCOL_VERSION, SYNC_COLLECTIONS } from '../../../src/shared';

export const WARD = '99999';
export const GROUPS = ['tdp-01', 'tdp-02', 'tdp-03', 'tdp-04', 'tdp-05'];
/** The app pulls pages of this many documents (client/sync/replication.ts). */
export const PULL_PAGE = 200;
const PUSH_BATCH = 500;

const STAMP = '2026-11-01T00:00:00.000Z';

type Doc = Record<string, unknown>;

const resident = (i: number): Doc => benchResident(i, WARD, GROUPS[i % GROUPS.length]!);

function completion(i: number, of: Doc): Doc {
  const base = {
    id: newId(),
    wardCode: WARD,
    groupId: of['groupId'],
    residentId: of['id'],
    date: '2026-11-02',
    recordedBy: 'Bench',
    createdAt: STAMP,
    updatedAt: STAMP,
    _deleted: false,
  };
  return i % 2 === 0
    ? { ...base, kind: 'trained', skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }] }
    : {
        ...base,
        kind: 'vneid',
        vneid: { channel: 'vneid_app', courseName: 'Kỹ năng số cơ bản', issuer: 'Bộ KH&CN' },
      };
}

const headers = (token: string) => ({
  authorization: `Bearer ${token}`,
  [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
});

async function push(url: string, token: string, collection: string, docs: Doc[]): Promise<void> {
  for (let start = 0; start < docs.length; start += PUSH_BATCH) {
    const rows = docs.slice(start, start + PUSH_BATCH).map((d) => ({ newDocumentState: d }));
    const res = await fetch(`${url}/v1/sync/${collection}/push?wardCode=${WARD}`, {
      method: 'POST',
      headers: { ...headers(token), 'content-type': 'application/json' },
      body: JSON.stringify({ rows }),
    });
    const body = (await res.json()) as { conflicts?: unknown[]; quarantined?: unknown[] };
    if (!res.ok || body.quarantined?.length || body.conflicts?.length)
      throw new Error(`push ${collection}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

/** Pushes `count` records: half residents, half completions of those residents. */
export async function pushRecords(url: string, token: string, count: number): Promise<void> {
  const residents = Array.from({ length: Math.ceil(count / 2) }, (_, i) => resident(i));
  const completions = Array.from({ length: Math.floor(count / 2) }, (_, i) =>
    completion(i, residents[i % residents.length]!),
  );
  await push(url, token, 'residents', residents);
  await push(url, token, 'completions', completions);
}

/** One collection's pull pages as the server sent them. */
export interface PulledCollection {
  collection: string;
  pages: Buffer[];
  documents: number;
  tombstones: number;
}

/** Reads the whole ward (every synced collection) page by page, as a new device's pull loop does. */
export async function pullWard(url: string, token: string): Promise<PulledCollection[]> {
  const out: PulledCollection[] = [];
  for (const collection of SYNC_COLLECTIONS) {
    const pulled: PulledCollection = { collection, pages: [], documents: 0, tombstones: 0 };
    for (let seq = 0; ;) {
      const res = await fetch(
        `${url}/v1/sync/${collection}/pull?wardCode=${WARD}&seq=${seq}&limit=${PULL_PAGE}`,
        { headers: headers(token) },
      );
      if (!res.ok) throw new Error(`pull ${collection}: ${res.status} ${await res.text()}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      const page = JSON.parse(bytes.toString('utf8')) as { documents: Doc[]; checkpoint: { seq: number } };
      if (page.documents.length === 0) break;
      pulled.pages.push(bytes);
      pulled.documents += page.documents.length;
      pulled.tombstones += page.documents.filter((d) => d['_deleted'] === true).length;
      seq = page.checkpoint.seq;
      if (page.documents.length < PULL_PAGE) break;
    }
    out.push(pulled);
  }
  return out;
}
