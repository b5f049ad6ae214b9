// Who uses this browser: the enrolled device's session and PIN, and an officer's sign-in session.
export { enrollDevice, reportErased, type EnrollInput } from './auth-api';
export { canHashPins, DEFAULT_PIN_ITERATIONS, type PinHashOptions, type PinVerifier } from './pin';
export {
  checkNewPin,
  createPinLock,
  saveNewPin,
  type PinChoiceProblem,
  type PinLock,
  type UnlockResult,
} from './pin-lock';
export { createSessionStore, type DeviceSession, type OfficerSession, type SessionStore } from './store';
