// Sessions and completions follow the push/pull rules of residents (invariants 2, 4–8): exact storage,
// idempotence, conflicts, tombstones, quarantine and the scope of leaders and volunteers. And a resident
// from a version-1 app (no consents) is put aside, never dropped.
import { describe, expect, test } from 'vitest';
import { newId, type PlainDoc } from '../../../src/shared';
import { enrollDevice, makeResident, MAKE_DOC, pullAll, seedTestWard } from '../../helpers/server';
import type { ContractEnv } from './sync-contract';

const FIELD = ['sessions', 'completions'] as const;
type FieldCollection = (typeof FIELD)[number];

/** Every optional field set, so exact storage covers them. */
const FULL: Record<FieldCollection, PlainDoc> = {
  sessions: {
    format: 'home_visit',
    place: 'Tại nhà bà Nguyễn Thị Hoa, ngõ 12',
    skills: [
      { catalogue: 'khung-757', version: '1.0', code: '0.1' },
      { catalogue: '5-ky-nang', version: '2024', code: '3' },
    ],
    trainers: ['Trần Văn Tư', 'Lê Thị Mai'],
    attendeeIds: [newId(), newId(), newId()],
    notes: 'Bà cụ cần hướng dẫn thêm về thanh toán.',
    createdBy: 'acc-123',
  },
  completions: {
    vneid: {
      channel: 'platform_certificate',
      courseName: 'Bình dân học vụ số — Kỹ năng số cơ bản',
      issuer: 'Nền tảng Bình dân học vụ số',
      recordNumber: 'BDHVS-2026-01234',
    },
    recordedById: 'acc-123',
    verifiedBy: 'Nguyễn Thị Lan',
    verifiedAt: '2026-01-08T03:00:00.000Z',
    notes: 'Đã xem chứng nhận trên điện thoại.',
  },
};

/** A change of one field, for edits and conflicts. */
const EDIT: Record<FieldCollection, PlainDoc> = {
  sessions: { place: 'Nhà văn hoá tổ 2', updatedAt: '2026-02-01T00:00:00.000Z' },
  completions: { date: '2026-01-07', updatedAt: '2026-02-01T00:00:00.000Z' },
};

/** A document its schema refuses, and a word of the message. */
const INVALID: Record<FieldCollection, [PlainDoc, string]> = {
  sessions: [{ trainers: [] }, 'trainers.required'],
  completions: [{ kind: 'trained' }, 'vneid.evidence.required'],
};

export function fieldCollectionTests({ store, server }: ContractEnv): void {
  for (const collection of FIELD) {
    const make = (ward: string, group = 'g1', overrides: PlainDoc = {}) =>
      MAKE_DOC[collection](ward, group, overrides);
    const other = FIELD.find((c) => c !== collection)!;

    describe(collection, () => {
      test('a new document is stored exactly as sent and pulled from its own collection only', async () => {
        const ward = await seedTestWard(store());
        const doc = make(ward, 'g2', FULL[collection]);
        expect(await server().push(ward, [{ newDocumentState: doc }], collection)).toEqual({
          conflicts: [],
          quarantined: [],
        });
        expect((await server().pull(collection, ward, 0)).documents).toEqual([doc]);
        expect((await pullAll(server(), other, ward)).documents).toEqual([]);
        expect((await pullAll(server(), 'residents', ward)).documents).toEqual([]);
      });

      test('pushing the same batch twice stores one row and bumps no sequence', async () => {
        const ward = await seedTestWard(store());
        const rows = [{ newDocumentState: make(ward) }, { newDocumentState: make(ward, 'g2') }];
        await server().push(ward, rows, collection);
        const first = await pullAll(server(), collection, ward);
        expect(await server().push(ward, rows, collection)).toEqual({ conflicts: [], quarantined: [] });
        const second = await pullAll(server(), collection, ward);
        expect(second.documents).toHaveLength(2);
        expect(second.checkpoint).toBe(first.checkpoint);
      });

      test('an edit on the current state is stored; a stale one gets the current document and writes nothing', async () => {
        const ward = await seedTestWard(store());
        const v1 = make(ward);
        const v2 = { ...v1, ...EDIT[collection] };
        const stale = { ...v1, updatedAt: '2026-03-01T00:00:00.000Z' };
        await server().push(ward, [{ newDocumentState: v1 }], collection);
        const edit = [{ assumedMasterState: v1, newDocumentState: v2 }];
        expect(await server().push(ward, edit, collection)).toEqual({ conflicts: [], quarantined: [] });
        const before = await pullAll(server(), collection, ward);

        const reply = await server().push(
          ward,
          [{ assumedMasterState: v1, newDocumentState: stale }],
          collection,
        );
        expect(reply).toEqual({ conflicts: [v2], quarantined: [] });
        const after = await pullAll(server(), collection, ward);
        expect(after.documents).toEqual([v2]);
        expect(after.checkpoint).toBe(before.checkpoint);
      });

      test('a tombstone is pulled with _deleted true', async () => {
        const ward = await seedTestWard(store());
        const v1 = make(ward);
        await server().push(ward, [{ newDocumentState: v1 }], collection);
        const tombstone = { ...v1, _deleted: true };
        await server().push(ward, [{ assumedMasterState: v1, newDocumentState: tombstone }], collection);
        expect((await pullAll(server(), collection, ward)).documents).toEqual([tombstone]);
      });

      test('an invalid document is quarantined under its collection; the rest of the batch is stored', async () => {
        const ward = await seedTestWard(store());
        const good = make(ward);
        const [overrides, word] = INVALID[collection];
        const bad = make(ward, 'g1', overrides);
        const reply = await server().push(
          ward,
          [{ newDocumentState: bad }, { newDocumentState: good }],
          collection,
        );
        expect(reply).toEqual({
          conflicts: [],
          quarantined: [{ id: bad['id'], code: 'invalid_document', message: expect.stringContaining(word) }],
        });
        expect((await pullAll(server(), collection, ward)).documents).toEqual([good]);
        const quarantine = await store().listQuarantine(ward);
        expect(quarantine.map((q) => [q.collection, q.docId, q.reasonCode])).toEqual([
          [collection, bad['id'], 'invalid_document'],
        ]);
        // The same bad document again: no second quarantine row.
        await server().push(ward, [{ newDocumentState: bad }], collection);
        expect(await store().listQuarantine(ward)).toHaveLength(1);
      });

      test('a document for another ward, an unknown group, or an id another ward holds is out of scope', async () => {
        const ward = await seedTestWard(store());
        const otherWard = await seedTestWard(store());
        const theirs = make(otherWard);
        await server().push(otherWard, [{ newDocumentState: theirs }], collection);
        const rows = [
          make(otherWard),
          make(ward, 'no-such-group'),
          { ...theirs, wardCode: ward, updatedAt: '2026-05-05T00:00:00.000Z' },
        ].map((doc) => ({ newDocumentState: doc }));
        const reply = await server().push(ward, rows, collection);
        expect(reply.conflicts).toEqual([]);
        expect(reply.quarantined.map((q) => [q.id, q.code])).toEqual(
          rows.map((r) => [r.newDocumentState['id'], 'out_of_scope']),
        );
        expect((await pullAll(server(), collection, ward)).documents).toEqual([]);
        expect((await pullAll(server(), collection, otherWard)).documents).toEqual([theirs]);
      });

      test('a volunteer pushes and pulls only documents of their own groups', async () => {
        const ward = await seedTestWard(store());
        const officer = await server().officerToken(ward);
        const phone = await enrollDevice(server(), officer, ward, { role: 'volunteer', groupIds: ['g1'] });
        const theirs = make(ward, 'g2');
        await server().push(ward, [{ newDocumentState: theirs }], collection);

        const mine = make(ward, 'g1');
        const elsewhere = make(ward, 'g2');
        const movedIn = { ...theirs, groupId: 'g1' };
        const reply = await server().push(
          ward,
          [
            { newDocumentState: mine },
            { newDocumentState: elsewhere },
            { assumedMasterState: theirs, newDocumentState: movedIn },
          ],
          collection,
          phone.deviceToken,
        );
        expect(reply.conflicts).toEqual([]);
        expect(reply.quarantined.map((q) => [q.id, q.code])).toEqual([
          [elsewhere['id'], 'out_of_scope'],
          [theirs['id'], 'out_of_scope'],
        ]);
        const seen = await server().pull(collection, ward, 0, 1000, phone.deviceToken);
        expect(seen.documents).toEqual([mine]);
        const all = await pullAll(server(), collection, ward);
        expect(all.documents).toEqual([theirs, mine]);
      });
    });
  }

  test('a resident from a version-1 app, without consents, is quarantined invalid_document, not dropped', async () => {
    const ward = await seedTestWard(store());
    const { consents: _omitted, ...v1Resident } = makeResident(ward, 'g1', {
      fullName: 'Người Không Đồng Ý',
    });
    const good = makeResident(ward, 'g2');
    const rows = [{ newDocumentState: v1Resident }, { newDocumentState: good }];
    const reply = await server().push(ward, rows);
    expect(reply).toEqual({
      conflicts: [],
      quarantined: [
        {
          id: v1Resident['id'],
          code: 'invalid_document',
          message: expect.stringContaining('consent.required'),
        },
      ],
    });
    expect((await pullAll(server(), 'residents', ward)).documents).toEqual([good]);
    const [entry, ...more] = await store().listQuarantine(ward);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ collection: 'residents', docId: v1Resident['id'] });
    expect(JSON.parse(entry!.payload)).toEqual(rows[0]);
  });

  test('a resident with a phone but no live contact consent is quarantined invalid_document', async () => {
    const ward = await seedTestWard(store());
    const doc = makeResident(ward, 'g1', { phone: '0912345678' });
    const reply = await server().push(ward, [{ newDocumentState: doc }]);
    expect(reply.quarantined).toEqual([
      { id: doc['id'], code: 'invalid_document', message: expect.stringContaining('phone.needsConsent') },
    ]);
  });
}
