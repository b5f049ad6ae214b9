// R1 (docs/privacy.md): everything the ward holds about one person, readable — every record of them (the
// merge family, deleted ones included: still held), their consents, completions, sessions attended,
// merges, earlier requests, and who may see the records. Skill names come from the shared catalogue file.
import { readFile } from 'node:fs/promises';
import {
  catalogueFileSchema,
  findSkill,
  skillKey,
  skillRefSchema,
  type CatalogueFile,
  type Consent,
  type PlainDoc,
  type SubjectExport,
  type Ward,
} from '../../shared';
import type { PrivacyResident, Store } from '../store';

/** public/catalogues/skills.json: the file the app loads, and the server reads for names. */
const CATALOGUE_URL = new URL('../../../public/catalogues/skills.json', import.meta.url);

let catalogue: Promise<CatalogueFile | null> | undefined;

/** The skill catalogue file, read once; null when unreadable (skills are then named by their key). */
function skillCatalogue(): Promise<CatalogueFile | null> {
  catalogue ??= readFile(CATALOGUE_URL, 'utf8')
    .then((content) => catalogueFileSchema.safeParse(JSON.parse(content)).data ?? null)
    .catch(() => null);
  return catalogue;
}

/** Skill references as { code, name } with the Vietnamese title; an unknown one named by its key. */
function skillsOf(file: CatalogueFile | null, value: unknown): { code: string; name: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const ref = skillRefSchema.safeParse(item);
    if (!ref.success) return [];
    const skill = file === null ? undefined : findSkill(file, ref.data);
    return [{ code: ref.data.code, name: skill?.title.vi ?? skillKey(ref.data) }];
  });
}

function text(doc: PlainDoc, key: string): string | undefined {
  const value = doc[key];
  return typeof value === 'string' ? value : undefined;
}

/** Optional fields as `{ key: value }` when present, so absent ones stay absent. */
function present<K extends string>(doc: PlainDoc, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = text(doc, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function recordOf(r: PrivacyResident): SubjectExport['records'][number] {
  const d = r.doc;
  return {
    id: r.id,
    fullName: text(d, 'fullName') ?? '',
    birthYear: typeof d['birthYear'] === 'number' ? d['birthYear'] : 0,
    ...present(d, ['birthDate', 'phone', 'citizenIdLast4', 'mergedInto']),
    sex: d['sex'] === 'male' ? 'male' : 'female',
    groupId: r.groupId,
    groupName: r.groupName,
    deleted: r.deleted,
    consents: Array.isArray(d['consents']) ? (d['consents'] as Consent[]) : [],
    createdAt: text(d, 'createdAt') ?? '',
    updatedAt: text(d, 'updatedAt') ?? '',
  };
}

/**
 * The export of the person whose records are `records` (store.personRecords, not empty), produced now
 * by the officer named `producedBy`.
 */
export async function subjectExport(
  store: Store,
  ward: Ward,
  records: readonly PrivacyResident[],
  producedBy: string,
  now: Date,
): Promise<SubjectExport> {
  const ids = records.map((r) => r.id);
  const groupIds = [...new Set(records.map((r) => r.groupId))];
  const [file, completions, sessions, merges, requests, visibleTo] = await Promise.all([
    skillCatalogue(),
    store.completionsOf(ward.code, ids),
    store.sessionsAttended(ward.code, ids),
    store.mergesOf(ward.code, ids),
    store.listSubjectRequests(ward.code, ids),
    store.viewersOf(ward.code, groupIds),
  ]);
  return {
    wardCode: ward.code,
    wardName: ward.name,
    producedAt: now.toISOString(),
    producedBy,
    records: records.map(recordOf),
    completions: completions.map(({ doc, deleted }) => {
      const evidence = doc['vneid'] as PlainDoc | undefined;
      const channel = evidence === undefined ? undefined : text(evidence, 'channel');
      return {
        id: String(doc['id']),
        recordId: String(doc['residentId']),
        kind: String(doc['kind']),
        skills: skillsOf(file, doc['skills']),
        ...(evidence === undefined || channel === undefined
          ? {}
          : { vneid: { channel, ...present(evidence, ['courseName', 'issuer', 'recordNumber']) } }),
        doneOn: text(doc, 'date') ?? '',
        recordedBy: text(doc, 'recordedBy') ?? '',
        ...present(doc, ['verifiedBy', 'notes']),
        deleted,
      };
    }),
    sessions: sessions.map((doc) => ({
      id: String(doc['id']),
      heldOn: text(doc, 'date') ?? '',
      place: text(doc, 'place') ?? '',
      skills: skillsOf(file, doc['skills']),
    })),
    merges,
    // Oldest first, as a history reads.
    requests: requests.map((r) => ({ kind: r.kind, receivedOn: r.receivedOn, doneAt: r.doneAt })).reverse(),
    visibleTo,
  };
}
