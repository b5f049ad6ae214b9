// The device's calls to /v1/auth: enrol with an invitation code, and report an erasure. Answers are
// parsed with the shared contract; failures stay ApiErrors for the screens to explain.
import { z } from 'zod/mini';
import { enrollResponseSchema, normaliseInvitationCode, type EnrollResponse } from '../../shared';
import type { ApiHttp } from '../api';
import type { DeviceSession } from './store';

export interface EnrollInput {
  code: string;
  appVersion: string;
  deviceLabel?: string;
}

export async function enrollDevice(http: ApiHttp, input: EnrollInput): Promise<DeviceSession> {
  const code = normaliseInvitationCode(input.code);
  if (!code) throw new Error('enrollDevice needs a well-formed invitation code');
  const body = {
    code,
    appVersion: input.appVersion,
    ...(input.deviceLabel ? { deviceLabel: input.deviceLabel } : {}),
  };
  const answer: EnrollResponse = await http.post('/v1/auth/enroll', body, enrollResponseSchema);
  return {
    deviceId: answer.deviceId,
    deviceToken: answer.deviceToken,
    account: answer.account,
    ward: answer.ward,
  };
}

const anyAnswer = z.unknown();

/** Tells the server this device erased itself and how many records it still held unsynced. */
export async function reportErased(http: ApiHttp, unsyncedCount: number): Promise<void> {
  await http.post('/v1/auth/device/erased', { unsyncedCount }, anyAnswer);
}
