// The training-sessions repository on RxDB memory storage: drafts → records, validation keys, edits.
import { afterEach, describe, expect, test } from 'vitest';
import type { SessionDraft } from '../../../src/client/db';
import { ACTOR, closeAll, firstWatched, memoryDb, NOW, SKILL, SKILL_2 } from './helpers';

afterEach(closeAll);

const A = '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';
const B = '7a1c2e3d-4b5f-4a6e-9c8d-0e1f2a3b4c5d';

const sessionDraft = (overrides: Partial<SessionDraft> = {}): SessionDraft => ({
  date: '21/11/2026',
  place: ' Nhà văn hoá  tổ 1 ',
  format: 'class',
  groupId: 'tdp-01',
  skills: [SKILL],
  trainers: [' Trần  Văn Tư ', '', '   ', 'Lê Thị Hoa'],
  attendeeIds: [A, B, A],
  notes: '',
  ...overrides,
});

describe('training sessions', () => {
  test('a session is saved with trainers trimmed, blanks dropped, attendees once each', async () => {
    const { db } = await memoryDb();
    const result = await db.sessions.add(sessionDraft({ skills: [SKILL, SKILL_2, SKILL] }));
    expect(result).toEqual({
      ok: true,
      record: {
        id: expect.any(String),
        wardCode: '99999',
        groupId: 'tdp-01',
        date: '2026-11-21',
        place: 'Nhà văn hoá tổ 1',
        format: 'class',
        skills: [SKILL, SKILL_2],
        trainers: ['Trần Văn Tư', 'Lê Thị Hoa'],
        attendeeIds: [A, B],
        createdBy: ACTOR.id,
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      },
    });
    expect(await db.sessions.get(result.ok ? result.record.id : '')).toEqual(result.ok && result.record);
  });

  test('an incomplete session names each missing field', async () => {
    const { db } = await memoryDb();
    const draft = sessionDraft({
      date: '',
      place: '  ',
      format: '',
      groupId: '',
      skills: [],
      trainers: [' '],
    });
    const before = structuredClone(draft);
    expect(await db.sessions.add(draft)).toEqual({
      ok: false,
      errors: {
        date: 'date.required',
        place: 'place.required',
        format: 'format.required',
        groupId: 'groupId.required',
        skills: 'skills.required',
        trainers: 'trainers.required',
      },
    });
    expect(draft).toEqual(before);
  });

  test('a day that does not exist is refused', async () => {
    const { db } = await memoryDb();
    expect(await db.sessions.add(sessionDraft({ date: '29/02/2026' }))).toEqual({
      ok: false,
      errors: { date: 'date.invalid' },
    });
  });

  test('an edit keeps who logged it and when, and moves updatedAt on', async () => {
    const t = await memoryDb();
    const added = await t.db.sessions.add(sessionDraft({ notes: ' Mang theo\nsạc dự phòng ' }));
    if (!added.ok) throw new Error('not saved');
    const draft = t.db.sessions.draftOf(added.record);
    expect(draft).toEqual({
      ...sessionDraft(),
      place: 'Nhà văn hoá tổ 1',
      trainers: ['Trần Văn Tư', 'Lê Thị Hoa'],
      attendeeIds: [A, B],
      notes: 'Mang theo sạc dự phòng',
    });
    const later = new Date(NOW.getTime() + 3_600_000);
    t.setNow(later);
    const edited = await t.db.sessions.update(added.record.id, { ...draft, attendeeIds: [B], notes: '' });
    expect(edited).toEqual({
      ok: true,
      record: {
        ...added.record,
        attendeeIds: [B],
        notes: undefined,
        updatedAt: later.toISOString(),
      },
    });
    expect(edited.ok && edited.record).not.toHaveProperty('notes');
  });

  test('sessions are listed newest day first', async () => {
    const { db } = await memoryDb();
    for (const date of ['02/11/2026', '20/11/2026', '10/11/2026'])
      await db.sessions.add(sessionDraft({ date }));
    const list = await firstWatched(db.sessions.watchAll, (l) => l.length === 3);
    expect(list.map((s) => s.date)).toEqual(['2026-11-20', '2026-11-10', '2026-11-02']);
  });
});
