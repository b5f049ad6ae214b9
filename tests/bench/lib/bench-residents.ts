// Generated residents for the browser benches (roster search, B2): Vietnamese names spread
// deterministically over the row number, with a registration consent, valid under the shared schema.
import { newId } from '../../../src/shared';

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Ngọc', 'Thanh', 'Quang', 'Thu', 'Xuân'];
const GIVEN = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đức',
  'Giang',
  'Hà',
  'Hải',
  'Hoa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Minh',
  'Nam',
  'Nga',
  'Phúc',
  'Quân',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trang',
  'Tuấn',
  'Vân',
  'Yến',
];

/** The i-th generated resident of a ward's group. */
export function benchResident(i: number, wardCode: string, groupId: string) {
  const pick = <T>(list: T[], salt: number) => list[(i * 7919 + salt * 104729) % list.length]!;
  const stamp = '2026-11-01T00:00:00.000Z';
  return {
    id: newId(),
    wardCode,
    groupId,
    fullName: `${pick(FAMILY, 1)} ${pick(MIDDLE, 2)} ${pick(GIVEN, 3)}`,
    birthYear: 1930 + (i % 80),
    sex: i % 2 === 0 ? 'female' : 'male',
    consents: [
      {
        purpose: 'registration',
        askedBy: 'Bench',
        date: '2026-11-01',
        method: 'verbal',
        wordingVersion: 'v1',
      },
    ],
    createdAt: stamp,
    updatedAt: stamp,
    _deleted: false,
  };
}
