// The SQL of data-subject requests (docs/privacy.md "Rights"): finding a resident, reading everything
// held about one person, the request log, and the erasure's scrubbing of replaced states (record_history,
// quarantine) that the sync write path does not touch.
import type { PlainDoc, SubjectRequest, SubjectRequestKind } from '../../shared';
import type { Db } from './db';
import { bool, doc, int, str, timestamp } from './rows';

/** A resident record as the privacy screens read it, with its group's name. */
export interface PrivacyResident {
  id: string;
  groupId: string;
  /** The group's name, or its id when the group row has none. */
  groupName: string;
  doc: PlainDoc;
  deleted: boolean;
  /** No "registration" consent in force (residents.registration_withdrawn). */
  registrationWithdrawn: boolean;
}

/** What a search looks for (at least one of the two). */
export interface ResidentSearch {
  /** Words of a name, already lower-case without diacritics (searchKey): each must occur in the name. */
  words?: readonly string[];
  /** Digits: the last 4 ID digits (exactly), or part of a phone number (+84 read as 0). */
  digits?: string;
}

export interface HeldRecord {
  doc: PlainDoc;
  deleted: boolean;
}

export interface SubjectMerge {
  fromId: string;
  intoId: string;
  at: string;
  /** The name of the account that merged them. */
  by: string;
}

export interface NewSubjectRequest {
  wardCode: string;
  residentId: string;
  kind: SubjectRequestKind;
  receivedOn: string;
  doneAt: Date;
  handledBy: string;
  deviceId: string | null;
  note: string;
  /** Field names or ids and counts: never personal data (the table is kept after an erasure). */
  detail: Record<string, unknown>;
}

export interface PrivacyStore {
  /**
   * Live residents of the ward that may match (a prefilter: name words as unaccented substrings; the
   * caller refines with nameMatches), at most `limit`, by id.
   */
  searchResidents(wardCode: string, search: ResidentSearch, limit: number): Promise<PrivacyResident[]>;
  /** Live residents of the ward whose registration consent is withdrawn (waiting to be erased). */
  withdrawnResidents(wardCode: string): Promise<PrivacyResident[]>;
  /**
   * Every record of the person `id` names: it, the record it is merged into and the records merged into
   * it, recursively (live or deleted, not erased). Empty when the ward holds no such record, or it is erased.
   */
  personRecords(wardCode: string, id: string): Promise<PrivacyResident[]>;
  /** Completions (live or deleted, not erased) of these resident records, by day. */
  completionsOf(wardCode: string, residentIds: readonly string[]): Promise<HeldRecord[]>;
  /** Live training sessions whose attendees include one of these records, by day. */
  sessionsAttended(wardCode: string, residentIds: readonly string[]): Promise<PlainDoc[]>;
  /** Duplicate merges that joined one of these records, oldest first. */
  mergesOf(wardCode: string, residentIds: readonly string[]): Promise<SubjectMerge[]>;
  /** Who may see records of these groups: the ward's officers, the groups' leaders and volunteers. */
  viewersOf(wardCode: string, groupIds: readonly string[]): Promise<{ role: string; fullName: string }[]>;
  /** Appends one request to the log (the table refuses updates and deletes). */
  addSubjectRequest(request: NewSubjectRequest): Promise<SubjectRequest>;
  /** The ward's requests, newest first (at most 500); only those about these records when given. */
  listSubjectRequests(wardCode: string, residentIds?: readonly string[]): Promise<SubjectRequest[]>;
  /**
   * The erasure's scrub (R3), for every erased record of the ward (so a scrub that failed once is done by
   * the next): deletes their replaced states from record_history, and the quarantined payloads of them
   * (by doc id) or naming an erased resident (a completion put aside). Ids are global UUIDs, so
   * quarantine rows are matched by id whatever ward they were pushed to. Returns the rows deleted.
   */
  scrubErasure(wardCode: string): Promise<{ history: number; quarantine: number }>;
}

/** An erasure tombstone (privacy/erasure.ts): deleted, with erasedAt. */
const ERASED = (alias: string) =>
  `(${alias}.deleted and coalesce(jsonb_typeof(${alias}.doc->'erasedAt') = 'string', false))`;

const RESIDENT_SELECT = `select r.id, r.group_id, r.doc, r.deleted, r.registration_withdrawn,
    coalesce(g.doc->>'name', r.group_id) as group_name
  from residents r left join groups g on g.ward_code = r.ward_code and g.id = r.group_id`;

function residentRow(row: Record<string, unknown>): PrivacyResident {
  return {
    id: str(row, 'id'),
    groupId: str(row, 'group_id'),
    groupName: str(row, 'group_name'),
    doc: doc(row, 'doc'),
    deleted: bool(row, 'deleted'),
    registrationWithdrawn: bool(row, 'registration_withdrawn'),
  };
}

/**
 * translate() arguments that fold a name the way searchKey does (src/shared/names.ts): capitals and
 * Vietnamese letters with diacritics to plain lower-case letters, combining marks dropped. No locale and
 * no extension needed, so PGlite and PostgreSQL agree.
 */
function foldingTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  const add = (cp: number) => {
    const ch = String.fromCodePoint(cp);
    const folded = ch
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase();
    if (folded !== ch && /^[a-z]$/.test(folded)) {
      from += ch;
      to += folded;
    }
  };
  for (let cp = 0x41; cp <= 0x5a; cp += 1) add(cp);
  for (let cp = 0xc0; cp <= 0x24f; cp += 1) add(cp);
  for (let cp = 0x1ea0; cp <= 0x1ef9; cp += 1) add(cp);
  // Characters of `from` beyond the length of `to` are deleted: the combining marks of NFD text.
  for (let cp = 0x300; cp <= 0x36f; cp += 1) from += String.fromCodePoint(cp);
  return { from, to };
}

const FOLD = foldingTable();

/** A LIKE pattern that finds `text` anywhere (its own %, _ and \ taken literally). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function subjectRequestRow(row: Record<string, unknown>): SubjectRequest {
  return {
    id: int(row, 'id'),
    residentId: str(row, 'resident_id'),
    kind: str(row, 'kind') as SubjectRequestKind,
    receivedOn: str(row, 'received_on'),
    doneAt: timestamp(row, 'done_at'),
    handledBy: str(row, 'handled_by'),
    handledByName: str(row, 'handled_by_name'),
    note: str(row, 'note'),
    detail: doc(row, 'detail'),
  };
}

const REQUEST_COLUMNS = (alias: string) => `${alias}.id, ${alias}.resident_id, ${alias}.kind,
    ${alias}.received_on::text as received_on, ${alias}.done_at, ${alias}.handled_by,
    coalesce(a.full_name, '') as handled_by_name, ${alias}.note, ${alias}.detail`;

export function createPrivacyStore(db: Db): PrivacyStore {
  return {
    async searchResidents(wardCode, search, limit) {
      const words = search.words?.filter((w) => w !== '') ?? [];
      const digits = search.digits ?? '';
      if (words.length === 0 && digits === '') return [];
      const rows = await db.query(
        `${RESIDENT_SELECT}
         where r.ward_code = $1 and not r.deleted and (
           (cardinality($2::text[]) > 0 and not exists (
             select 1 from unnest($2::text[]) as w(pattern)
             where translate(coalesce(r.doc->>'fullName', ''), $4, $5) not like w.pattern))
           or ($3 <> '' and (r.doc->>'citizenIdLast4' = $3
             or regexp_replace(coalesce(r.doc->>'phone', ''), '^[+]84', '0') like $6)))
         order by r.id limit $7`,
        [wardCode, words.map(containing), digits, FOLD.from, FOLD.to, containing(digits), limit],
      );
      return rows.map(residentRow);
    },

    async withdrawnResidents(wardCode) {
      const rows = await db.query(
        `${RESIDENT_SELECT} where r.ward_code = $1 and not r.deleted and r.registration_withdrawn
         order by r.id limit 1000`,
        [wardCode],
      );
      return rows.map(residentRow);
    },

    async personRecords(wardCode, id) {
      // UNION (not UNION ALL) stops on records already found, so even a cycle of merges ends.
      const rows = await db.query(
        `with recursive family(id) as (
           select id from residents where ward_code = $1 and id = $2
           union
           select r.id from family f join residents x on x.id = f.id
             join residents r on r.ward_code = $1 and (r.merged_into = x.id or r.id = x.merged_into)
         )
         ${RESIDENT_SELECT} join family f on f.id = r.id
         where r.ward_code = $1 and not ${ERASED('r')} and exists (
           select 1 from residents root where root.ward_code = $1 and root.id = $2 and not ${ERASED('root')})
         order by r.deleted, r.id`,
        [wardCode, id],
      );
      return rows.map(residentRow);
    },

    async completionsOf(wardCode, residentIds) {
      if (residentIds.length === 0) return [];
      const rows = await db.query(
        `select c.doc, c.deleted from completions c
         where c.ward_code = $1 and c.resident_id = any($2::text[]) and not ${ERASED('c')}
         order by c.done_on, c.id`,
        [wardCode, [...residentIds]],
      );
      return rows.map((row) => ({ doc: doc(row, 'doc'), deleted: bool(row, 'deleted') }));
    },

    async sessionsAttended(wardCode, residentIds) {
      if (residentIds.length === 0) return [];
      const rows = await db.query(
        `select doc from training_sessions
         where ward_code = $1 and not deleted and doc->'attendeeIds' ?| $2::text[]
         order by held_on, id`,
        [wardCode, [...residentIds]],
      );
      return rows.map((row) => doc(row, 'doc'));
    },

    async mergesOf(wardCode, residentIds) {
      if (residentIds.length === 0) return [];
      const rows = await db.query(
        `select m.from_id, m.into_id, m.merged_at, a.full_name from resident_merges m
           join accounts a on a.id = m.merged_by
         where m.ward_code = $1 and (m.from_id = any($2::text[]) or m.into_id = any($2::text[]))
         order by m.id`,
        [wardCode, [...residentIds]],
      );
      return rows.map((row) => ({
        fromId: str(row, 'from_id'),
        intoId: str(row, 'into_id'),
        at: timestamp(row, 'merged_at'),
        by: str(row, 'full_name'),
      }));
    },

    async viewersOf(wardCode, groupIds) {
      const rows = await db.query(
        `select role, full_name from accounts
         where ward_code = $1
           and (role = 'officer' or (role in ('leader', 'volunteer') and group_ids && $2::text[]))
         order by case role when 'officer' then 0 when 'leader' then 1 else 2 end, full_name, id`,
        [wardCode, [...groupIds]],
      );
      return rows.map((row) => ({ role: str(row, 'role'), fullName: str(row, 'full_name') }));
    },

    async addSubjectRequest(r) {
      const [row] = await db.query(
        `with added as (
           insert into subject_requests
             (ward_code, resident_id, kind, received_on, done_at, handled_by, device_id, note, detail)
           values ($1, $2, $3, $4::date, $5::timestamptz, $6, $7, $8, $9::jsonb)
           returning *
         )
         select ${REQUEST_COLUMNS('s')} from added s left join accounts a on a.id = s.handled_by`,
        [
          r.wardCode,
          r.residentId,
          r.kind,
          r.receivedOn,
          r.doneAt.toISOString(),
          r.handledBy,
          r.deviceId,
          r.note,
          JSON.stringify(r.detail),
        ],
      );
      if (row === undefined) throw new Error('subject request not stored');
      return subjectRequestRow(row);
    },

    async listSubjectRequests(wardCode, residentIds) {
      const rows = await db.query(
        `select ${REQUEST_COLUMNS('s')} from subject_requests s left join accounts a on a.id = s.handled_by
         where s.ward_code = $1 and ($2::text[] is null or s.resident_id = any($2::text[]))
         order by s.id desc limit 500`,
        [wardCode, residentIds === undefined ? null : [...residentIds]],
      );
      return rows.map(subjectRequestRow);
    },

    async scrubErasure(wardCode) {
      const erased = `
        erased_residents as (select r.id from residents r where r.ward_code = $1 and ${ERASED('r')}),
        erased_completions as (select c.id from completions c where c.ward_code = $1 and ${ERASED('c')})`;
      const history = await db.query(
        `with ${erased}
         delete from record_history h
         where (h.collection = 'residents' and h.doc_id in (select id from erased_residents))
            or (h.collection = 'completions' and h.doc_id in (select id from erased_completions))
         returning h.id`,
        [wardCode],
      );
      const quarantine = await db.query(
        `with ${erased}
         delete from quarantine q
         where (q.collection = 'residents' and q.doc_id in (select id from erased_residents))
            or (q.collection = 'completions' and (q.doc_id in (select id from erased_completions)
              or exists (select 1 from erased_residents e where strpos(q.payload, e.id) > 0)))
         returning q.id`,
        [wardCode],
      );
      return { history: history.length, quarantine: quarantine.length };
    },
  };
}
