// Valid bodies of the routes whose worth lies in real ids or in a file: sync pushes of the ward's own
// records, a phone's unsynced-records file, resident and denominator spreadsheets (whose names are
// hostile half of the time: the file is base64, out of reach of the text mutator), duplicates, groups,
// people and sign-in. Every other route gets bodies from its JSON Schema (schema-arb.ts).
import fc from 'fast-check';
import Papa from 'papaparse';
import { PUSHABLE_COLLECTIONS, type PlainDoc, type PushableCollection } from '../../../src/shared';
import { HOSTILE_STRINGS, hostileString } from './hostile';
import type { World } from './world';
import { newDocument } from './world-seed';

export type BodyExample = (world: World, params: Readonly<Record<string, string>>) => fc.Arbitrary<unknown>;

const pick = <T>(values: readonly T[], fallback: T): fc.Arbitrary<T> =>
  values.length === 0 ? fc.constant(fallback) : fc.constantFrom(...values);

const uuid = fc.uuid({ version: 4 });

function collectionOf(name: string | undefined): PushableCollection {
  return PUSHABLE_COLLECTIONS.find((c) => c === name) ?? 'residents';
}

/** A synced document: new (in the volunteer's group mostly), an existing id edited, or a tombstone. */
function document(world: World, collection: PushableCollection): fc.Arbitrary<PlainDoc> {
  const existing = world.ids[collection];
  return fc
    .record({
      id: fc.oneof({ weight: 3, arbitrary: uuid }, { weight: 1, arbitrary: pick(existing, '') }),
      groupId: fc.oneof(
        { weight: 3, arbitrary: fc.constant('tdp-01') },
        { weight: 1, arbitrary: pick(world.ids.groups, 'tdp-01') },
      ),
      deleted: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      attendees: fc.shuffledSubarray(world.ids.residents, { maxLength: 4 }),
    })
    .map(({ id, groupId, deleted, attendees }) => {
      const doc = newDocument(collection, world.ward, groupId, attendees);
      return { ...doc, ...(id === '' ? {} : { id }), _deleted: deleted };
    });
}

const pushRows: BodyExample = (world, params) =>
  fc
    .array(
      fc.record(
        {
          newDocumentState: document(world, collectionOf(params['collection'])),
          assumedMasterState: fc.constant(null),
        },
        { requiredKeys: ['newDocumentState'] },
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((rows) => ({ rows }));

const unsyncedFile: BodyExample = (world) =>
  fc
    .record({
      records: fc.array(
        fc.constantFrom(...PUSHABLE_COLLECTIONS).chain((collection) =>
          fc.record(
            {
              collection: fc.constant(collection),
              doc: document(world, collection),
              putAside: fc.record({
                code: fc.constant('invalid_document'),
                message: fc.constant('fullName.tooShort'),
              }),
            },
            { requiredKeys: ['collection', 'doc'] },
          ),
        ),
        { minLength: 1, maxLength: 6 },
      ),
      deviceId: fc.option(pick(world.ids.devices, 'device'), { nil: null }),
    })
    .map(({ records, deviceId }) => ({
      format: 'bdhvs-unsynced-records',
      version: 1,
      wardCode: world.ward,
      deviceId,
      account: {
        id: world.ids.accounts[0] ?? 'someone',
        fullName: 'Tình nguyện viên Thử',
        role: 'volunteer',
      },
      appVersion: 'test-1.0.0',
      exportedAt: '2026-11-30T08:00:00.000Z',
      records,
    }));

const base64 = (text: string): string => Buffer.from(`\ufeff${text}`, 'utf8').toString('base64');

/** A name for a spreadsheet row: a plain one or a hostile one. */
const rowName = fc.oneof(fc.constantFrom('Nguyễn Văn Hùng', 'Trần Thị Mai', 'Lê Hoà'), hostileString);

const residentList: BodyExample = (world) =>
  fc
    .record({
      rows: fc.array(
        fc.tuple(
          rowName,
          fc.integer({ min: 1930, max: 2008 }),
          fc.constantFrom('Nam', 'Nữ', '?'),
          fc.oneof(fc.constant(''), hostileString),
        ),
        { minLength: 1, maxLength: 8 },
      ),
      commit: fc.boolean(),
      consentConfirmed: fc.boolean(),
      contactConsentConfirmed: fc.boolean(),
      groupId: pick(world.ids.groups, 'tdp-01'),
    })
    .map(({ rows, commit, consentConfirmed, contactConsentConfirmed, groupId }) => ({
      filename: 'danh-sach.csv',
      contentBase64: base64(Papa.unparse([['Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại'], ...rows])),
      commit,
      consentConfirmed,
      contactConsentConfirmed,
      groupId,
    }));

const denominatorList: BodyExample = (world) =>
  fc
    .record({
      rows: fc.array(
        fc.tuple(
          fc.oneof(pick(world.ids.groups, 'tdp-01'), hostileString),
          fc.oneof(fc.integer({ min: 0, max: 5000 }).map(String), hostileString),
          fc.oneof(fc.constant('Công an phường, 2026'), hostileString),
          fc.constantFrom('2026-01-01', '01/06/2026', '2030-01-01', 'hôm qua'),
        ),
        { minLength: 1, maxLength: 6 },
      ),
      commit: fc.boolean(),
    })
    .map(({ rows, commit }) => ({
      filename: 'mau-so.csv',
      contentBase64: base64(Papa.unparse([['Tổ dân phố', 'Số người từ 18 tuổi', 'Nguồn', 'Ngày'], ...rows])),
      commit,
    }));

const residentPair = (world: World) => fc.tuple(pick(world.ids.residents, ''), pick(world.ids.residents, ''));

export const BODY_EXAMPLES: Readonly<Record<string, BodyExample>> = {
  'POST /v1/sync/{collection}/push': pushRows,
  'POST /v1/wards/{ward}/unsynced-import': unsyncedFile,
  'POST /v1/wards/{ward}/residents/import': residentList,
  'POST /v1/wards/{ward}/denominators/import': denominatorList,
  'POST /v1/wards/{ward}/duplicates/merge': (world) =>
    fc
      .tuple(residentPair(world), fc.subarray(['name_birth_year', 'phone', 'citizen_id_last4']))
      .map(([[fromId, intoId], signals]) => ({ fromId, intoId, signals })),
  'POST /v1/wards/{ward}/duplicates/dismiss': (world) =>
    residentPair(world).map(([aId, bId]) => ({ aId, bId })),
  'POST /v1/wards/{ward}/groups/{group}/split': (world) =>
    fc.record({
      name: fc.constantFrom('Tổ dân phố mới', 'Tổ 5B'),
      kind: fc.constantFrom('to_dan_pho', 'thon'),
      residentIds: fc.shuffledSubarray(world.ids.residents, { minLength: 1, maxLength: 3 }),
    }),
  'POST /v1/wards/{ward}/groups/{group}/merge': (world) =>
    pick(world.ids.groups, 'tdp-01').map((intoId) => ({ intoId })),
  'POST /v1/wards/{ward}/invitations': (world) =>
    fc.record({
      fullName: fc.constantFrom('Phạm Văn Đức', 'Hoàng Thị Lan'),
      role: fc.constantFrom('leader', 'volunteer'),
      groupIds: fc.shuffledSubarray(world.ids.groups, { minLength: 1, maxLength: 2 }),
    }),
  'POST /v1/wards/{ward}/people/{accountId}/groups': (world) =>
    fc.record({ groupIds: fc.shuffledSubarray(world.ids.groups, { minLength: 1, maxLength: 3 }) }),
  'POST /v1/auth/login': (world) =>
    fc.record({
      username: fc.oneof(
        fc.constant(world.officerUsername),
        fc.constantFrom('khong-co-ai', ...HOSTILE_STRINGS.slice(0, 6)),
      ),
      password: fc.constantFrom(world.officerPassword, 'sai-mat-khau-123', ''),
    }),
  'POST /v1/auth/enroll': (world) =>
    fc.record(
      {
        code: pick(world.ids.invitationCodes, 'ABCD-EFGH'),
        appVersion: fc.constantFrom('1.4.0', 'test'),
        deviceLabel: fc.constantFrom('Điện thoại của Hoà', 'Samsung A15'),
      },
      { requiredKeys: ['code', 'appVersion'] },
    ),
  // Data-subject requests (docs/privacy.md R2, R3): a correction that keeps the record valid, and an
  // erasure confirmed with the person's name as stored.
  'POST /v1/wards/{ward}/residents/{id}/rectify': () =>
    fc.record({
      changes: fc.record(
        {
          fullName: fc.constantFrom('Nguyễn Thị Hoà', 'Trần Văn Bình'),
          birthYear: fc.integer({ min: 1940, max: 2005 }),
          sex: fc.constantFrom('female', 'male'),
          citizenIdLast4: fc.constantFrom('1234', null),
        },
        { requiredKeys: [] },
      ),
      note: fc.constantFrom('Người dân đến phường', ''),
    }),
  'POST /v1/wards/{ward}/residents/{id}/erase': (world, params) =>
    fc.record({
      confirmName: fc.constant(world.names.get(params['id'] ?? '') ?? 'Không rõ'),
      receivedOn: fc.constantFrom('2026-12-01', '2026-11-20'),
    }),
};
