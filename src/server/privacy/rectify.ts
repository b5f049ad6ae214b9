// R2 (docs/privacy.md): the officer corrects a resident's fields. The corrected record must pass
// residentSchema (a phone still needs the "contact" consent in force), and it is an ordinary sequenced
// write through ward/officer-write.ts: record_history keeps the replaced state, phones pull the change,
// and a phone's concurrent edit merges with it by the written policy (src/shared/merge.ts).
import { canonicalJson, normaliseText, residentSchema, type PlainDoc, type RectifyBody } from '../../shared';
import { ApiError } from '../http/errors';
import type { Store } from '../store';
import { edited, rowOf, writeRecords } from '../ward/officer-write';

export type RectifyChanges = RectifyBody['changes'];

export interface Rectified {
  /** The record as stored after the correction (unchanged when nothing differed). */
  resident: PlainDoc;
  /** The fields whose value changed (names only: the request log keeps no values). */
  fields: string[];
}

/** A live resident of the ward with `changes` applied; null removes a field. Refused: 404, 400. */
export async function rectifyResident(
  store: Store,
  wardCode: string,
  id: string,
  changes: RectifyChanges,
  now: Date,
): Promise<Rectified> {
  let outcome: Rectified | undefined;
  await writeRecords(store, 'residents', wardCode, [id], (current) => {
    const row = current.get(id);
    if (row === undefined || row.deleted) throw new ApiError('not_found', 'No such resident in this ward.');
    const set: PlainDoc = {};
    const remove: string[] = [];
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined) continue;
      if (value === null) remove.push(field);
      // A name is stored as typed but tidy (NFC, single spaces), as the phone's form stores it.
      else set[field] = field === 'fullName' && typeof value === 'string' ? normaliseText(value) : value;
    }
    const fields = [...Object.keys(set), ...remove].filter(
      (field) => canonicalJson(row.doc[field]) !== canonicalJson(set[field]),
    );
    if (fields.length === 0) {
      outcome = { resident: row.doc, fields };
      return [];
    }
    const doc = edited(row, set, now, remove);
    const checked = residentSchema.safeParse(doc);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => `${i.path.join('.') || 'resident'}: ${i.message}`);
      throw new ApiError('invalid_body', `Invalid resident: ${issues.join('; ')}`);
    }
    outcome = { resident: doc, fields };
    return [rowOf('residents', doc)];
  });
  if (outcome === undefined) throw new Error(`rectify ${id}: no outcome`);
  return outcome;
}
