// What every field screen needs, given once by FieldApp: the device database, sync (null until it has
// started or if it failed), settings storage, who is using the phone, the skill catalogues, and the
// live record lists (subscribed once here, so screens switch instantly and share one copy).
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { CatalogueFile, Completion, Resident, ResidentialGroup, TrainingSession } from '../../shared';
import type { Actor, AppDatabase, KeyValue } from '../db';
import type { DeviceSession } from '../session';
import type { SyncController } from '../sync';

export interface FieldServices {
  db: AppDatabase;
  sync: SyncController | null;
  kv: KeyValue;
  session: DeviceSession;
  actor: Actor;
  /** null while loading or when the file could not be read and none is stored. */
  catalogues: CatalogueFile | null;
}

export interface FieldData {
  residents: Resident[];
  sessions: TrainingSession[];
  completions: Completion[];
  groups: ResidentialGroup[];
}

const ServicesContext = createContext<FieldServices | null>(null);
const DataContext = createContext<FieldData | null>(null);

export function FieldProvider({
  services,
  children,
}: {
  services: FieldServices;
  children: ComponentChildren;
}) {
  const { db } = services;
  const [residents, setResidents] = useState<Resident[] | null>(null);
  const [sessions, setSessions] = useState<TrainingSession[] | null>(null);
  const [completions, setCompletions] = useState<Completion[] | null>(null);
  const [groups, setGroups] = useState<ResidentialGroup[] | null>(null);
  useEffect(() => {
    const stops = [
      db.residents.watchAll(setResidents),
      db.sessions.watchAll(setSessions),
      db.completions.watchAll(setCompletions),
      db.groups.watchAll(setGroups),
    ];
    return () => stops.forEach((stop) => stop());
  }, [db]);
  const data = useMemo<FieldData | null>(
    () =>
      residents && sessions && completions && groups ? { residents, sessions, completions, groups } : null,
    [residents, sessions, completions, groups],
  );
  return (
    <ServicesContext.Provider value={services}>
      <DataContext.Provider value={data}>{children}</DataContext.Provider>
    </ServicesContext.Provider>
  );
}

export function useField(): FieldServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useField outside FieldProvider');
  return services;
}

/** The live record lists; null until all four have loaded once. */
export function useFieldData(): FieldData | null {
  return useContext(DataContext);
}
