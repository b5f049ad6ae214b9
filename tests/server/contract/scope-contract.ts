// Invariant 11 (docs/sync.md "Scope changes") on the server, through the real HTTP API, written once and
// run on both engines: scope.test.ts (PGlite) and scope.pg.test.ts (real PostgreSQL). A leader's or
// volunteer's checkpoint names the groups it was built for; when the account's groups change, the pull
// back-fills exactly the rows of the groups gained (older than the checkpoint too), pages through them
// without an empty page RxDB would stop on, never serves a row of a group not in the current scope
// (whatever the checkpoint claims), and writes nothing.
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  checkpointParams,
  pullResponseSchema,
  type Checkpoint,
  type PlainDoc,
  type PullResponse,
  type SyncCollection,
} from '../../../src/shared';
import type { SqlStore } from '../../../src/server/store';
import {
  authHeaders,
  enrollDevice,
  makeCompletion,
  makeResident,
  seedTestWard,
  startTestServer,
  type TestServer,
} from '../../helpers/server';

export interface ScopeSetup {
  store: SqlStore;
  teardown: () => Promise<void>;
}

const GROUPS = ['g1', 'g2', 'g3'];

export function scopeContract(setup: () => Promise<ScopeSetup>): void {
  let ctx: ScopeSetup | undefined;
  let srv: TestServer | undefined;
  const store = () => ctx!.store;
  const server = () => srv!;

  beforeAll(async () => {
    ctx = await setup();
    srv = await startTestServer({ store: ctx.store });
  });
  afterAll(async () => {
    await srv?.close();
    await ctx?.teardown();
  });

  /** A ward with three groups and a volunteer's device in `groups`. */
  async function volunteerWard(groups: string[]) {
    const ward = await seedTestWard(store(), GROUPS);
    const officer = await server().officerToken(ward);
    const device = await enrollDevice(server(), officer, ward, { role: 'volunteer', groupIds: groups });
    return { ward, token: device.deviceToken, accountId: device.accountId };
  }

  /** What the officer's "change groups" does to the account row (the route is not built yet). */
  async function setGroups(accountId: string, groups: string[]) {
    await store().db.query('update accounts set group_ids = $1 where id = $2', [groups, accountId]);
  }

  async function pullPage(
    token: string,
    ward: string,
    collection: SyncCollection,
    checkpoint: Checkpoint | undefined,
    limit: number,
  ): Promise<PullResponse> {
    const res = await server().app.inject({
      method: 'GET',
      url: `/v1/sync/${collection}/pull`,
      query: { wardCode: ward, limit: String(limit), ...checkpointParams(checkpoint) },
      headers: authHeaders(token),
    });
    if (res.statusCode !== 200) throw new Error(`pull answered ${res.statusCode}: ${res.body}`);
    return pullResponseSchema.parse(res.json());
  }

  /**
   * Pulls the way RxDB does: page after page, stacking each checkpoint on the last (key by key), and
   * stopping at the first page shorter than the limit — an empty page's checkpoint is never saved.
   */
  async function pullLikeRxdb(
    token: string,
    ward: string,
    collection: SyncCollection,
    from: Checkpoint | undefined,
    limit = 2,
  ) {
    let checkpoint = from;
    const documents: PlainDoc[] = [];
    const pages: PullResponse[] = [];
    for (;;) {
      const page = await pullPage(token, ward, collection, checkpoint, limit);
      pages.push(page);
      if (page.documents.length === 0) break;
      documents.push(...page.documents);
      checkpoint = { ...checkpoint, ...page.checkpoint };
      if (page.documents.length < limit) break;
    }
    return { documents, checkpoint: checkpoint!, pages };
  }

  const ids = (docs: readonly PlainDoc[]) => docs.map((d) => String(d['id']));
  const idSet = (docs: readonly PlainDoc[]) => new Set(ids(docs));

  async function pushAll(ward: string, docs: PlainDoc[], collection: SyncCollection = 'residents') {
    await server().push(
      ward,
      docs.map((doc) => ({ newDocumentState: doc })),
      collection,
    );
  }

  test("a volunteer's checkpoint names the scope it was built for; an officer's stays { seq }", async () => {
    const { ward, token } = await volunteerWard(['g2', 'g1']);
    await pushAll(ward, [makeResident(ward, 'g1')]);
    const mine = await pullPage(token, ward, 'residents', undefined, 10);
    expect(mine.checkpoint).toEqual({ seq: expect.any(Number), scope: ['g1', 'g2'], fill: null });
    const officer = await server().pull('residents', ward, 0, 10);
    expect(officer.checkpoint).toEqual({ seq: expect.any(Number) });
  });

  test('widening back-fills every live row of the new group, older than the checkpoint, and nothing held', async () => {
    const { ward, token, accountId } = await volunteerWard(['g1']);
    const g1 = [1, 2, 3].map(() => makeResident(ward, 'g1'));
    const g2 = [1, 2, 3, 4, 5].map(() => makeResident(ward, 'g2'));
    const g2Deleted = makeResident(ward, 'g2', { _deleted: true });
    const g3 = [makeResident(ward, 'g3')];
    // The other groups' rows first, so all of them are older than the device's checkpoint.
    await pushAll(ward, [...g2, g2Deleted, ...g3, ...g1]);
    const first = await pullLikeRxdb(token, ward, 'residents', undefined);
    expect(idSet(first.documents)).toEqual(idSet(g1));

    await setGroups(accountId, ['g1', 'g2']);
    const later = makeResident(ward, 'g2'); // written after the change, above the checkpoint
    await pushAll(ward, [later]);
    const widened = await pullLikeRxdb(token, ward, 'residents', first.checkpoint, 2);
    // Exactly the gained group's live rows plus the newer one: no g1 row again, no tombstone, no g3.
    expect(ids(widened.documents).sort()).toEqual(ids([...g2, later]).sort());
    expect(widened.checkpoint).toMatchObject({ scope: ['g1', 'g2'], fill: null });
    // Full pages while the fill lasts (seq unchanged, fill.after moving), then the ordinary pull.
    const [p1, p2, p3] = widened.pages;
    expect(p1!.checkpoint).toMatchObject({ seq: first.checkpoint.seq, fill: { groups: ['g2'] } });
    expect(p2!.checkpoint.fill!.after).toBeGreaterThan(p1!.checkpoint.fill!.after);
    expect(p3!.checkpoint).toMatchObject({ scope: ['g1', 'g2'], fill: null });
    expect(p3!.checkpoint.seq).toBeGreaterThan(first.checkpoint.seq);

    // Then the device is an ordinary g1+g2 device: nothing more until something changes.
    const after = await pullLikeRxdb(token, ward, 'residents', widened.checkpoint);
    expect(after.documents).toEqual([]);
  });

  test('a back-fill that ends exactly on a full page still reaches the rows written after it', async () => {
    const { ward, token, accountId } = await volunteerWard(['g1']);
    const g2 = [makeResident(ward, 'g2'), makeResident(ward, 'g2')];
    await pushAll(ward, g2);
    await pushAll(ward, [makeResident(ward, 'g1')]);
    const first = await pullLikeRxdb(token, ward, 'residents', undefined, 2);
    await setGroups(accountId, ['g1', 'g2']);
    const newer = [makeResident(ward, 'g1'), makeResident(ward, 'g2')];
    await pushAll(ward, newer);
    const widened = await pullLikeRxdb(token, ward, 'residents', first.checkpoint, 2);
    expect(idSet(widened.documents)).toEqual(idSet([...g2, ...newer]));
    expect(widened.checkpoint).toMatchObject({ scope: ['g1', 'g2'], fill: null });
  });

  test('narrowing sends nothing more of the lost group, and the server writes nothing', async () => {
    const { ward, token, accountId } = await volunteerWard(['g1', 'g2']);
    const kept = makeResident(ward, 'g1');
    const lost = makeResident(ward, 'g2');
    await pushAll(ward, [kept, lost]);
    const first = await pullLikeRxdb(token, ward, 'residents', undefined);
    expect(idSet(first.documents)).toEqual(idSet([kept, lost]));
    const before = await store().pull('residents', ward, 0, 100);

    await setGroups(accountId, ['g1']);
    const narrowed = await pullLikeRxdb(token, ward, 'residents', first.checkpoint);
    expect(narrowed.documents).toEqual([]);
    expect(narrowed.pages[0]!.checkpoint).toMatchObject({ scope: ['g1'], fill: null });
    // The scope change wrote nothing: the same rows with the same sequence values, and no history.
    expect(await store().pull('residents', ward, 0, 100)).toEqual(before);
    expect(await store().recordHistory('residents', ward, String(lost['id']))).toEqual([]);

    // Later writes in the lost group never reach the device; the kept group's do.
    const edited = { ...lost, fullName: 'Tên Mới', updatedAt: '2026-03-01T00:00:00.000Z' };
    await server().push(ward, [{ assumedMasterState: lost, newDocumentState: edited }]);
    const newLost = makeResident(ward, 'g2');
    const newKept = makeResident(ward, 'g1');
    await pushAll(ward, [newLost, newKept]);
    const later = await pullLikeRxdb(token, ward, 'residents', first.checkpoint);
    expect(ids(later.documents)).toEqual(ids([newKept]));
  });

  test('a checkpoint cannot claim its way into another group', async () => {
    const { ward, token } = await volunteerWard(['g1']);
    const other = [makeResident(ward, 'g2'), makeResident(ward, 'g3')];
    await pushAll(ward, [makeResident(ward, 'g1'), ...other]);
    const top = (await store().pull('residents', ward, 0, 100)).rows.at(-1)!.seq;
    const forged: Checkpoint[] = [
      { seq: top, scope: ['g1'], fill: { groups: ['g2', 'g3'], after: 0 } },
      { seq: top, scope: [], fill: null },
      { seq: top, scope: ['g2'], fill: { groups: ['g1', 'g2', 'g3'], after: 0 } },
      { seq: 0, scope: ['g1', 'g2', 'g3'], fill: { groups: ['g2', 'g3'], after: 0 } },
    ];
    for (const checkpoint of forged) {
      const got = await pullLikeRxdb(token, ward, 'residents', checkpoint, 100);
      expect(got.documents.every((d) => d['groupId'] === 'g1')).toBe(true);
      expect(idSet(got.documents).has(String(other[0]!['id']))).toBe(false);
    }
  });

  test('a change of scope during a back-fill fills the new groups again and leaves the dropped one', async () => {
    const { ward, token, accountId } = await volunteerWard(['g1']);
    const g2 = [1, 2, 3].map(() => makeResident(ward, 'g2'));
    const g3 = [1, 2, 3].map(() => makeResident(ward, 'g3'));
    await pushAll(ward, [...g2, ...g3, makeResident(ward, 'g1')]);
    const first = await pullLikeRxdb(token, ward, 'residents', undefined, 10);

    await setGroups(accountId, ['g1', 'g2', 'g3']);
    const page = await pullPage(token, ward, 'residents', first.checkpoint, 2);
    expect(page.checkpoint.fill).toMatchObject({ groups: ['g2', 'g3'] });
    const half = { ...first.checkpoint, ...page.checkpoint };

    await setGroups(accountId, ['g1', 'g3']);
    const rest = await pullLikeRxdb(token, ward, 'residents', half, 2);
    expect(idSet(rest.documents)).toEqual(idSet(g3));
    expect(rest.checkpoint).toMatchObject({ scope: ['g1', 'g3'], fill: null });
  });

  test('an older checkpoint ({ seq }) is taken as built for the current scope', async () => {
    const { ward, token, accountId } = await volunteerWard(['g1']);
    await pushAll(ward, [makeResident(ward, 'g2'), makeResident(ward, 'g1')]);
    const first = await pullLikeRxdb(token, ward, 'residents', undefined, 10);
    await setGroups(accountId, ['g1', 'g2']);
    const legacy = await pullLikeRxdb(token, ward, 'residents', { seq: first.checkpoint.seq }, 10);
    expect(legacy.documents).toEqual([]);
    const answer = await pullPage(token, ward, 'residents', { seq: first.checkpoint.seq }, 10);
    expect(answer.checkpoint).toEqual({ seq: first.checkpoint.seq, scope: ['g1', 'g2'], fill: null });
  });

  test('groups and completions follow the same rule', async () => {
    const { ward, token, accountId } = await volunteerWard(['g1']);
    const done = [makeCompletion(ward, 'g2'), makeCompletion(ward, 'g2')];
    await pushAll(ward, done, 'completions');
    const own = makeCompletion(ward, 'g1');
    await pushAll(ward, [own], 'completions');
    const groups = await pullLikeRxdb(token, ward, 'groups', undefined, 10);
    expect(ids(groups.documents)).toEqual(['g1']);
    const completions = await pullLikeRxdb(token, ward, 'completions', undefined, 10);
    expect(ids(completions.documents)).toEqual(ids([own]));

    await setGroups(accountId, ['g1', 'g2']);
    const moreGroups = await pullLikeRxdb(token, ward, 'groups', groups.checkpoint, 10);
    expect(ids(moreGroups.documents)).toEqual(['g2']);
    const moreDone = await pullLikeRxdb(token, ward, 'completions', completions.checkpoint, 1);
    expect(idSet(moreDone.documents)).toEqual(idSet(done));
  });
}
