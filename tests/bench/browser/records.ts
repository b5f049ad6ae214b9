// Bench harness (browser side): valid resident and completion records of one ward, shaped like
// tests/helpers/server.ts makeResident / makeCompletion (which is Node-only) but varied the way a real
// ward's are (names, ages, optional phone and second consent, three kinds of completion). Every record
// is checked against the shared zod schema, so it is exactly what the server would send in a pull.
import {
  completionSchema,
  newId,
  residentSchema,
  type Completion,
  type Resident,
  type SkillRef,
} from '../../../src/shared';

export const BENCH_WARD = '99999';
export const BENCH_GROUPS = ['tdp-01', 'tdp-02', 'tdp-03', 'tdp-04', 'tdp-05'] as const;
export const BENCH_ACTOR = { id: 'acc-bench-volunteer', name: 'Trần Văn Tư' };

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quang', 'Thu', 'Xuân'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hoa', 'Hùng', 'Hương', 'Lan', 'Yến'];
const SKILLS: SkillRef[] = ['0.1', '0.2', '1.1', '1.2', '1.3'].map((code) => ({
  catalogue: 'khung-757',
  version: '1.0',
  code,
}));

const pick = <T>(list: readonly T[], i: number, salt: number): T =>
  list[(i * 7919 + salt * 104729) % list.length]!;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function check<T>(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, doc: T): T {
  const parsed = schema.safeParse(doc);
  if (!parsed.success)
    throw new Error(`bench record fails the shared schema: ${JSON.stringify(parsed.error)}`);
  return doc;
}

export function benchResident(i: number): Resident {
  const day = `2026-0${1 + (i % 6)}-${pad(1 + (i % 28), 2)}`;
  const stamp = `${day}T0${i % 10}:${pad(i % 60, 2)}:00.000Z`;
  const withPhone = i % 2 === 0;
  const consents: Resident['consents'] = [
    { purpose: 'registration', askedBy: BENCH_ACTOR.name, date: day, method: 'verbal', wordingVersion: 'v1' },
  ];
  if (withPhone) consents.push({ ...consents[0]!, purpose: 'contact' });
  const birthYear = 1940 + (i % 66);
  return check(residentSchema, {
    id: newId(),
    wardCode: BENCH_WARD,
    groupId: BENCH_GROUPS[i % BENCH_GROUPS.length]!,
    fullName: `${pick(FAMILY, i, 1)} ${pick(MIDDLE, i, 2)} ${pick(GIVEN, i, 3)}`,
    birthYear,
    ...(i % 3 === 0 ? { birthDate: `${birthYear}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}` } : {}),
    sex: i % 2 === 0 ? 'female' : 'male',
    ...(withPhone ? { phone: `09${pad((i * 7919) % 100_000_000, 8)}` } : {}),
    ...(i % 4 === 0 ? { citizenIdLast4: pad(i % 10_000, 4) } : {}),
    consents,
    createdAt: stamp,
    updatedAt: stamp,
  });
}

/** The k-th completion of a resident: trained, passed, or a VNeID confirmation (one in three). */
export function benchCompletion(resident: Resident, k: number): Completion {
  const day = `2026-0${1 + (k % 6)}-${pad(1 + ((k * 5) % 28), 2)}`;
  const stamp = `${day}T08:${pad(k % 60, 2)}:00.000Z`;
  const kind = (['trained', 'passed', 'vneid'] as const)[k % 3]!;
  return check(completionSchema, {
    id: newId(),
    wardCode: resident.wardCode,
    groupId: resident.groupId,
    residentId: resident.id,
    kind,
    date: day,
    ...(kind === 'vneid'
      ? {
          vneid: {
            channel: 'vneid_app',
            courseName: 'Phổ cập kiến thức, kỹ năng số cơ bản',
            issuer: 'Bộ Khoa học và Công nghệ',
          },
        }
      : { skills: SKILLS.slice(0, 1 + (k % SKILLS.length)) }),
    recordedBy: BENCH_ACTOR.name,
    recordedById: BENCH_ACTOR.id,
    createdAt: stamp,
    updatedAt: stamp,
  });
}

export const SESSION_SKILLS = SKILLS.slice(0, 2);

/** UTF-8 bytes of the records as JSON: the B10 baseline. */
export function jsonBytes(records: readonly unknown[]): number {
  const encoder = new TextEncoder();
  return records.reduce<number>((sum, r) => sum + encoder.encode(JSON.stringify(r)).length, 0);
}
