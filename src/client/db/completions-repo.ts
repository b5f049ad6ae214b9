// Completions on the device: saves the completion form's drafts (completion-draft.ts) under the
// resident's group, tombstones mistaken ones, lists them live.
import type { Completion } from '../../shared';
import type { CompletionCollection, ResidentCollection } from './collections';
import { completionFromDraft } from './completion-draft';
import { insertBuilt } from './draft-helpers';
import { watchRecords } from './live-query';
import type { CompletionsRepo } from './repo-types';
import type { RepoContext } from './residents-repo';

/** Newest day first; completions of one day in the order they were recorded, newest first. */
export function newestCompletionFirst(a: Completion, b: Completion): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id);
}

export function createCompletionsRepo(
  collection: CompletionCollection,
  residents: ResidentCollection,
  ctx: RepoContext,
): CompletionsRepo {
  return {
    async add(draft) {
      const resident = draft.residentId === '' ? null : await residents.findOne(draft.residentId).exec();
      if (resident === null) return { ok: false, errors: { form: 'record.missing' } };
      const result = completionFromDraft(draft, {
        actor: ctx.actor,
        now: ctx.now(),
        wardCode: ctx.wardCode,
        groupId: resident.groupId,
      });
      return insertBuilt(collection, result);
    },
    async remove(id) {
      const doc = await collection.findOne(id).exec();
      // The tombstone keeps the record and says when it was withdrawn.
      const updatedAt = ctx.now().toISOString();
      await doc?.incrementalModify((latest) => ({ ...latest, updatedAt, _deleted: true }));
    },
    watchAll: (onChange) => watchRecords(collection, onChange, newestCompletionFirst),
  };
}
