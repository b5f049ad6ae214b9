// Withdrawn registration consent on the server (docs/privacy.md C2): the database derives
// residents.registration_withdrawn from the document, and the reads that list named people — duplicate
// proposals and a group's roster — leave such a record out; consent given again brings it back.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PlainDoc } from '../../src/shared';
import type { SqlStore } from '../../src/server/store';
import { openTestStore } from '../helpers/server';
import { aConsent, aResident } from '../shared/fixtures';

const WARD = '71234';
let store: SqlStore;

beforeAll(async () => {
  store = await openTestStore();
  await store.createWard({ code: WARD, name: 'Phường Thử', provinceCode: '79' });
  const group: PlainDoc = { id: 'tdp-01', wardCode: WARD, name: 'Tổ 1', kind: 'to_dan_pho' };
  await store.syncWrite('groups', WARD, (tx) =>
    tx.write([{ id: 'tdp-01', groupId: 'tdp-01', doc: group, deleted: false }]),
  );
});

afterAll(async () => {
  await store.close();
});

async function put(doc: PlainDoc) {
  await store.syncWrite('residents', WARD, (tx) =>
    tx.write([{ id: String(doc['id']), groupId: 'tdp-01', doc, deleted: false }]),
  );
}

const stays = aResident({
  id: '00000000-0000-4000-8000-000000000001',
  wardCode: WARD,
  fullName: 'Lê Văn Sơn',
});
const leaves = aResident({
  id: '00000000-0000-4000-8000-000000000002',
  wardCode: WARD,
  fullName: 'Lê Văn Sơn',
});
const withdrawn = {
  ...leaves,
  consents: [aConsent({ withdrawnOn: '2026-11-21' }), aConsent({ purpose: 'contact' })],
};

describe('a resident whose registration consent is withdrawn', () => {
  test('is no duplicate candidate and on no roster; consent given again brings it back', async () => {
    await put(stays as unknown as PlainDoc);
    await put(withdrawn as unknown as PlainDoc);
    const [row] = await store.db.query('select registration_withdrawn from residents where id = $1', [
      leaves.id,
    ]);
    expect(row?.['registration_withdrawn']).toBe(true);
    expect((await store.unmergedResidents(WARD)).map((r) => r.id)).toEqual([stays.id]);
    expect((await store.groupRoster(WARD, 'tdp-01', '2026-11-23')).map((p) => p.id)).toEqual([stays.id]);

    await put({
      ...withdrawn,
      consents: [...withdrawn.consents, aConsent({ date: '2026-11-22' })],
    } as unknown as PlainDoc);
    expect((await store.unmergedResidents(WARD)).map((r) => r.id).sort()).toEqual([stays.id, leaves.id]);
    expect(await store.groupRoster(WARD, 'tdp-01', '2026-11-23')).toHaveLength(2);
  });
});
