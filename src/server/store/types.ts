// The Store interface: everything the server asks of its database, whichever engine backs it
// (embedded PGlite or real PostgreSQL). All SQL lives behind it, in src/server/store/.
import type {
  PlainDoc,
  QuarantineCode,
  ResidentialGroup,
  SyncCollection,
  Ward,
  WardSettings,
} from '../../shared';
import type { ChangeFeed } from '../sync/changes';
import type { AccountsStore } from './accounts-types';
import type { CoverageStore } from './coverage-store';
import type { DashboardStore } from './dashboard-store';
import type { WardReviewStore } from './ward-review-store';
import type { AuditStore } from './audit-store';
import type { PrivacyStore } from './privacy-store';
import type { ExposureStore } from './exposure-store';
import type { RecordsStore } from './records-store';
import type { AuditWrite } from './audit-store';

export type * from './accounts-types';
export type * from './records-store';
export type * from './coverage-store';
export type * from './dashboard-store';
export type * from './ward-review-store';
export type * from './audit-store';
export type * from './privacy-store';
export type * from './exposure-store';

export type StoreKind = 'pglite' | 'postgres';

/** The server's current state of one synced row, as seen inside a sync write. */
export interface CurrentRow {
  /** The record as stored (without _deleted). */
  doc: PlainDoc;
  deleted: boolean;
  wardCode: string;
}

/** One row a sync write stores; it gets a fresh sequence value. */
export interface RowWrite {
  id: string;
  /** The row's residential group (for groups: the group's own id). */
  groupId: string;
  /** The record exactly as sent, without _deleted. */
  doc: PlainDoc;
  deleted: boolean;
}

/** What a sync write reads before deciding, in one round trip (SyncTx.readBatch). */
export interface BatchReads {
  /** As getCurrent. */
  current: Map<string, CurrentRow>;
  /** As groupsOfWard. */
  groups: Set<string>;
  /** As erasedResidents. */
  erasedResidents: Map<string, string>;
}

export interface PulledRow {
  doc: PlainDoc;
  deleted: boolean;
  seq: number;
}

export interface QuarantineItem {
  /** The pushed document's id, or '(unknown)' when it has none. */
  docId: string;
  reasonCode: QuarantineCode;
  reason: string;
  /** JSON.stringify of the pushed row: text, because it may contain what jsonb refuses (\u0000). */
  payload: string;
}

export interface QuarantineEntry extends QuarantineItem {
  collection: string;
  wardCode: string;
  receivedAt: string;
}

/** What a sync write may do, inside one transaction that holds the ward's lock. */
export interface SyncTx {
  readonly collection: SyncCollection;
  readonly wardCode: string;
  /** Current rows for these ids, whatever their ward, locked for update. */
  getCurrent(ids: readonly string[]): Promise<Map<string, CurrentRow>>;
  /** Which of these group ids are groups of this transaction's ward (tombstoned ones included). */
  groupsOfWard(groupIds: readonly string[]): Promise<Set<string>>;
  /**
   * Of these resident ids, the erased residents of this ward (docs/privacy.md R4), each with its
   * tombstone's erasedAt: read under the ward's lock, so a completion push cannot miss an erasure.
   */
  erasedResidents(residentIds: readonly string[]): Promise<Map<string, string>>;
  /** getCurrent, groupsOfWard and erasedResidents in one statement: a push reads in one round trip. */
  readBatch(
    ids: readonly string[],
    groupIds: readonly string[],
    residentIds: readonly string[],
  ): Promise<BatchReads>;
  /**
   * Upserts rows into this ward in one statement, each with its own seq = nextval('sync_seq'); of rows
   * with the same id, only the last is written. Throws if a row is held by another ward.
   */
  write(rows: readonly RowWrite[]): Promise<void>;
  /** Appends audit entries in this transaction: logged if and only if the write commits. */
  audit(entries: readonly AuditWrite[]): Promise<void>;
  /** Stores put-aside documents; a payload already quarantined is not stored twice. Returns rows added. */
  quarantine(items: readonly QuarantineItem[]): Promise<number>;
  /**
   * The audit row of a duplicate merge, in the same transaction as the resident write that makes it
   * (docs/ward.md "Duplicates"). Returns the merge's id.
   */
  recordMerge(merge: { fromId: string; intoId: string; reason: string; by: string }): Promise<number>;
  /** Marks a merge undone (same transaction as the write that clears mergedInto); false if it was not open. */
  recordUnmerge(mergeId: number, by: string): Promise<boolean>;
}

export interface MigrationResult {
  /** Ids of migrations applied by this call, in order (empty when already up to date). */
  applied: string[];
}

export interface Store
  extends
    AccountsStore,
    RecordsStore,
    CoverageStore,
    WardReviewStore,
    DashboardStore,
    AuditStore,
    PrivacyStore,
    ExposureStore {
  readonly kind: StoreKind;
  /** Throws when the database does not answer `select 1`. */
  ping(): Promise<void>;
  /** Applies pending migrations; refuses when an applied migration file has changed. */
  migrate(): Promise<MigrationResult>;
  listWards(): Promise<Ward[]>;
  getWard(code: string): Promise<Ward | undefined>;
  /** Registers a ward; false when the code already exists (nothing changes). */
  createWard(ward: Ward): Promise<boolean>;
  /**
   * The ward's coverage settings: the stored ones, or DEFAULT_WARD_SETTINGS when none (or unreadable
   * ones) are stored; undefined when the ward is unknown.
   */
  getWardSettings(wardCode: string): Promise<WardSettings | undefined>;
  /**
   * Stores the ward's settings (validated: throws on invalid ones). With ifUnset, only when none are
   * stored yet (the demo seed). False when nothing was written (unknown ward, or already set).
   */
  setWardSettings(
    wardCode: string,
    settings: WardSettings,
    options?: { ifUnset?: boolean },
  ): Promise<boolean>;
  /** Live (not tombstoned) groups of a ward, ordered by id. */
  listGroups(wardCode: string): Promise<ResidentialGroup[]>;
  /**
   * The only way to write synced rows: one transaction that first takes the ward's advisory lock
   * (docs/sync.md invariant 3), then hands fn the write operations. After the transaction commits, and
   * only when it wrote rows, the change is published on `changes` (live updates).
   */
  syncWrite<T>(collection: SyncCollection, wardCode: string, fn: (tx: SyncTx) => Promise<T>): Promise<T>;
  /** Committed sync writes of this process, for the live update stream (server/sync/changes.ts). */
  readonly changes: ChangeFeed;
  /**
   * Rows of the ward with seq > afterSeq, ordered by seq, at most limit. With groupIds, only rows of
   * those residential groups (residents, sessions, completions: group_id; groups: their own id).
   */
  pull(
    collection: SyncCollection,
    wardCode: string,
    afterSeq: number,
    limit: number,
    groupIds?: readonly string[],
  ): Promise<{ rows: PulledRow[] }>;
  /**
   * A scope change's back-fill (docs/sync.md invariant 11): live (not tombstoned) rows of these
   * residential groups with afterSeq < seq ≤ upToSeq, ordered by seq, at most limit.
   */
  pullBackfill(
    collection: SyncCollection,
    wardCode: string,
    groupIds: readonly string[],
    afterSeq: number,
    upToSeq: number,
    limit: number,
  ): Promise<{ rows: PulledRow[] }>;
  /** Put-aside documents of a ward, oldest first. */
  listQuarantine(wardCode: string): Promise<QuarantineEntry[]>;
  /** The states a record had before each write that replaced it, oldest first (invariant 10). */
  recordHistory(collection: SyncCollection, wardCode: string, docId: string): Promise<HistoryEntry[]>;
  close(): Promise<void>;
}

export interface HistoryEntry {
  doc: PlainDoc;
  deleted: boolean;
  /** The replaced state's sequence value, and the one of the state that replaced it. */
  seq: number;
  replacedBySeq: number;
  replacedAt: string;
}

/**
 * TEST-ONLY knobs. Production code never passes them.
 * - unsafeDisableWardLock: skip the ward lock, so a test can show rows being skipped without it.
 * - afterAssignSeq: awaited after a write's sequence values are taken and before commit, so a test
 *   can widen the window in which transactions commit out of sequence order.
 */
export interface StoreTestOptions {
  unsafeDisableWardLock?: boolean;
  afterAssignSeq?: () => Promise<void>;
}
