// Vietnamese catalogue of the officer's privacy tab (data-subject requests, audit log). Keys: 'privacy.*' (merged into vi.ts).
export const viPrivacy = {
  'privacy.tab': 'Quyền riêng tư',
} satisfies Record<string, string>;
