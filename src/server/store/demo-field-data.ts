// The demo ward's field data: residents with consents, training sessions and completions, made the same
// way every time (a fixed pseudo-random sequence and ids derived from counters), so seeding is repeatable.
import type {
  Completion,
  Consent,
  Resident,
  ResidentialGroup,
  SkillRef,
  TrainingSession,
  VneidEvidence,
} from '../../shared';

export interface DemoFieldData {
  residents: Resident[];
  sessions: TrainingSession[];
  completions: Completion[];
}

/** Demo volunteers of each group (Tổ công nghệ số cộng đồng): who asked consent, taught and recorded. */
export const DEMO_VOLUNTEERS: Readonly<Record<string, readonly [string, string]>> = {
  'tdp-01': ['Phạm Văn Hùng', 'Lê Thị Mai'],
  'tdp-02': ['Trần Thị Thu Hà', 'Nguyễn Đức Anh'],
  'tdp-03': ['Vũ Thị Bích', 'Hoàng Văn Nam'],
  'tdp-04': ['Đỗ Thị Hồng', 'Bùi Quang Huy'],
  'tdp-05': ['Ngô Thị Lệ', 'Đặng Văn Tùng'],
};

/** Residents registered per demo group, in group order. */
const RESIDENTS_PER_GROUP = [18, 22, 16, 25, 20];

const DEMO_OFFICER_NAME = 'Nguyễn Thị Lan (cán bộ demo)';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Phan'];
const MIDDLE = {
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Hồng', 'Thị Thu', 'Thị Kim'],
  male: ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Hữu', 'Quang', 'Công', 'Xuân', 'Trọng'],
} as const;
const GIVEN = {
  female: ['Hoa', 'Lan', 'Hương', 'Mai', 'Hạnh', 'Nga', 'Hằng', 'Thảo', 'Yến', 'Loan', 'Phương', 'Dung'],
  male: ['Hùng', 'Dũng', 'Tuấn', 'Nam', 'Sơn', 'Thắng', 'Long', 'Hải', 'Cường', 'Bình', 'Khánh', 'Phúc'],
} as const;

const FIVE_SKILLS = (codes: string[]): SkillRef[] =>
  codes.map((code) => ({ catalogue: '5-ky-nang', version: '2024', code }));
const KHUNG_757 = (codes: string[]): SkillRef[] =>
  codes.map((code) => ({ catalogue: 'khung-757', version: '1.0', code }));

/** A UUID v4-shaped id from a counter: `de00000K-0000-4000-8000-<n in hex>`, K = 1 resident, 2 session, 3 completion. */
export function demoId(kind: 1 | 2 | 3, n: number): string {
  return `de00000${kind}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** mulberry32: a small deterministic generator, so the demo is the same on every server. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof generator>;

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-MM-DD, `days` after 1 September 2026. */
function dayAfterSeptember(days: number): string {
  return new Date(Date.UTC(2026, 8, 1 + days)).toISOString().slice(0, 10);
}

/** An instant on that day, during office hours in Vietnam (UTC+7). */
function at(date: string, rng: Rng): string {
  return `${date}T${pad(rng.int(1, 10))}:${pad(rng.int(0, 59))}:00.000Z`;
}

interface Counters {
  resident: number;
  session: number;
  completion: number;
}

/** The demo field data of these groups (the demo ward's live groups), the same on every call. */
export function demoFieldData(groups: readonly ResidentialGroup[]): DemoFieldData {
  const out: DemoFieldData = { residents: [], sessions: [], completions: [] };
  const counters: Counters = { resident: 0, session: 0, completion: 0 };
  const names = new Set<string>();
  const known = groups.filter((g) => DEMO_VOLUNTEERS[g.id] !== undefined);
  for (const group of known) {
    const index = Number(group.id.slice(-2)) - 1;
    const rng = generator(0x5eed + index * 7919);
    // Counters are per group ranges, so a deleted group does not shift the ids of the others.
    counters.resident = index * 100;
    counters.session = index * 100;
    counters.completion = index * 100;
    // Names are unique in the ward (ward-wide, so a deleted group would change later groups' names:
    // harmless, since records already held are never rewritten).
    const data = groupData(group, RESIDENTS_PER_GROUP[index] ?? 15, index, rng, counters, names);
    out.residents.push(...data.residents);
    out.sessions.push(...data.sessions);
    out.completions.push(...data.completions);
  }
  addDemoDuplicate(out);
  return out;
}

/**
 * One person registered twice in Tổ 1 (by the other volunteer, weeks later, with a training recorded on
 * the second record): the duplicate review has something to show. Ids from the end of Tổ 1's range.
 */
function addDemoDuplicate(out: DemoFieldData): void {
  const adults = out.residents.filter((r) => r.groupId === 'tdp-01' && r.birthYear <= 2000);
  const first = adults[2];
  if (first === undefined) return;
  const [a, b] = DEMO_VOLUNTEERS['tdp-01']!;
  const other = first.consents[0]?.askedBy === a ? b : a;
  const createdAt = '2026-11-10T02:15:00.000Z';
  const twin: Resident = {
    id: demoId(1, 99),
    wardCode: first.wardCode,
    groupId: first.groupId,
    fullName: first.fullName,
    birthYear: first.birthYear,
    sex: first.sex,
    consents: [{ ...first.consents[0]!, askedBy: other, date: '2026-11-10' }],
    createdAt,
    updatedAt: createdAt,
  };
  out.residents.push(twin);
  out.completions.push({
    id: demoId(3, 99),
    wardCode: twin.wardCode,
    groupId: twin.groupId,
    residentId: twin.id,
    kind: 'trained',
    date: '2026-11-10',
    skills: KHUNG_757(['1.1']),
    recordedBy: other,
    createdAt,
    updatedAt: createdAt,
  });
}

function groupData(
  group: ResidentialGroup,
  count: number,
  index: number,
  rng: Rng,
  counters: Counters,
  names: Set<string>,
): DemoFieldData {
  const volunteers = DEMO_VOLUNTEERS[group.id]!;
  const residents: Resident[] = [];
  for (let i = 0; i < count; i++) residents.push(resident(group, i, volunteers, rng, counters, names));
  const adults = residents.filter((r) => 2026 - r.birthYear >= 18);
  const registeredBy = (date: string) => adults.filter((r) => r.createdAt.slice(0, 10) <= date);
  const sample = (list: Resident[], share: number) => list.filter(() => rng.chance(share));

  const firstClass = dayAfterSeptember(39 + index); // 10–14 October
  const homeVisit = dayAfterSeptember(47 + index); // 18–22 October
  const secondClass = dayAfterSeptember(67 + index); // 7–11 November
  const place = `Nhà văn hoá tổ dân phố ${index + 1}`;
  const seniors = registeredBy(homeVisit).filter((r) => 2026 - r.birthYear >= 60);
  const visited = seniors.slice(0, rng.int(1, 3));
  const specs: SessionSpec[] = [
    {
      date: firstClass,
      place,
      format: 'class',
      skills: FIVE_SKILLS(['1', '3', '4']),
      trainers: volunteers,
      attendees: sample(registeredBy(firstClass), 0.4),
    },
    ...(visited[0] === undefined
      ? []
      : [
          {
            date: homeVisit,
            place: `Tại nhà ${visited[0].sex === 'male' ? 'ông' : 'bà'} ${visited[0].fullName}`,
            format: 'home_visit' as const,
            skills: [...KHUNG_757(['0.1', '0.2']), ...FIVE_SKILLS(['1'])],
            trainers: [volunteers[index % 2]!],
            attendees: visited,
          },
        ]),
    {
      date: secondClass,
      place,
      format: 'class',
      skills: KHUNG_757(['1.1', '1.2', '1.3']),
      trainers: volunteers,
      attendees: sample(registeredBy(secondClass), 0.3),
      notes: 'Người dân mang theo điện thoại đã cài VNeID để được hướng dẫn trực tiếp.',
    },
  ];
  const sessions = specs.map((spec) => session(counters, group, spec, at(spec.date, rng)));
  const lastClass = sessions.at(-1)!;

  const attended = new Set(sessions.flatMap((s) => s.attendeeIds));
  const completions: Completion[] = [];
  for (const r of adults) {
    const recorder = volunteers[completions.length % 2]!;
    if (attended.has(r.id) && rng.chance(0.45)) {
      completions.push(vneid(counters, r, dayAfterSeptember(rng.int(72, 80)), recorder, rng));
    } else if (lastClass.attendeeIds.includes(r.id) && rng.chance(0.4)) {
      completions.push(
        other(counters, r, 'passed', secondClass, KHUNG_757(['1.1', '1.2', '1.3']), recorder, rng),
      );
    } else if (!attended.has(r.id) && rng.chance(0.2)) {
      const date = dayAfterSeptember(rng.int(50, 75));
      const trained = other(counters, r, 'trained', date, FIVE_SKILLS(['1', '3']), recorder, rng);
      trained.notes = 'Hướng dẫn tại bộ phận một cửa của phường khi người dân đến làm thủ tục.';
      completions.push(trained);
    }
  }
  return { residents, sessions, completions };
}

function resident(
  group: ResidentialGroup,
  i: number,
  volunteers: readonly [string, string],
  rng: Rng,
  counters: Counters,
  names: Set<string>,
): Resident {
  const sex = rng.chance(0.55) ? 'female' : 'male';
  let fullName: string;
  do {
    fullName = `${rng.pick(FAMILY)} ${rng.pick(MIDDLE[sex])} ${rng.pick(GIVEN[sex])}`.normalize('NFC');
  } while (names.has(fullName));
  names.add(fullName);
  // A few teenagers (not yet counted as adults), about a third aged 60 or more, the rest in between.
  const birthYear =
    i % 9 === 4 ? rng.int(2009, 2010) : rng.chance(0.35) ? rng.int(1940, 1966) : rng.int(1967, 2008);
  const registered = dayAfterSeptember(rng.int(4, 44));
  const consent: Consent = {
    purpose: 'registration',
    askedBy: volunteers[i % 2]!,
    date: registered,
    method: 'verbal',
    wordingVersion: 'v1',
  };
  const created = at(registered, rng);
  const doc: Resident = {
    id: demoId(1, ++counters.resident),
    wardCode: group.wardCode,
    groupId: group.id,
    fullName,
    birthYear,
    sex,
    consents: [consent],
    createdAt: created,
    updatedAt: created,
  };
  if (rng.chance(0.25)) doc.birthDate = `${birthYear}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`;
  if (rng.chance(0.3)) {
    doc.phone = `0${rng.pick(['9', '8', '3', '7'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    doc.consents = [consent, { ...consent, purpose: 'contact' }];
  }
  if (rng.chance(0.4)) doc.citizenIdLast4 = String(rng.int(0, 9999)).padStart(4, '0');
  return doc;
}

interface SessionSpec {
  date: string;
  place: string;
  format: TrainingSession['format'];
  skills: SkillRef[];
  trainers: readonly string[];
  attendees: readonly Resident[];
  notes?: string;
}

function session(
  counters: Counters,
  group: ResidentialGroup,
  spec: SessionSpec,
  created: string,
): TrainingSession {
  return {
    id: demoId(2, ++counters.session),
    wardCode: group.wardCode,
    groupId: group.id,
    date: spec.date,
    place: spec.place,
    format: spec.format,
    skills: spec.skills,
    trainers: [...spec.trainers],
    attendeeIds: spec.attendees.map((r) => r.id),
    ...(spec.notes === undefined ? {} : { notes: spec.notes }),
    createdAt: created,
    updatedAt: created,
  };
}

const EVIDENCE: readonly VneidEvidence[] = [
  {
    channel: 'vneid_app',
    courseName: 'Phổ cập kiến thức, kỹ năng số cơ bản',
    issuer: 'Bộ Khoa học và Công nghệ',
  },
  {
    channel: 'platform_certificate',
    courseName: 'Bình dân học vụ số — Kỹ năng số cơ bản',
    issuer: 'Nền tảng Bình dân học vụ số',
  },
  { channel: 'resident_word' },
];

function vneid(counters: Counters, r: Resident, date: string, recordedBy: string, rng: Rng): Completion {
  const roll = rng.next();
  const evidence = roll < 0.6 ? EVIDENCE[0]! : roll < 0.85 ? EVIDENCE[1]! : EVIDENCE[2]!;
  const created = at(date, rng);
  const c: Completion = {
    id: demoId(3, ++counters.completion),
    wardCode: r.wardCode,
    groupId: r.groupId,
    residentId: r.id,
    kind: 'vneid',
    date,
    vneid:
      evidence.channel === 'platform_certificate'
        ? { ...evidence, recordNumber: `BDHVS-2026-${String(rng.int(10000, 99999))}` }
        : { ...evidence },
    recordedBy,
    createdAt: created,
    updatedAt: created,
  };
  if (evidence.channel !== 'resident_word' && rng.chance(0.3)) {
    c.verifiedBy = DEMO_OFFICER_NAME;
    c.verifiedAt = at('2026-11-20', rng);
    c.updatedAt = c.verifiedAt;
  }
  return c;
}

function other(
  counters: Counters,
  r: Resident,
  kind: 'trained' | 'passed',
  date: string,
  skills: SkillRef[],
  recordedBy: string,
  rng: Rng,
): Completion {
  const created = at(date, rng);
  return {
    id: demoId(3, ++counters.completion),
    wardCode: r.wardCode,
    groupId: r.groupId,
    residentId: r.id,
    kind,
    date,
    skills,
    recordedBy,
    createdAt: created,
    updatedAt: created,
  };
}
