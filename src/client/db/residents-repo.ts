// Residents on the device: saves what the add and edit forms hand over (drafts → records in
// resident-draft.ts), reads them back, lists them live and finds possible duplicates.
import { duplicateKey, normaliseText, type Resident } from '../../shared';
import type { ResidentCollection } from './collections';
import { insertBuilt, storageFailure } from './draft-helpers';
import { watchRecords } from './live-query';
import { draftOfResident, residentFromDraft, residentUpdateFromDraft } from './resident-draft';
import type { Actor, ResidentSave, ResidentsRepo } from './repo-types';

export interface RepoContext {
  wardCode: string;
  actor: Actor;
  now: () => Date;
}

export function createResidentsRepo(collection: ResidentCollection, ctx: RepoContext): ResidentsRepo {
  const draftCtx = () => ({ actor: ctx.actor, now: ctx.now() });
  return {
    async add(draft) {
      const result = residentFromDraft(draft, { ...draftCtx(), wardCode: ctx.wardCode });
      return insertBuilt(collection, result);
    },
    async update(id, draft) {
      const doc = await collection.findOne(id).exec();
      if (doc === null) return { ok: false, errors: { form: 'record.missing' } };
      let result: ResidentSave = residentUpdateFromDraft(doc.toMutableJSON() as Resident, draft, draftCtx());
      if (!result.ok) return result;
      try {
        // Rebuilt from the latest state, so a change pulled meanwhile (e.g. a consent) is not overwritten.
        await doc.incrementalModify((latest) => {
          result = residentUpdateFromDraft(latest as Resident, draft, draftCtx());
          return result.ok ? result.record : latest;
        });
        return result;
      } catch (err) {
        return { ok: false, errors: storageFailure(err) };
      }
    },
    async get(id) {
      const doc = await collection.findOne(id).exec();
      return doc === null ? null : (doc.toMutableJSON() as Resident);
    },
    draftOf: draftOfResident,
    watchAll: (onChange) => watchRecords(collection, onChange),
    async possibleDuplicates(probe, excludeId) {
      const year = probe.birthYear.trim();
      const fullName = normaliseText(probe.fullName);
      if (!/^\d{4}$/.test(year) || fullName === '' || probe.groupId === '') return [];
      const key = duplicateKey({ groupId: probe.groupId, fullName, birthYear: Number(year) });
      const sameGroup = await collection.find({ selector: { groupId: probe.groupId } }).exec();
      return sameGroup
        .map((doc) => doc.toMutableJSON() as Resident)
        .filter((r) => r.id !== excludeId && duplicateKey(r) === key);
    },
    count: () => collection.count().exec(),
  };
}
