// Shared set-up for device-database tests: a memory-storage database with a fixed actor and clock.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  createDatabase,
  EMPTY_RESIDENT_DRAFT,
  type Actor,
  type AppDatabase,
  type ResidentDraft,
} from '../../../src/client/db';
import type { SkillRef } from '../../../src/shared';

export const ACTOR: Actor = { id: 'acc-tu', name: 'Trần Văn Tư' };

/** 9 a.m. on 23 November 2026 on this machine's clock, whatever its time zone. */
export const NOW = new Date(2026, 10, 23, 9, 0, 0);
export const TODAY = '2026-11-23';

export const SKILL: SkillRef = { catalogue: '5-ky-nang', version: '2024', code: '1' };
export const SKILL_2: SkillRef = { catalogue: '5-ky-nang', version: '2024', code: '2' };

export function residentDraft(overrides: Partial<ResidentDraft> = {}): ResidentDraft {
  return {
    ...EMPTY_RESIDENT_DRAFT,
    fullName: '  Trần   Văn  Bình ',
    birthYear: '1961',
    sex: 'male',
    groupId: 'tdp-02',
    consent: { registration: true, contact: false, method: 'verbal', date: '' },
    ...overrides,
  };
}

export interface TestDb {
  db: AppDatabase;
  /** Moves the clock the repositories see. */
  setNow(date: Date): void;
}

const open: AppDatabase[] = [];

export async function memoryDb(): Promise<TestDb> {
  let now = NOW;
  const db = await createDatabase({
    storage: getRxStorageMemory(),
    multiInstance: false,
    name: `t${Math.random().toString(36).slice(2)}`,
    wardCode: '99999',
    actor: ACTOR,
    now: () => now,
  });
  open.push(db);
  return { db, setNow: (date) => (now = date) };
}

export async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((db) => db.close()));
}

/** The first list a watch delivers that satisfies the predicate. */
export function firstWatched<T>(
  watch: (onChange: (value: T) => void) => () => void,
  predicate: (value: T) => boolean,
): Promise<T> {
  return new Promise((resolve) => {
    let stop: (() => void) | null = null;
    let done = false;
    stop = watch((value) => {
      if (done || !predicate(value)) return;
      done = true;
      queueMicrotask(() => stop?.());
      resolve(value);
    });
  });
}
