// The roster index: search as shared/names.ts defines it (accents, case, đ ≈ d, word prefixes), the
// Vietnamese list order, filters by group, status and age band, and paging.
import { describe, expect, test } from 'vitest';
import {
  buildRosterIndex,
  queryRoster,
  ROSTER_PAGE,
  type RosterIndex,
} from '../../../../src/client/ui/residents/roster-index';
import {
  compareVietnameseNames,
  nameMatches,
  progressOn,
  type Completion,
  type Resident,
  type TrainingSession,
} from '../../../../src/shared';

const DATE = '2026-11-23';
let seq = 0;

function person(fullName: string, o: Partial<Resident> = {}): Resident {
  seq += 1;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    wardCode: '99999',
    groupId: 'to-1',
    fullName,
    birthYear: 1960,
    sex: 'female',
    consents: [
      { purpose: 'registration', askedBy: 'Lan', date: DATE, method: 'verbal', wordingVersion: 'v1' },
    ],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...o,
  };
}

const indexOf = (residents: Resident[], progress = new Map()) => buildRosterIndex(residents, progress, DATE);
const names = (index: RosterIndex, text: string, extra: object = {}) =>
  queryRoster(index, { text, ...extra }, 1000).rows.map((r) => r.fullName);

describe('roster search', () => {
  const index = indexOf([
    person('Nguyễn Văn An'),
    person('Nguyễn Văn Bình'),
    person('Trần Thị Đức'),
    person('Lê Văn Dũng'),
    person('Đào Thị Hoa'),
    person('Phạm Ngọc Anh'),
  ]);

  test('"nguyen van a", "Nguyễn Văn A" and "NGUYEN" find Nguyễn Văn An, whatever the accents or case', () => {
    expect(names(index, 'nguyen van a')).toEqual(['Nguyễn Văn An']);
    expect(names(index, 'Nguyễn Văn A')).toEqual(['Nguyễn Văn An']);
    expect(names(index, 'NGUYEN')).toEqual(['Nguyễn Văn An', 'Nguyễn Văn Bình']);
    expect(names(index, '  nguyen   van  an ')).toEqual(['Nguyễn Văn An']);
  });

  test('đ and d are the same letter when searching, both ways', () => {
    expect(names(index, 'duc')).toEqual(['Trần Thị Đức']);
    expect(names(index, 'đức')).toEqual(['Trần Thị Đức']);
    expect(names(index, 'dao')).toEqual(['Đào Thị Hoa']);
    expect(names(index, 'Đũng')).toEqual(['Lê Văn Dũng']);
  });

  test('every word typed may start any word of the name, in any order', () => {
    expect(names(index, 'an nguyen')).toEqual(['Nguyễn Văn An']);
    expect(names(index, 'ph anh')).toEqual(['Phạm Ngọc Anh']);
    expect(names(index, 'nguyen binh')).toEqual(['Nguyễn Văn Bình']);
    expect(names(index, 'nguyen van b tran')).toEqual([]);
    expect(names(index, 'xyz')).toEqual([]);
  });

  test('an empty query lists everyone', () => {
    expect(queryRoster(index, { text: '   ' }).total).toBe(6);
  });

  test('the index agrees with shared nameMatches on every name and query', () => {
    const family = ['Nguyễn', 'Trần', 'Đặng', 'Dương', 'Lê', 'Ngô'];
    const middle = ['Văn', 'Thị', 'Đức', 'Ngọc'];
    const given = ['An', 'Anh', 'Ân', 'Đào', 'Dung', 'Hà', 'Hải', 'Lan', 'Lân'];
    const people = family.flatMap((f) => middle.flatMap((m) => given.map((g) => person(`${f} ${m} ${g}`))));
    const big = indexOf(people);
    const queries = [
      'a',
      'an',
      'AN',
      'dang',
      'đặng thị',
      'thi an',
      'ngu',
      'van an',
      'uc',
      'ha',
      'hà',
      'lân',
      'd',
      'x',
    ];
    for (const q of queries) {
      const expected = people.filter((p) => nameMatches(p.fullName, q)).length;
      expect(queryRoster(big, { text: q }).total, q).toBe(expected);
    }
  });
});

describe('roster order', () => {
  test('by given name first, then family and middle names: Trần Văn An before Nguyễn Thị Bình', () => {
    const index = indexOf([person('Nguyễn Thị Bình'), person('Trần Văn An'), person('Lê Thị An')]);
    expect(names(index, '')).toEqual(['Lê Thị An', 'Trần Văn An', 'Nguyễn Thị Bình']);
  });

  test('Vietnamese collation: Dương before Đào, An before Ân', () => {
    const index = indexOf([
      person('Nguyễn Văn Đào'),
      person('Nguyễn Văn Dương'),
      person('Lê Ân'),
      person('Lê An'),
    ]);
    expect(names(index, '')).toEqual(['Lê An', 'Lê Ân', 'Nguyễn Văn Dương', 'Nguyễn Văn Đào']);
    const byFamily = indexOf([person('Đào Thị Lan'), person('Dương Thị Lan')]);
    expect(names(byFamily, '')).toEqual(['Dương Thị Lan', 'Đào Thị Lan']);
  });

  test('the precomputed order is exactly shared compareVietnameseNames', () => {
    const given = ['Ánh', 'Anh', 'Bảo', 'Bao', 'Đông', 'Dong', 'Ư', 'U', 'Yến', 'Ý', 'Ơn', 'On'];
    const family = ['Đỗ', 'Do', 'Âu', 'Au', 'Ưng', 'Ung'];
    const people = given.flatMap((g, i) =>
      family.map((f, j) => person(`${f} ${i % 2 ? 'Thị' : 'Văn'} ${j} ${g}`)),
    );
    const expected = [...people].map((p) => p.fullName).sort(compareVietnameseNames);
    expect(names(indexOf([...people].reverse()), '')).toEqual(expected);
  });
});

describe('roster filters and paging', () => {
  const young = person('Lý Văn Trẻ', { birthYear: 2000 });
  const middle = person('Lý Thị Trung', { birthYear: 1980, groupId: 'to-2' });
  const old = person('Lý Văn Già', { birthYear: 1950 });
  const child = person('Lý Bé Con', { birthYear: 2012 });
  const justAdult = person('Lý Thị Vừa', { birthYear: 2008, birthDate: '2008-12-01' });
  const residents = [young, middle, old, child, justAdult];

  const session = { date: '2026-10-01', attendeeIds: [young.id] } as TrainingSession;
  const vneid = { residentId: old.id, kind: 'vneid', date: '2026-11-01' } as Completion;
  const later = { residentId: middle.id, kind: 'vneid', date: '2026-12-01' } as Completion;
  const progress = progressOn({ date: DATE, sessions: [session], completions: [vneid, later] });
  const index = indexOf(residents, progress);

  test('status on the day: not yet reached, trained (attended a session) or confirmed on VNeID', () => {
    expect(names(index, '', { status: 'trained' })).toEqual(['Lý Văn Trẻ']);
    expect(names(index, '', { status: 'confirmed' })).toEqual(['Lý Văn Già']);
    // A confirmation dated after the day does not count yet.
    expect(names(index, '', { status: 'not_reached' })).toEqual(['Lý Bé Con', 'Lý Thị Trung', 'Lý Thị Vừa']);
  });

  test('age bands on the day, with under-18s apart (a birth date not yet reached this year counts)', () => {
    expect(names(index, '', { band: '18-35' })).toEqual(['Lý Văn Trẻ']);
    expect(names(index, '', { band: '36-59' })).toEqual(['Lý Thị Trung']);
    expect(names(index, '', { band: '60+' })).toEqual(['Lý Văn Già']);
    expect(names(index, '', { band: 'under18' })).toEqual(['Lý Bé Con', 'Lý Thị Vừa']);
  });

  test('group, status, band and text combine; the scope is the chosen group', () => {
    const inGroup = queryRoster(index, { text: '', groupId: 'to-1' });
    expect(inGroup).toMatchObject({ total: 4, scope: 4 });
    const r = queryRoster(index, { text: 'ly van', groupId: 'to-1', status: 'trained', band: '18-35' });
    expect(r.rows.map((x) => x.fullName)).toEqual(['Lý Văn Trẻ']);
    expect(r).toMatchObject({ total: 1, scope: 4 });
    expect(queryRoster(index, { text: 'trung', groupId: 'to-1' }).total).toBe(0);
    expect(queryRoster(index, { text: '' }).scope).toBe(5);
  });

  test('only the first page of matches is returned, with the full count', () => {
    const many = indexOf(
      Array.from({ length: 130 }, (_, i) => person(`Nguyễn Văn Số${String(i).padStart(3, '0')}`)),
    );
    const first = queryRoster(many, { text: 'nguyen' });
    expect(first.rows).toHaveLength(ROSTER_PAGE);
    expect(first.total).toBe(130);
    expect(first.rows[0]!.fullName).toBe('Nguyễn Văn Số000');
    const more = queryRoster(many, { text: 'nguyen' }, 200);
    expect(more.rows).toHaveLength(130);
    expect(more.rows[129]!.fullName).toBe('Nguyễn Văn Số129');
  });
});
