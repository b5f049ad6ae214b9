// English catalogue of the officer's privacy tab (data-subject requests, audit log). Keys: 'privacy.*' (merged into en.ts). Same keys as vi-privacy.ts.
import type { viPrivacy } from './vi-privacy';

export const enPrivacy: Record<keyof typeof viPrivacy, string> = {
  'privacy.tab': 'Privacy',
};
