// Valid records to start tests from; each test changes one thing.
import type { Completion, Consent, Resident, TrainingSession } from '../../src/shared';

export function aConsent(overrides: Partial<Consent> = {}): Consent {
  return {
    purpose: 'registration',
    askedBy: 'Trần Văn Tư',
    date: '2026-11-20',
    method: 'verbal',
    wordingVersion: 'v1',
    ...overrides,
  };
}

export function aResident(overrides: Partial<Resident> = {}): Resident {
  return {
    id: '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b',
    wardCode: '99999',
    groupId: 'tdp-01',
    fullName: 'Nguyễn Thị Hoa',
    birthYear: 1958,
    sex: 'female',
    consents: [aConsent()],
    createdAt: '2026-11-20T03:15:00.000Z',
    updatedAt: '2026-11-20T03:15:00.000Z',
    ...overrides,
  };
}

export function aSession(overrides: Partial<TrainingSession> = {}): TrainingSession {
  return {
    id: '7a1c2e3d-4b5f-4a6e-9c8d-0e1f2a3b4c5d',
    wardCode: '99999',
    groupId: 'tdp-01',
    date: '2026-11-21',
    place: 'Nhà văn hoá tổ 1',
    format: 'class',
    skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
    trainers: ['Trần Văn Tư'],
    attendeeIds: ['3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b'],
    createdAt: '2026-11-21T02:00:00.000Z',
    updatedAt: '2026-11-21T02:00:00.000Z',
    ...overrides,
  };
}

export function aCompletion(overrides: Partial<Completion> = {}): Completion {
  return {
    id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
    wardCode: '99999',
    groupId: 'tdp-01',
    residentId: '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b',
    kind: 'vneid',
    date: '2026-11-22',
    vneid: {
      channel: 'vneid_app',
      courseName: 'Phổ cập kiến thức, kỹ năng số cơ bản',
      issuer: 'Bộ Khoa học và Công nghệ',
    },
    recordedBy: 'Trần Văn Tư',
    createdAt: '2026-11-22T02:00:00.000Z',
    updatedAt: '2026-11-22T02:00:00.000Z',
    ...overrides,
  };
}
