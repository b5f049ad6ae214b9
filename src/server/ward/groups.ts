// The officer's residential groups (docs/ward.md "Groups"): create, rename and set the entered adult
// population, split some residents off into a new group, merge a group into another. Every change to a
// synced record goes through writeRecords (locked, sequenced, kept in record_history, pulled by phones),
// at most WRITE_CHUNK rows per transaction. Split and merge are written collection by collection in an
// order that keeps phones whole (accounts gain the target group first, then records move), and each
// step only moves what is still left, so repeating the call after a failure halfway finishes the move.
import {
  FIELD_ROLES,
  canonicalJson,
  groupSchema,
  searchKey,
  type PlainDoc,
  type ResidentialGroup,
  type SyncCollection,
} from '../../shared';
import type {
  CreateGroupBody,
  MergeGroupAnswer,
  SplitGroupAnswer,
  SplitGroupBody,
  UpdateGroupBody,
} from '../../shared/ward-admin';
import { ApiError } from '../http/errors';
import type { Store } from '../store';
import { edited, rowOf, writeRecords } from './officer-write';

/** Most rows one transaction writes. */
export const WRITE_CHUNK = 500;
/** Rows read per page when walking a group's records. */
const PAGE = 500;
/** New group ids: tdp-01, tdp-02, … (the demo ward's style). */
const ID_PREFIX = 'tdp-';

interface GroupRow {
  group: ResidentialGroup;
  deleted: boolean;
}

/** Every group row of the ward, tombstoned ones included (an id is never reused). */
async function allGroupRows(store: Store, ward: string): Promise<GroupRow[]> {
  const byId = new Map<string, GroupRow>();
  let seq = 0;
  for (;;) {
    const { rows } = await store.pull('groups', ward, seq, 1000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const parsed = groupSchema.safeParse(row.doc);
      if (parsed.success) byId.set(parsed.data.id, { group: parsed.data, deleted: row.deleted });
      seq = row.seq;
    }
  }
  return [...byId.values()];
}

/** The next free id after the highest tdp-NN (at least two digits). */
export function nextGroupId(ids: Iterable<string>): string {
  let max = 0;
  for (const id of ids) {
    const match = /^tdp-(\d{1,6})$/.exec(id);
    if (match) max = Math.max(max, Number(match[1]));
  }
  return `${ID_PREFIX}${String(max + 1).padStart(2, '0')}`;
}

const sameName = (a: string, b: string) => searchKey(a) === searchKey(b);

/** A live group of the ward, else 404. */
async function liveGroup(store: Store, ward: string, id: string): Promise<ResidentialGroup> {
  const record = await store.getRecord('groups', ward, id);
  const parsed = record && !record.deleted ? groupSchema.safeParse(record.doc) : undefined;
  if (!parsed?.success) throw new ApiError('not_found', 'No such residential group in this ward.');
  return parsed.data;
}

/** Refuses a name another live group of the ward already has (names are how people tell groups apart). */
async function refuseTakenName(store: Store, ward: string, name: string, except?: string): Promise<void> {
  const taken = (await store.listGroups(ward)).find((g) => g.id !== except && sameName(g.name, name));
  if (taken !== undefined) {
    throw new ApiError('conflict', `Group ${taken.id} of this ward is already called "${taken.name}".`);
  }
}

/** Writes a new group with the next free id; a concurrent creation of that id makes it take the next. */
async function insertGroup(store: Store, ward: string, body: CreateGroupBody): Promise<ResidentialGroup> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = nextGroupId((await allGroupRows(store, ward)).map((r) => r.group.id));
    const group: ResidentialGroup = { id, wardCode: ward, name: body.name, kind: body.kind };
    const written = await writeRecords(store, 'groups', ward, [id], (current) =>
      current.has(id) ? [] : [rowOf('groups', group)],
    );
    if (written.length === 1) return group;
  }
  throw new Error('groups: no free group id after 5 attempts');
}

export async function createGroup(
  store: Store,
  ward: string,
  body: CreateGroupBody,
): Promise<ResidentialGroup> {
  await refuseTakenName(store, ward, body.name);
  return insertGroup(store, ward, body);
}

/** Rename, change the kind, set or clear the entered adult population. Writes nothing when nothing changes. */
export async function updateGroup(
  store: Store,
  ward: string,
  id: string,
  body: UpdateGroupBody,
): Promise<ResidentialGroup> {
  await liveGroup(store, ward, id);
  if (body.name !== undefined) await refuseTakenName(store, ward, body.name, id);
  let result: ResidentialGroup | undefined;
  await writeRecords(store, 'groups', ward, [id], (current) => {
    const row = current.get(id);
    if (row === undefined || row.deleted) return [];
    const doc: PlainDoc = { ...row.doc };
    if (body.name !== undefined) doc['name'] = body.name;
    if (body.kind !== undefined) doc['kind'] = body.kind;
    if (body.adultPopulation === null) delete doc['adultPopulation'];
    else if (body.adultPopulation !== undefined) doc['adultPopulation'] = body.adultPopulation;
    result = groupSchema.parse(doc);
    return canonicalJson(doc) === canonicalJson(row.doc) ? [] : [rowOf('groups', doc)];
  });
  if (result === undefined) throw new ApiError('not_found', 'No such residential group in this ward.');
  return result;
}

/**
 * Gives every leader and volunteer who has `from` the group `to` as well, and ends their live streams so
 * their phones pull under the new scope (back-fill of `to`). Returns how many accounts changed.
 */
async function extendAccounts(
  store: Store,
  ward: string,
  from: string,
  to: string,
  now: Date,
): Promise<number> {
  const people = await store.listPeople(ward, now);
  let changed = 0;
  for (const { account } of people) {
    if (!FIELD_ROLES.some((r) => r === account.role)) continue;
    let groups = account.groupIds;
    // The account row is locked while it is replaced; a concurrent change shows as previousGroupIds.
    for (let attempt = 0; attempt < 5 && groups.includes(from) && !groups.includes(to); attempt++) {
      const change = await store.setAccountGroups(account.id, [...groups, to]);
      if (change === undefined) break;
      if (canonicalJson(change.previousGroupIds) === canonicalJson(groups)) {
        store.changes.accessChanged(account.id);
        changed++;
        break;
      }
      // Someone changed this person's groups meanwhile: start again from what they left.
      groups = change.previousGroupIds;
      await store.setAccountGroups(account.id, groups);
    }
  }
  return changed;
}

/**
 * Moves the live records of `collection` in group `from` that `pick` accepts to group `to`, a chunk per
 * transaction. Each write re-checks the row (still live, still in `from`), so a repeat moves only what
 * is left. Returns how many records moved.
 */
async function moveRecords(
  store: Store,
  ward: string,
  collection: Exclude<SyncCollection, 'groups'>,
  from: string,
  to: string,
  now: Date,
  pick: (doc: PlainDoc) => boolean = () => true,
): Promise<number> {
  let moved = 0;
  let seq = 0;
  for (;;) {
    const { rows } = await store.pull(collection, ward, seq, PAGE, [from]);
    if (rows.length === 0) return moved;
    seq = rows[rows.length - 1]!.seq;
    const ids = rows.filter((r) => !r.deleted && pick(r.doc)).map((r) => String(r.doc['id']));
    if (ids.length === 0) continue;
    const written = await writeRecords(store, collection, ward, ids, (current) => {
      const writes = [];
      for (const id of ids) {
        const row = current.get(id);
        if (row === undefined || row.deleted || row.doc['groupId'] !== from || !pick(row.doc)) continue;
        writes.push(rowOf(collection, edited(row, { groupId: to }, now)));
      }
      return writes;
    });
    moved += written.length;
  }
}

/** Live residents of a group, by id. */
async function liveResidents(store: Store, ward: string, groupId: string): Promise<Map<string, PlainDoc>> {
  const residents = new Map<string, PlainDoc>();
  let seq = 0;
  for (;;) {
    const { rows } = await store.pull('residents', ward, seq, 1000, [groupId]);
    if (rows.length === 0) return residents;
    for (const row of rows) {
      const id = String(row.doc['id']);
      if (row.deleted || row.doc['groupId'] !== groupId) residents.delete(id);
      else residents.set(id, row.doc);
      seq = row.seq;
    }
  }
}

/**
 * Split: the chosen live residents of `sourceId` (and records merged into them, which are the same
 * person) move to a new group, and so do their completions; every leader and volunteer of the source
 * gets the new group. Sessions stay where they were logged.
 */
export async function splitGroup(
  store: Store,
  ward: string,
  sourceId: string,
  body: SplitGroupBody,
  now: Date,
): Promise<SplitGroupAnswer> {
  const source = await liveGroup(store, ward, sourceId);
  if (sameName(source.name, body.name)) {
    throw new ApiError('conflict', `The new group cannot have the name of the group it comes from.`);
  }
  // A repeat after a failure halfway: the group of that name made by the first call is the target.
  const existing = (await store.listGroups(ward)).find((g) => sameName(g.name, body.name));
  const target = existing ?? (await insertGroup(store, ward, { name: body.name, kind: body.kind }));

  const inSource = await liveResidents(store, ward, sourceId);
  const chosen = new Set<string>();
  const skipped: string[] = [];
  for (const id of new Set(body.residentIds)) {
    if (inSource.has(id)) {
      chosen.add(id);
      continue;
    }
    const record = await store.getRecord('residents', ward, id);
    if (record !== undefined && !record.deleted && record.doc['groupId'] === target.id) chosen.add(id);
    else skipped.push(id);
  }
  // Records merged into a chosen one (directly or along a chain) go with it.
  for (let grew = true; grew;) {
    grew = false;
    for (const [id, doc] of inSource) {
      const into = doc['mergedInto'];
      if (!chosen.has(id) && typeof into === 'string' && chosen.has(into)) {
        chosen.add(id);
        grew = true;
      }
    }
  }

  const accounts = await extendAccounts(store, ward, sourceId, target.id, now);
  const movingResidents = [...chosen].filter((id) => inSource.has(id));
  let residents = 0;
  for (let i = 0; i < movingResidents.length; i += WRITE_CHUNK) {
    const ids = movingResidents.slice(i, i + WRITE_CHUNK);
    const written = await writeRecords(store, 'residents', ward, ids, (current) => {
      const writes = [];
      for (const id of ids) {
        const row = current.get(id);
        if (row === undefined || row.deleted || row.doc['groupId'] !== sourceId) continue;
        writes.push(rowOf('residents', edited(row, { groupId: target.id }, now)));
      }
      return writes;
    });
    residents += written.length;
  }
  const completions = await moveRecords(store, ward, 'completions', sourceId, target.id, now, (doc) =>
    chosen.has(String(doc['residentId'])),
  );
  return { group: target, moved: { residents, completions }, accounts, skipped };
}

/**
 * Merge: every live resident, completion and session of `fromId` moves to `intoId`, leaders and
 * volunteers of `fromId` get `intoId`, and `fromId` is tombstoned (its states stay in record_history).
 * Accounts keep `fromId` too: a phone's edit still naming it is then merged, not put aside. Merging a
 * group already tombstoned into the same target again moves whatever still names it.
 */
export async function mergeGroup(
  store: Store,
  ward: string,
  fromId: string,
  intoId: string,
  now: Date,
): Promise<MergeGroupAnswer> {
  const from = await store.getRecord('groups', ward, fromId);
  if (from === undefined) throw new ApiError('not_found', 'No such residential group in this ward.');
  if (intoId === fromId)
    throw new ApiError('invalid_body', 'Invalid body: intoId: a group cannot merge into itself.');
  const intoRecord = await store.getRecord('groups', ward, intoId);
  const into = intoRecord && !intoRecord.deleted ? groupSchema.safeParse(intoRecord.doc) : undefined;
  if (!into?.success) {
    throw new ApiError(
      'invalid_body',
      `Invalid body: intoId: ${intoId} is not a live group of ward ${ward}.`,
    );
  }
  const accounts = await extendAccounts(store, ward, fromId, intoId, now);
  const residents = await moveRecords(store, ward, 'residents', fromId, intoId, now);
  const completions = await moveRecords(store, ward, 'completions', fromId, intoId, now);
  const sessions = await moveRecords(store, ward, 'sessions', fromId, intoId, now);
  await writeRecords(store, 'groups', ward, [fromId], (current) => {
    const row = current.get(fromId);
    return row === undefined || row.deleted ? [] : [rowOf('groups', row.doc, true)];
  });
  return { fromId, into: into.data, moved: { residents, completions, sessions }, accounts };
}
