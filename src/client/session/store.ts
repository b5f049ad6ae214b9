// What this browser remembers about who uses it, in idb-keyval: the enrolled device's session (token,
// account, ward), its PIN verifier and wrong-PIN throttle, and an officer's sign-in session.
// Everything read back is parsed: it may have been written by an older version of the app.
import { z } from 'zod/mini';
import { accountSchema, enrollResponseSchema } from '../../shared';
import type { KeyValue } from '../db';
import { pinThrottleSchema, NO_THROTTLE, type PinThrottle } from './pin-throttle';
import { pinVerifierSchema, type PinVerifier } from './pin';

/** What enrollment answered is exactly what the device keeps. */
export const deviceSessionSchema = enrollResponseSchema;
export type DeviceSession = z.infer<typeof deviceSessionSchema>;

export const officerSessionSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  account: accountSchema,
  /** Signed in with a one-time password: nothing works until it is changed. */
  mustChangePassword: z.optional(z.boolean()),
});
export type OfficerSession = z.infer<typeof officerSessionSchema>;

const KEYS = {
  device: 'device.session',
  pin: 'device.pinVerifier',
  throttle: 'device.pinThrottle',
  officer: 'officer.session',
} as const;

export interface SessionStore {
  loadDevice(): Promise<DeviceSession | null>;
  saveDevice(session: DeviceSession): Promise<void>;
  loadPinVerifier(): Promise<PinVerifier | null>;
  savePinVerifier(verifier: PinVerifier): Promise<void>;
  loadThrottle(): Promise<PinThrottle>;
  saveThrottle(throttle: PinThrottle): Promise<void>;
  /** Forgets the device session, its PIN verifier and throttle (sign-out and erase, revocation). */
  forgetDevice(): Promise<void>;
  loadOfficer(): Promise<OfficerSession | null>;
  saveOfficer(session: OfficerSession): Promise<void>;
  forgetOfficer(): Promise<void>;
}

export function createSessionStore(kv: KeyValue): SessionStore {
  async function load<T>(key: string, schema: z.ZodMiniType<T>): Promise<T | null> {
    const parsed = schema.safeParse(await kv.get<unknown>(key));
    return parsed.success ? parsed.data : null;
  }
  return {
    loadDevice: () => load(KEYS.device, deviceSessionSchema),
    saveDevice: (session) => kv.set(KEYS.device, session),
    loadPinVerifier: () => load(KEYS.pin, pinVerifierSchema),
    savePinVerifier: (verifier) => kv.set(KEYS.pin, verifier),
    loadThrottle: async () => (await load(KEYS.throttle, pinThrottleSchema)) ?? NO_THROTTLE,
    saveThrottle: (throttle) => kv.set(KEYS.throttle, throttle),
    async forgetDevice() {
      await kv.set(KEYS.device, null);
      await kv.set(KEYS.pin, null);
      await kv.set(KEYS.throttle, null);
    },
    loadOfficer: () => load(KEYS.officer, officerSessionSchema),
    saveOfficer: (session) => kv.set(KEYS.officer, session),
    forgetOfficer: () => kv.set(KEYS.officer, null),
  };
}
