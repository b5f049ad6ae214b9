// Renders the residents screens inside FieldProvider around a real in-memory device database, an
// in-memory settings store, the shipped skill catalogue file and hand-set sync marks; plus the router
// part of FieldApp that picks a residents screen from the address.
import type { ComponentChildren } from 'preact';
import { render } from '@testing-library/preact';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import catalogueJson from '../../../../public/catalogues/skills.json';
import {
  createDatabase,
  EMPTY_RESIDENT_DRAFT,
  memoryKeyValue,
  type Actor,
  type AppDatabase,
  type KeyValue,
  type ResidentDraft,
} from '../../../../src/client/db';
import type { DeviceSession } from '../../../../src/client/session';
import type { RecordMarks, SyncController } from '../../../../src/client/sync';
import { FieldProvider } from '../../../../src/client/ui/field-context';
import { CompletionScreen } from '../../../../src/client/ui/residents/completion-screen';
import { ResidentEditScreen } from '../../../../src/client/ui/residents/resident-edit-screen';
import { ResidentScreen } from '../../../../src/client/ui/residents/resident-screen';
import { RosterScreen } from '../../../../src/client/ui/residents/roster-screen';
import { route } from '../../../../src/client/ui/router';
import { catalogueFileSchema, type CatalogueFile } from '../../../../src/shared';

export const WARD_CODE = '99999';
export const ACTOR: Actor = { id: '2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Nguyễn Thị Lan' };
export const CATALOGUES: CatalogueFile = catalogueFileSchema.parse(catalogueJson);

export async function openDb(): Promise<AppDatabase> {
  return createDatabase({
    storage: getRxStorageMemory(),
    multiInstance: false,
    name: `r${Math.random().toString(36).slice(2)}`,
    wardCode: WARD_CODE,
    actor: ACTOR,
  });
}

export async function addGroup(db: AppDatabase, id: string, name: string): Promise<void> {
  await db.rx.groups.insert({ id, wardCode: WARD_CODE, name, kind: 'to_dan_pho' });
}

/** Registers a resident with registration consent; returns its id. */
export async function addResident(db: AppDatabase, draft: Partial<ResidentDraft>): Promise<string> {
  const result = await db.residents.add({
    ...EMPTY_RESIDENT_DRAFT,
    sex: 'female',
    groupId: 'to-1',
    consent: { registration: true, contact: false, method: 'verbal', date: '' },
    ...draft,
  });
  if (!result.ok) throw new Error(`resident refused: ${JSON.stringify(result.errors)}`);
  return result.record.id;
}

function session(groupIds: string[]): DeviceSession {
  return {
    deviceId: '3d1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5f',
    deviceToken: 'device-token-abc',
    account: { id: ACTOR.id, fullName: ACTOR.name, role: 'volunteer', wardCode: WARD_CODE, groupIds },
    ward: { code: WARD_CODE, name: 'Phường Hồng An', provinceCode: '31' },
  };
}

/** Only the per-record marks: the residents screens read nothing else from sync. */
export function syncWithMarks(marks: RecordMarks): SyncController {
  return {
    records: { get: () => marks, subscribe: (cb: (m: RecordMarks) => void) => (cb(marks), () => undefined) },
  } as unknown as SyncController;
}

/** The part of FieldApp that picks a residents screen from the address. */
export function ResidentsScreens() {
  const r = route.value;
  switch (r.name) {
    case 'resident-new':
      return <ResidentEditScreen />;
    case 'resident-edit':
      return <ResidentEditScreen id={r.id} />;
    case 'resident':
      return <ResidentScreen id={r.id} />;
    case 'completion-new':
      return <CompletionScreen residentId={r.residentId} />;
    default:
      return <RosterScreen />;
  }
}

export interface FieldOptions {
  db: AppDatabase;
  kv?: KeyValue;
  sync?: SyncController | null;
  catalogues?: CatalogueFile | null;
  groupIds?: string[];
}

export function renderField(ui: ComponentChildren, o: FieldOptions) {
  const kv = o.kv ?? memoryKeyValue();
  const services = {
    db: o.db,
    sync: o.sync ?? null,
    kv,
    session: session(o.groupIds ?? ['to-1']),
    actor: ACTOR,
    catalogues: o.catalogues === undefined ? CATALOGUES : o.catalogues,
  };
  return { kv, ...render(<FieldProvider services={services}>{ui}</FieldProvider>) };
}

/** The text a screen reader reads as the element's description (its aria-describedby targets). */
export function descriptionOf(element: Element): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => element.ownerDocument.getElementById(id)?.textContent ?? '').join(' ');
}
