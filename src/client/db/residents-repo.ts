// Residents on the device: turns what a volunteer typed into a valid record, saves it, lists them.
import type { ResidentCollection } from './collections';
import { newId, normaliseText, residentSchema, type Resident } from '../../shared';

/** What the add-resident form holds: raw strings, exactly as typed. */
export interface ResidentDraft {
  fullName: string;
  birthYear: string;
  sex: string;
  groupId: string;
  phone?: string;
}

/** Catalogue keys (`validation.<key>`) per field; `form` for failures not tied to one field. */
export type FieldErrors = Partial<Record<keyof ResidentDraft | 'form', string>>;

export type SaveResult = { ok: true; resident: Resident } | { ok: false; errors: FieldErrors };

export interface ResidentsRepo {
  add(draft: ResidentDraft): Promise<SaveResult>;
  /** Calls back with every resident, newest first, now and on every change. Returns an unsubscribe. */
  watchAll(onChange: (residents: Resident[]) => void): () => void;
  count(): Promise<number>;
}

/** Vietnamese names typed on different keyboards arrive in NFC or NFD: store NFC, single-spaced. */
export const normaliseName = normaliseText;

export function normalisePhone(phone: string | undefined): string | undefined {
  const digits = (phone ?? '').replace(/[\s.\-()]/g, '');
  return digits === '' ? undefined : digits;
}

export function residentFromDraft(
  draft: ResidentDraft,
  ctx: { wardCode: string; now: Date; id?: string },
): SaveResult {
  const yearText = draft.birthYear.trim();
  const errors: FieldErrors = {};
  if (yearText === '') errors.birthYear = 'birthYear.required';
  else if (!/^\d{4}$/.test(yearText)) errors.birthYear = 'birthYear.invalid';
  else if (Number(yearText) > ctx.now.getUTCFullYear()) errors.birthYear = 'birthYear.future';
  if (normaliseName(draft.fullName) === '') errors.fullName = 'fullName.required';
  const stamp = ctx.now.toISOString();
  const candidate = {
    id: ctx.id ?? newId(),
    wardCode: ctx.wardCode,
    groupId: draft.groupId,
    fullName: normaliseName(draft.fullName),
    birthYear: yearText === '' ? Number.NaN : Number(yearText),
    sex: draft.sex,
    phone: normalisePhone(draft.phone),
    createdAt: stamp,
    updatedAt: stamp,
  };
  if (candidate.phone === undefined) delete candidate.phone;
  const parsed = residentSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'form') as keyof FieldErrors;
      if (!(field in errors)) errors[field] = issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, resident: parsed.data };
}

export function createResidentsRepo(
  collection: ResidentCollection,
  ctx: { wardCode: string; now: () => Date },
): ResidentsRepo {
  return {
    async add(draft) {
      const result = residentFromDraft(draft, { wardCode: ctx.wardCode, now: ctx.now() });
      if (!result.ok) return result;
      try {
        await collection.insert(result.resident);
        return result;
      } catch (err) {
        const quota = err instanceof Error && /quota/i.test(`${err.name} ${err.message}`);
        return { ok: false, errors: { form: quota ? 'storage.full' : 'storage.failed' } };
      }
    },
    watchAll(onChange) {
      const sub = collection.find().$.subscribe((docs) => {
        const residents = docs.map((d) => d.toMutableJSON() as Resident);
        residents.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
        onChange(residents);
      });
      return () => sub.unsubscribe();
    },
    count: () => collection.count().exec(),
  };
}
