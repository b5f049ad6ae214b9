// A residential group (tổ dân phố, thôn, ấp, bản, khu phố) inside a ward. Managed by officers;
// devices only pull them. Local ids, because there is no national code and groups get renamed and merged.
import { z } from 'zod/mini';
import { groupIdSchema, text, wardCodeSchema } from './common';

export const GROUP_KINDS = ['to_dan_pho', 'thon', 'ap', 'ban', 'khu_pho'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const groupSchema = z.strictObject({
  id: groupIdSchema,
  wardCode: wardCodeSchema,
  name: text(1, 120, 'groupName'),
  kind: z.enum(GROUP_KINDS),
});
export type ResidentialGroup = z.infer<typeof groupSchema>;
