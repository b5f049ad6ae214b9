// Training sessions on the device: saves the session form's drafts (session-draft.ts), reads and lists them.
import type { TrainingSession } from '../../shared';
import type { SessionCollection } from './collections';
import { insertBuilt, storageFailure } from './draft-helpers';
import { watchRecords } from './live-query';
import type { SessionSave, SessionsRepo } from './repo-types';
import type { RepoContext } from './residents-repo';
import { draftOfSession, sessionFromDraft, sessionUpdateFromDraft } from './session-draft';

/** Newest day first; sessions of one day in the order they were logged, newest first. */
export function newestSessionFirst(a: TrainingSession, b: TrainingSession): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}

export function createSessionsRepo(collection: SessionCollection, ctx: RepoContext): SessionsRepo {
  const draftCtx = () => ({ actor: ctx.actor, now: ctx.now() });
  return {
    async add(draft) {
      const result = sessionFromDraft(draft, { ...draftCtx(), wardCode: ctx.wardCode });
      return insertBuilt(collection, result);
    },
    async update(id, draft) {
      const doc = await collection.findOne(id).exec();
      if (doc === null) return { ok: false, errors: { form: 'record.missing' } };
      let result: SessionSave = sessionUpdateFromDraft(
        doc.toMutableJSON() as TrainingSession,
        draft,
        draftCtx(),
      );
      if (!result.ok) return result;
      try {
        await doc.incrementalModify((latest) => {
          result = sessionUpdateFromDraft(latest as TrainingSession, draft, draftCtx());
          return result.ok ? result.record : latest;
        });
        return result;
      } catch (err) {
        return { ok: false, errors: storageFailure(err) };
      }
    },
    async get(id) {
      const doc = await collection.findOne(id).exec();
      return doc === null ? null : (doc.toMutableJSON() as TrainingSession);
    },
    draftOf: draftOfSession,
    watchAll: (onChange) => watchRecords(collection, onChange, newestSessionFirst),
  };
}
