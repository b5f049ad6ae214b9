// The shared coverage function against small wards computed by hand (DOMAIN.md "The numbers").
import { describe, expect, it } from 'vitest';
import {
  ageBand,
  ageOn,
  computeCoverage,
  DEFAULT_WARD_SETTINGS,
  mergedIntoMap,
  percent,
  personIdOf,
  progressOn,
  statusOf,
  targetFor,
  type Completion,
  type CoverageInput,
  type Resident,
  type ResidentialGroup,
  type TrainingSession,
} from '../../src/shared';
import { aCompletion, aConsent, aResident, aSession } from './fixtures';

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

const group = (id: string, adultPopulation?: ResidentialGroup['adultPopulation']): ResidentialGroup => ({
  id,
  wardCode: '99999',
  name: `Tổ ${id}`,
  kind: 'to_dan_pho',
  ...(adultPopulation ? { adultPopulation } : {}),
});
const person = (groupId: string, birthYear: number, sex: Resident['sex'] = 'female', birthDate?: string) =>
  aResident({ id: uuid(), groupId, birthYear, sex, ...(birthDate ? { birthDate } : {}) });
const session = (date: string, attendeeIds: string[]): TrainingSession =>
  aSession({ id: uuid(), date, attendeeIds });
const completion = (residentId: string, kind: Completion['kind'], date: string): Completion =>
  kind === 'vneid'
    ? aCompletion({ id: uuid(), residentId, kind, date })
    : aCompletion({
        id: uuid(),
        residentId,
        kind,
        date,
        skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
        vneid: undefined,
      });

function input(overrides: Partial<CoverageInput>): CoverageInput {
  return {
    date: '2026-11-23',
    settings: DEFAULT_WARD_SETTINGS,
    groups: [],
    residents: [],
    sessions: [],
    completions: [],
    ...overrides,
  };
}

describe('age and adulthood', () => {
  it('counts by year difference when only the birth year is known', () => {
    expect(ageOn({ birthYear: 2008 }, '2026-01-01')).toBe(18);
    expect(ageOn({ birthYear: 2009 }, '2026-12-31')).toBe(17);
  });

  it('uses the exact birthday when the date of birth is known', () => {
    expect(ageOn({ birthYear: 2008, birthDate: '2008-11-24' }, '2026-11-23')).toBe(17);
    expect(ageOn({ birthYear: 2008, birthDate: '2008-11-23' }, '2026-11-23')).toBe(18);
    expect(ageOn({ birthYear: 2008, birthDate: '2008-02-29' }, '2026-02-28')).toBe(17);
    expect(ageOn({ birthYear: 2008, birthDate: '2008-02-29' }, '2026-03-01')).toBe(18);
  });

  it('puts ages in the three bands', () => {
    expect([18, 35, 36, 59, 60, 95].map(ageBand)).toEqual(['18-35', '18-35', '36-59', '36-59', '60+', '60+']);
  });
});

describe('percent', () => {
  it('rounds to one decimal, half away from zero, never caps, and has no value without a denominator', () => {
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(1, 16)).toBe(6.3); // 6.25 → 6.3
    expect(percent(7, 5)).toBe(140);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('progress: who counts for K and V', () => {
  it('counts session attendance and any completion for K, only VNeID for V, dated on or before D', () => {
    const [a, b, c, d] = [uuid(), uuid(), uuid(), uuid()];
    const progress = progressOn({
      date: '2026-11-23',
      sessions: [session('2026-11-01', [a]), session('2026-11-24', [d])],
      completions: [completion(b, 'passed', '2026-10-01'), completion(c, 'vneid', '2026-11-23')],
    });
    expect(progress.get(a)).toEqual({ k: true, v: false });
    expect(progress.get(b)).toEqual({ k: true, v: false });
    expect(progress.get(c)).toEqual({ k: true, v: true });
    expect(progress.get(d)).toBeUndefined(); // the session is after D
    expect([progress.get(a), progress.get(c), progress.get(d)].map(statusOf)).toEqual([
      'trained',
      'confirmed',
      'not_reached',
    ]);
  });

  it('follows duplicate merges to the person, stopping on cycles', () => {
    const merged = new Map([
      ['x', 'y'],
      ['y', 'z'],
      ['p', 'q'],
      ['q', 'p'],
    ]);
    expect(personIdOf('x', merged)).toBe('z');
    expect(personIdOf('z', merged)).toBe('z');
    expect(['p', 'q']).toContain(personIdOf('p', merged));
  });
});

describe('computeCoverage', () => {
  it('a group with an entered denominator: counts, percentages, target and gap', () => {
    // 4 adults (two 60+), 1 minor; A attended a session, B passed, C confirmed on VNeID, D not reached.
    const A = person('g1', 1990, 'female');
    const B = person('g1', 1960, 'male');
    const C = person('g1', 1950, 'female');
    const D = person('g1', 2000, 'male');
    const minor = person('g1', 2010, 'female');
    const result = computeCoverage(
      input({
        groups: [group('g1', { count: 5, source: 'Sổ hộ khẩu', asOf: '2026-10-01' })],
        residents: [A, B, C, D, minor],
        sessions: [session('2026-11-10', [A.id, minor.id])],
        completions: [completion(B.id, 'passed', '2026-11-11'), completion(C.id, 'vneid', '2026-11-12')],
      }),
    );
    const g = result.groups[0]!;
    expect(g.registeredAdults).toBe(4);
    expect(g.denominator).toBe(5);
    expect(g.denominatorSource).toBe('entered');
    expect(g.denominatorNote).toEqual({ source: 'Sổ hộ khẩu', asOf: '2026-10-01' });
    // K = A, B, C (the minor attended but is not an adult) = 3/5 = 60 %; target 100 % in 2026 → 5, gap 2.
    expect(g.K).toMatchObject({ count: 3, percent: 60, targetCount: 5, gap: 2, overFull: false });
    expect(g.V).toMatchObject({ count: 1, percent: 20, targetCount: 5, gap: 4 });
    expect(g.K.target).toEqual({ year: 2026, indicator: 'K', kind: 'percent', value: 100 });
    expect(g.byAgeBand).toEqual({
      '18-35': { adults: 1, k: 0, v: 0 }, // D, 26
      '36-59': { adults: 1, k: 1, v: 0 }, // A, 36
      '60+': { adults: 2, k: 2, v: 1 },
    });
    expect(g.bySex).toEqual({ female: { adults: 2, k: 2, v: 1 }, male: { adults: 2, k: 1, v: 0 } });
    expect(g.notReached).toEqual([D.id]);
  });

  it('falls back to registered adults when no figure is entered, and says so', () => {
    const A = person('g1', 1980);
    const B = person('g1', 1981);
    const result = computeCoverage(
      input({
        groups: [group('g1')],
        residents: [A, B],
        completions: [completion(A.id, 'trained', '2026-11-01')],
      }),
    );
    expect(result.groups[0]).toMatchObject({ denominator: 2, denominatorSource: 'registered' });
    expect(result.groups[0]!.K).toMatchObject({ count: 1, percent: 50, targetCount: 2, gap: 1 });
  });

  it('shows more than 100 % when the entered figure is stale, flagged and never capped', () => {
    const people = [person('g1', 1980), person('g1', 1970), person('g1', 1960)];
    const result = computeCoverage(
      input({
        groups: [group('g1', { count: 2, source: 'cũ', asOf: '2020-01-01' })],
        residents: people,
        completions: people.map((p) => completion(p.id, 'trained', '2026-01-05')),
      }),
    );
    expect(result.groups[0]!.K).toMatchObject({ count: 3, percent: 150, gap: 0, overFull: true });
  });

  it('ward totals are sums over sums, not averages of percentages', () => {
    // g1: 1 of 2 registered (50 %); g2: 1 of an entered 8 (12.5 %). The average would be 31.3 %;
    // the ward is 2 of 10 = 20 %.
    const g1 = [person('g1', 1980), person('g1', 1980)];
    const g2 = person('g2', 1970);
    const result = computeCoverage(
      input({
        groups: [group('g1'), group('g2', { count: 8, source: 'x', asOf: '2026-01-01' })],
        residents: [...g1, g2],
        completions: [
          completion(g1[0]!.id, 'trained', '2026-02-01'),
          completion(g2.id, 'passed', '2026-02-01'),
        ],
      }),
    );
    expect(result.groups.map((g) => g.K.percent)).toEqual([50, 12.5]);
    expect(result.ward.denominator).toBe(10);
    expect(result.ward.denominatorSource).toBe('mixed');
    expect(result.ward.K).toMatchObject({ count: 2, percent: 20, targetCount: 10, gap: 8 });
    expect(result.ward.registeredAdults).toBe(3);
  });

  it('counts a person registered twice once after a merge, with completions of both records', () => {
    const A = person('g1', 1975);
    const A2 = person('g1', 1975);
    const result = computeCoverage(
      input({
        groups: [group('g1')],
        residents: [A, A2],
        completions: [completion(A2.id, 'vneid', '2026-06-01')],
        mergedInto: new Map([[A2.id, A.id]]),
      }),
    );
    expect(result.groups[0]).toMatchObject({ registeredAdults: 1, denominator: 1 });
    expect(result.groups[0]!.V).toMatchObject({ count: 1, percent: 100 });
  });

  it('people turning 18 count from the reporting date they are adults on', () => {
    const teen = person('g1', 2008, 'male', '2008-12-01');
    const at = (date: string) =>
      computeCoverage(input({ date, groups: [group('g1')], residents: [teen] })).groups[0]!.registeredAdults;
    expect(at('2026-11-30')).toBe(0);
    expect(at('2026-12-01')).toBe(1);
  });

  it('uses the ward adult age and its own targets: percentage and absolute count', () => {
    const people = [person('g1', 2010), person('g1', 1980)];
    const settings = {
      adultAge: 16,
      targets: [
        { year: 2026, indicator: 'K' as const, kind: 'percent' as const, value: 80 },
        { year: 2026, indicator: 'V' as const, kind: 'count' as const, value: 1 },
      ],
    };
    const result = computeCoverage(
      input({
        settings,
        groups: [group('g1')],
        residents: people,
        completions: [completion(people[0]!.id, 'vneid', '2026-03-01')],
      }),
    );
    const g = result.groups[0]!;
    expect(g.registeredAdults).toBe(2); // the 16-year-old is an adult under this ward's setting
    expect(g.K).toMatchObject({ count: 1, percent: 50, targetCount: 2, gap: 1 }); // ceil(2 × 80 %) = 2
    expect(g.V).toMatchObject({ count: 1, targetCount: null, gap: null }); // count targets are ward-wide
    expect(result.ward.V).toMatchObject({ count: 1, targetCount: 1, gap: 0 });
  });

  it('defaults targets to 80 % up to 2025 and 100 % from 2026', () => {
    expect(targetFor(DEFAULT_WARD_SETTINGS, 2025, 'V').value).toBe(80);
    expect(targetFor(DEFAULT_WARD_SETTINGS, 2026, 'K').value).toBe(100);
  });

  it('ignores residents of groups it was not given, and a ward without groups has no percentage', () => {
    const result = computeCoverage(input({ groups: [], residents: [person('gX', 1980)] }));
    expect(result.groups).toEqual([]);
    expect(result.ward).toMatchObject({ denominator: 0, registeredAdults: 0 });
    expect(result.ward.K.percent).toBeNull();
  });
});

describe('withdrawn registration consent (docs/privacy.md C2): counted like a deleted record', () => {
  const withdraw = (r: Resident): Resident => ({
    ...r,
    consents: [aConsent({ withdrawnOn: '2026-11-01' }), aConsent({ purpose: 'contact' })],
  });

  it('is neither an adult, nor K, nor V, nor on the not-reached list', () => {
    // A (K) and B (not reached) count; W withdrew after a VNeID confirmation and Z withdrew unreached.
    const A = person('g1', 1980);
    const B = person('g1', 1985);
    const W = withdraw(person('g1', 1950));
    const Z = withdraw(person('g1', 1990, 'male'));
    const result = computeCoverage(
      input({
        groups: [group('g1')],
        residents: [A, B, W, Z],
        sessions: [session('2026-10-01', [A.id, W.id])],
        completions: [completion(W.id, 'vneid', '2026-10-02')],
      }),
    );
    const g = result.groups[0]!;
    expect(g).toMatchObject({ registeredAdults: 2, denominator: 2, notReachedCount: 1 });
    expect(g.K).toMatchObject({ count: 1, percent: 50 });
    expect(g.V).toMatchObject({ count: 0, percent: 0 });
    expect(g.bySex.male).toEqual({ adults: 0, k: 0, v: 0 });
    expect(g.notReached).toEqual([B.id]);
  });

  it('a withdrawn duplicate merged into a person gives that person nothing; the person still counts', () => {
    const A = person('g1', 1975);
    const A2 = { ...withdraw(person('g1', 1975)), mergedInto: A.id };
    const residents = [A, A2];
    const result = computeCoverage(
      input({
        groups: [group('g1')],
        residents,
        completions: [completion(A2.id, 'vneid', '2026-06-01')],
        mergedInto: mergedIntoMap(residents),
      }),
    );
    expect(mergedIntoMap(residents).size).toBe(0); // the withdrawn record's merge is not followed
    expect(result.groups[0]).toMatchObject({ registeredAdults: 1, notReached: [A.id] });
    expect(result.groups[0]!.K.count).toBe(0);
  });

  it('records merged INTO a withdrawn record count for nobody; consent given again counts them again', () => {
    // B → W; W withdrew. B's completion follows the merge to W, who is not counted (as if W were deleted).
    const W = withdraw(person('g1', 1960));
    const B = { ...person('g1', 1960), mergedInto: W.id };
    const completions = [completion(B.id, 'passed', '2026-05-01')];
    const at = (residents: Resident[]) =>
      computeCoverage(
        input({ groups: [group('g1')], residents, completions, mergedInto: mergedIntoMap(residents) }),
      ).groups[0]!;
    expect(at([W, B])).toMatchObject({ registeredAdults: 0, notReached: [] });
    // W gives consent again (a new registration entry; the withdrawn one stays as history).
    const again = { ...W, consents: [...W.consents, aConsent({ date: '2026-11-10' })] };
    expect(at([again, B])).toMatchObject({ registeredAdults: 1, notReached: [] });
    expect(at([again, B]).K.count).toBe(1);
  });
});
