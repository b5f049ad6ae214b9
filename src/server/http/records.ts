// The officer's record screens (docs/unsynced-export.md, docs/auth.md): import of a phone's "unsynced
// records" file, the ward's put-aside records, one record's history (audit trail), and the per-group
// load against PHONE_COMFORT. Officer of the ward only, checked on request, before any body is read.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  PHONE_COMFORT,
  SYNC_COLLECTIONS,
  groupIdSchema,
  groupLoadResponseSchema,
  heavyCollections,
  quarantineResponseSchema,
  recordHistoryResponseSchema,
  summariseRecord,
  unsyncedExportSchema,
  unsyncedImportResponseSchema,
  uuidSchema,
  type GroupLoadResponse,
  type PlainDoc,
  type QuarantineItemView,
  type RecordHistoryResponse,
  type SyncCollection,
  type UnsyncedImportResponse,
} from '../../shared';
import { unsyncedImportDetail } from '../audit/details';
import { audit } from '../audit/record';
import { requireRole, requireWard } from '../auth/guards';
import type { AuthContext } from '../auth/options';
import { authenticate, principalOf } from '../auth/principal';
import { findDuplicate, importUnsynced } from '../sync/import-unsynced';
import { ApiError } from './errors';
import { routeDoc } from './openapi-meta';
import { parse, wardParam } from './parse';

/** A phone's whole unsynced queue in one file: generous, well above a push batch's 8 MB. */
export const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;
/** The put-aside list shows the newest this many (the answer says how many there are in all). */
export const QUARANTINE_LIST_MAX = 500;

type WardParams = { Params: { ward: string } };
type HistoryParams = { Params: { ward: string; collection: string; id: string } };

/** The refused document of a stored quarantine payload (a pushed row), or null when unreadable. */
function refusedDocument(payload: string): PlainDoc | null {
  try {
    const row: unknown = JSON.parse(payload);
    const doc = row !== null && typeof row === 'object' ? (row as PlainDoc)['newDocumentState'] : undefined;
    return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as PlainDoc) : null;
  } catch {
    return null;
  }
}

/** A record id from the path, by its collection's id shape; a malformed id names nothing: 404. */
function recordId(collection: SyncCollection, value: string): string {
  const schema = collection === 'groups' ? groupIdSchema : uuidSchema;
  if (!schema.safeParse(value).success) throw new ApiError('not_found', 'No such record in this ward.');
  return value;
}

export function registerRecords(app: FastifyInstance, ctx: AuthContext): void {
  const { store } = ctx;
  /** Runs after authenticate, still before the body is read: the 16 MB import is refused unread. */
  const officerOfWard = async (request: FastifyRequest<WardParams>) => {
    const principal = principalOf(request);
    requireRole(principal, 'officer');
    requireWard(principal, wardParam(request.params.ward));
  };
  const officer = { onRequest: [authenticate(ctx), officerOfWard] };

  app.post<WardParams>(
    '/v1/wards/:ward/unsynced-import',
    {
      ...officer,
      bodyLimit: IMPORT_BODY_LIMIT,
      config: routeDoc({
        tag: 'records',
        summary:
          "Import a phone's unsynced-records file (≤ 16 MB): an outcome per record; twice adds nothing",
        access: 'officer of the ward (refused before the body is read)',
        body: unsyncedExportSchema,
        response: unsyncedImportResponseSchema,
      }),
    },
    async (request): Promise<UnsyncedImportResponse> => {
      const ward = wardParam(request.params.ward);
      const file = parse(unsyncedExportSchema, request.body, 'invalid_body', 'body', { rawText: true });
      if (file.wardCode !== ward) {
        throw new ApiError(
          'invalid_body',
          `This file holds records of ward ${file.wardCode}, not ward ${ward}.`,
        );
      }
      const duplicate = findDuplicate(file.records);
      if (duplicate !== undefined) {
        throw new ApiError(
          'invalid_body',
          `Invalid body: ${duplicate.collection} record ${duplicate.id} appears more than once.`,
        );
      }
      const answer = await importUnsynced(store, ward, file.records);
      const detail = unsyncedImportDetail(file.deviceId, answer);
      await audit(store, request, ward, 'change.import', 'unsynced-import', detail);
      request.log.info(
        { wardCode: ward, deviceId: file.deviceId, records: file.records.length, counts: answer.counts },
        'unsynced records imported',
      );
      return answer;
    },
  );

  app.get<WardParams>(
    '/v1/wards/:ward/quarantine',
    {
      ...officer,
      config: routeDoc({
        tag: 'records',
        summary:
          "The ward's put-aside records (newest 500) with reason, time, summary and the refused document",
        access: 'officer of the ward',
        response: quarantineResponseSchema,
      }),
    },
    async (request): Promise<{ items: QuarantineItemView[]; total: number }> => {
      const ward = wardParam(request.params.ward);
      const entries = await store.listQuarantine(ward);
      const newest = entries.slice(-QUARANTINE_LIST_MAX).reverse();
      const listed = { items: newest.length, total: entries.length };
      await audit(store, request, ward, 'read.quarantine', 'quarantine', listed);
      return {
        total: entries.length,
        items: newest.map((entry) => {
          const document = refusedDocument(entry.payload);
          return {
            collection: entry.collection,
            docId: entry.docId,
            reasonCode: entry.reasonCode,
            reason: entry.reason,
            receivedAt: entry.receivedAt,
            summary: summariseRecord(document),
            document,
          };
        }),
      };
    },
  );

  app.get<HistoryParams>(
    '/v1/wards/:ward/records/:collection/:id/history',
    {
      ...officer,
      config: routeDoc({
        tag: 'records',
        summary: "A record's current state and every replaced state (the audit trail)",
        access: 'officer of the ward',
        response: recordHistoryResponseSchema,
      }),
    },
    async (request): Promise<RecordHistoryResponse> => {
      const ward = wardParam(request.params.ward);
      const collection = SYNC_COLLECTIONS.find((c) => c === request.params.collection);
      if (collection === undefined)
        throw new ApiError('not_found', `No collection "${request.params.collection}".`);
      const id = recordId(collection, request.params.id);
      const [current, history] = await Promise.all([
        store.getRecord(collection, ward, id),
        store.recordHistory(collection, ward, id),
      ]);
      // Another ward's record is not found either: its existence is never revealed.
      if (current === undefined && history.length === 0) {
        throw new ApiError('not_found', 'No such record in this ward.');
      }
      await audit(store, request, ward, 'read.history', `${collection}/${id}`, { states: history.length });
      return {
        collection,
        id,
        current: current ?? null,
        history: history.map((h) => ({
          doc: h.doc,
          deleted: h.deleted,
          seq: h.seq,
          replacedBySeq: h.replacedBySeq,
          replacedAt: h.replacedAt,
        })),
      };
    },
  );

  const groupLoadDoc = routeDoc({
    tag: 'records',
    summary: 'Live residents, sessions and completions per residential group, heavy above PHONE_COMFORT',
    access: 'officer of the ward',
    response: groupLoadResponseSchema,
  });
  app.get<WardParams>(
    '/v1/wards/:ward/group-load',
    { ...officer, config: groupLoadDoc },
    async (request): Promise<GroupLoadResponse> => {
      const ward = wardParam(request.params.ward);
      const rows = await store.groupLoad(ward);
      return {
        thresholds: { ...PHONE_COMFORT },
        groups: rows.map((row) => {
          const counts = { residents: row.residents, sessions: row.sessions, completions: row.completions };
          const over = heavyCollections(counts);
          return { groupId: row.groupId, name: row.name, ...counts, heavy: over.length > 0, over };
        }),
      };
    },
  );
}
