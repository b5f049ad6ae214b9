// English catalogue of consent wording and withdrawal screens. Keys: 'consent.*' (merged into en.ts). Same keys as vi-consent.ts.
import type { viConsent } from './vi-consent';

export const enConsent: Record<keyof typeof viConsent, string> = {
  'consent.withdrawnBadge': 'Consent withdrawn — no further processing',
  'consent.withdrawnNote':
    'This person withdrew their consent to be recorded on {date}. No results, no VNeID confirmation and no new sessions for them. They are no longer counted in the figures.',
  'consent.giveAgain': 'Record consent again',
  'consent.giveAgainTitle': 'Record consent again: {name}',
  'consent.giveAgainHint':
    'This person withdrew their consent, so consent can only be recorded again if they themselves want it. The details below are read-only; they can be edited after saving.',
  'consent.noCompletion':
    'This person withdrew their consent, so no new result or VNeID confirmation can be recorded.',
  'consent.textLink': 'See the consent text',
  'consent.textTitle': 'Consent text',
  'consent.textIntro':
    'What is read to residents before their details are recorded, version by version. Each resident’s record keeps the version they heard. A published version is never edited; a change becomes a new version.',
  'consent.version': 'Version {version}',
  'consent.current': 'in use',
  'consent.adopted': 'In force from {date}',
  'consent.purpose.registration': 'Consent to be recorded for training and statistics',
  'consent.purpose.contact': 'Consent to keep a phone number for contact',
  'consent.langVi': 'Vietnamese',
  'consent.langEn': 'English',
  'consent.print': 'Print',
};
