// The Store, written once over the Db seam: ward reads, the locked sync write path, pull and
// quarantine listing. PGlite and PostgreSQL differ only in the Db they hand in.
import {
  DEFAULT_WARD_SETTINGS,
  groupSchema,
  wardSettingsSchema,
  type SyncCollection,
  type WardSettings,
} from '../../shared';
import type { Db } from './db';
import { runMigrations } from './migrate';
import { bool, doc, int, str, timestamp } from './rows';
import { createAccountsStore } from './accounts-store';
import { createRecordsStore } from './records-store';
import { createCoverageStore } from './coverage-store';
import { createDashboardStore } from './dashboard-store';
import { createWardReviewStore } from './ward-review-store';
import { createAuditStore } from './audit-store';
import { createPrivacyStore } from './privacy-store';
import { createExposureStore } from './exposure-store';
import { TABLE_OF, createSyncTx, lockWard } from './sync-tx';
import { createChangeFeed } from '../sync/changes';
import type { PulledRow, Store, StoreTestOptions } from './types';

/** A Store plus its Db, for code inside store/ and for tests that need to reach under the interface. */
export interface SqlStore extends Store {
  readonly db: Db;
}

/**
 * Pull statements of a collection: the whole ward, only some residential groups ($4), and a scope
 * change's back-fill (live rows of some groups, $2 < seq ≤ $5; docs/sync.md invariant 11).
 */
function pullSql(collection: SyncCollection): { ward: string; groups: string; backfill: string } {
  const table = TABLE_OF[collection];
  // A group's own id is its residential group; every other record names its group in group_id.
  const groupColumn = collection === 'groups' ? 'id' : 'group_id';
  return {
    ward: `select doc, deleted, seq from ${table} where ward_code = $1 and seq > $2 order by seq limit $3`,
    groups: `select doc, deleted, seq from ${table}
             where ward_code = $1 and seq > $2 and ${groupColumn} = any($4::text[]) order by seq limit $3`,
    backfill: `select doc, deleted, seq from ${table}
               where ward_code = $1 and seq > $2 and seq <= $5 and not deleted
                 and ${groupColumn} = any($4::text[]) order by seq limit $3`,
  };
}

const pulledRow = (row: Record<string, unknown>): PulledRow => ({
  doc: doc(row, 'doc'),
  deleted: bool(row, 'deleted'),
  seq: int(row, 'seq'),
});

const PULL_SQL: Record<SyncCollection, ReturnType<typeof pullSql>> = {
  residents: pullSql('residents'),
  groups: pullSql('groups'),
  sessions: pullSql('sessions'),
  completions: pullSql('completions'),
};

/** Stored settings, or the defaults when none (or unreadable ones) are stored. */
function wardSettings(value: unknown): WardSettings {
  const parsed = wardSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_WARD_SETTINGS;
}

export function createSqlStore(db: Db, testOptions: StoreTestOptions = {}): SqlStore {
  const changes = createChangeFeed();
  const wardTurns = createWardTurns();
  return {
    ...createAccountsStore(db),
    ...createRecordsStore(db),
    ...createCoverageStore(db),
    ...createDashboardStore(db),
    ...createWardReviewStore(db),
    ...createAuditStore(db),
    ...createPrivacyStore(db),
    ...createExposureStore(db),
    db,
    kind: db.kind,

    async ping() {
      await db.query('select 1');
    },

    migrate: () => runMigrations(db),

    async listWards() {
      const rows = await db.query('select code, name, province_code from wards order by code');
      return rows.map((row) => ({
        code: str(row, 'code'),
        name: str(row, 'name'),
        provinceCode: str(row, 'province_code'),
      }));
    },

    async getWard(code) {
      const [row] = await db.query('select code, name, province_code from wards where code = $1', [code]);
      return (
        row && { code: str(row, 'code'), name: str(row, 'name'), provinceCode: str(row, 'province_code') }
      );
    },

    async createWard(ward) {
      const rows = await db.query(
        'insert into wards (code, name, province_code) values ($1, $2, $3) on conflict (code) do nothing returning code',
        [ward.code, ward.name, ward.provinceCode],
      );
      return rows.length > 0;
    },

    async getWardSettings(wardCode) {
      const [row] = await db.query('select settings from wards where code = $1', [wardCode]);
      return row && wardSettings(row['settings']);
    },

    async setWardSettings(wardCode, settings, options = {}) {
      const valid = wardSettingsSchema.parse(settings);
      const rows = await db.query(
        `update wards set settings = $2::jsonb
         where code = $1 and (not $3 or settings is null) returning code`,
        [wardCode, JSON.stringify(valid), options.ifUnset === true],
      );
      return rows.length > 0;
    },

    async listGroups(wardCode) {
      const rows = await db.query('select doc from groups where ward_code = $1 and not deleted order by id', [
        wardCode,
      ]);
      return rows.map((row) => groupSchema.parse(doc(row, 'doc')));
    },

    async syncWrite(collection, wardCode, fn) {
      const groups = new Set<string>();
      const locked = testOptions.unsafeDisableWardLock !== true;
      const write = () =>
        db.transaction(async (q) => {
          if (locked) await lockWard(q, wardCode);
          const tx = createSyncTx(q, collection, wardCode, testOptions, (rows) => {
            for (const row of rows) groups.add(row.groupId);
          });
          return fn(tx);
        });
      const result = locked ? await wardTurns.run(wardCode, write) : await write();
      // Committed: tell live streams (docs/sync.md "Live updates"). Nothing written, nothing to tell.
      if (groups.size > 0) changes.publish({ wardCode, collection, groupIds: [...groups] });
      return result;
    },

    changes,

    async recordHistory(collection, wardCode, docId) {
      const rows = await db.query(
        `select doc, deleted, seq, replaced_by_seq, replaced_at from record_history
         where collection = $1 and ward_code = $2 and doc_id = $3 order by id`,
        [collection, wardCode, docId],
      );
      return rows.map((row) => ({
        doc: doc(row, 'doc'),
        deleted: bool(row, 'deleted'),
        seq: int(row, 'seq'),
        replacedBySeq: int(row, 'replaced_by_seq'),
        replacedAt: timestamp(row, 'replaced_at'),
      }));
    },

    async pull(collection, wardCode, afterSeq, limit, groupIds) {
      const rows =
        groupIds === undefined
          ? await db.query(PULL_SQL[collection].ward, [wardCode, afterSeq, limit])
          : await db.query(PULL_SQL[collection].groups, [wardCode, afterSeq, limit, [...groupIds]]);
      return { rows: rows.map(pulledRow) };
    },

    async pullBackfill(collection, wardCode, groupIds, afterSeq, upToSeq, limit) {
      if (groupIds.length === 0 || upToSeq <= afterSeq) return { rows: [] };
      const rows = await db.query(PULL_SQL[collection].backfill, [
        wardCode,
        afterSeq,
        limit,
        [...groupIds],
        upToSeq,
      ]);
      return { rows: rows.map(pulledRow) };
    },

    async listQuarantine(wardCode) {
      const rows = await db.query(
        `select collection, doc_id, ward_code, reason_code, reason, payload, received_at
         from quarantine where ward_code = $1 order by id`,
        [wardCode],
      );
      return rows.map((row) => {
        const reasonCode = str(row, 'reason_code');
        if (reasonCode !== 'invalid_document' && reasonCode !== 'out_of_scope') {
          throw new Error(`quarantine: unknown reason_code ${reasonCode}`);
        }
        return {
          collection: str(row, 'collection'),
          docId: str(row, 'doc_id'),
          wardCode: str(row, 'ward_code'),
          reasonCode,
          reason: str(row, 'reason'),
          payload: str(row, 'payload'),
          receivedAt: timestamp(row, 'received_at'),
        };
      });
    },

    close: () => db.close(),
  };
}

/**
 * A ward's sync writes wait their turn in this process before taking a pool connection. The advisory lock
 * (invariant 3) still serialises writers across processes; without this queue, under many devices
 * syncing at once (tests/load), most pooled connections sat waiting on one ward's lock while every
 * other query, the token check of each request included, queued behind them.
 */
function createWardTurns() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(wardCode: string, operation: () => Promise<T>): Promise<T> {
      const run = (tails.get(wardCode) ?? Promise.resolve()).then(operation);
      const tail = run.catch(() => undefined);
      tails.set(wardCode, tail);
      void tail.then(() => {
        if (tails.get(wardCode) === tail) tails.delete(wardCode);
      });
      return run;
    },
  };
}
