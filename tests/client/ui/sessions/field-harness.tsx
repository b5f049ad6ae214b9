// Renders field screens inside FieldProvider around a real in-memory device database, an in-memory
// settings store, the shipped skill catalogue file, and a hand-driven sync controller (marks, status,
// ward settings).
import type { ComponentChildren } from 'preact';
import { render } from '@testing-library/preact';
import { vi } from 'vitest';
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
import type { RecordMarks, SyncController, SyncStatus } from '../../../../src/client/sync';
import { FieldProvider } from '../../../../src/client/ui/field-context';
import {
  catalogueFileSchema,
  DEFAULT_WARD_SETTINGS,
  type AdultPopulation,
  type CatalogueFile,
  type WardSettings,
} from '../../../../src/shared';

export const WARD_CODE = '99999';
export const ACTOR: Actor = { id: '2b1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', name: 'Nguyễn Thị Lan' };

export const CATALOGUES: CatalogueFile = catalogueFileSchema.parse(catalogueJson);

export function deviceSession(groupIds: string[]): DeviceSession {
  return {
    deviceId: '3d1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5f',
    deviceToken: 'device-token-abc',
    account: { id: ACTOR.id, fullName: ACTOR.name, role: 'volunteer', wardCode: WARD_CODE, groupIds },
    ward: { code: WARD_CODE, name: 'Phường Hồng An', provinceCode: '31' },
  };
}

export async function openDb(): Promise<AppDatabase> {
  return createDatabase({
    storage: getRxStorageMemory(),
    multiInstance: false,
    name: `s${Math.random().toString(36).slice(2)}`,
    wardCode: WARD_CODE,
    actor: ACTOR,
  });
}

export async function addGroup(db: AppDatabase, id: string, name: string, adultPopulation?: AdultPopulation) {
  await db.rx.groups.insert({
    id,
    wardCode: WARD_CODE,
    name,
    kind: 'to_dan_pho',
    ...(adultPopulation ? { adultPopulation } : {}),
  });
}

/** Registers a resident (with registration consent) and returns its id. */
export async function addResident(db: AppDatabase, draft: Partial<ResidentDraft>): Promise<string> {
  const result = await db.residents.add({
    ...EMPTY_RESIDENT_DRAFT,
    sex: 'female',
    consent: { registration: true, contact: false, method: 'verbal', date: '' },
    ...draft,
  });
  if (!result.ok) throw new Error(`resident refused: ${JSON.stringify(result.errors)}`);
  return result.record.id;
}

/** A sync controller driven by the test: marks, status and ward settings it can change. */
export function fakeSync(
  o: { marks?: RecordMarks; status?: Partial<SyncStatus>; settings?: WardSettings } = {},
) {
  const store = <T,>(initial: T) => {
    let current = initial;
    const listeners = new Set<(v: T) => void>();
    return {
      get: () => current,
      subscribe(cb: (v: T) => void) {
        listeners.add(cb);
        cb(current);
        return () => listeners.delete(cb);
      },
      emit(next: T) {
        current = next;
        listeners.forEach((l) => l(current));
      },
    };
  };
  const records = store<RecordMarks>(o.marks ?? { waiting: new Set(), quarantined: new Map() });
  const status = store<SyncStatus>({
    online: true,
    syncing: false,
    waiting: 0,
    needsAttention: 0,
    lastSyncedAt: null,
    problem: null,
    ...o.status,
  });
  const wardSettings = store<WardSettings>(o.settings ?? DEFAULT_WARD_SETTINGS);
  const controller = {
    status,
    records,
    wardSettings,
    syncNow: vi.fn(),
    awaitInSync: async () => undefined,
    stop: async () => undefined,
  } as unknown as SyncController;
  return { controller, records, status, wardSettings };
}

export interface FieldOptions {
  db: AppDatabase;
  kv?: KeyValue;
  sync?: SyncController | null;
  catalogues?: CatalogueFile | null;
  groupIds?: string[];
}

/** Give it a fixed `kv`: a new one on every render would reset the forms' drafts. */
export function Field({ o, children }: { o: FieldOptions & { kv: KeyValue }; children: ComponentChildren }) {
  return (
    <FieldProvider
      services={{
        db: o.db,
        sync: o.sync ?? null,
        kv: o.kv,
        session: deviceSession(o.groupIds ?? ['to-1']),
        actor: ACTOR,
        catalogues: o.catalogues === undefined ? CATALOGUES : o.catalogues,
      }}
    >
      {children}
    </FieldProvider>
  );
}

export function renderField(ui: ComponentChildren, o: FieldOptions) {
  const kv = o.kv ?? memoryKeyValue();
  return { kv, ...render(<Field o={{ ...o, kv }}>{ui}</Field>) };
}
