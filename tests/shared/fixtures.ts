// Valid records to start tests from; each test changes one thing.
import type { Resident } from '../../src/shared';

export function aResident(overrides: Partial<Resident> = {}): Resident {
  return {
    id: '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b',
    wardCode: '99999',
    groupId: 'tdp-01',
    fullName: 'Nguyễn Thị Hoa',
    birthYear: 1958,
    sex: 'female',
    createdAt: '2026-11-20T03:15:00.000Z',
    updatedAt: '2026-11-20T03:15:00.000Z',
    ...overrides,
  };
}
