// English catalogue of consent wording and withdrawal screens. Keys: 'consent.*' (merged into en.ts). Same keys as vi-consent.ts.
import type { viConsent } from './vi-consent';

export const enConsent: Record<keyof typeof viConsent, string> = {};
