// Vietnamese catalogue of consent wording and withdrawal screens. Keys: 'consent.*' (merged into vi.ts).
export const viConsent = {} satisfies Record<string, string>;
