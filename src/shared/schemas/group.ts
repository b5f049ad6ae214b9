// A residential group (tổ dân phố, thôn, ấp, bản, khu phố) inside a ward. Managed by officers;
// devices only pull them. Local ids, because there is no national code and groups get renamed and merged.
import { z } from 'zod/mini';
import { dateSchema, groupIdSchema, text, wardCodeSchema } from './common';

export const GROUP_KINDS = ['to_dan_pho', 'thon', 'ap', 'ban', 'khu_pho'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** The coverage denominator an officer entered: adults living in the group, with where the figure came from. */
export const adultPopulationSchema = z.strictObject({
  count: z.int({ error: 'adultPopulation.invalid' }).check(z.gte(0), z.lte(10_000_000)),
  source: text(1, 200, 'adultPopulation.source'),
  asOf: dateSchema,
});
export type AdultPopulation = z.infer<typeof adultPopulationSchema>;

export const groupSchema = z.strictObject({
  id: groupIdSchema,
  wardCode: wardCodeSchema,
  name: text(1, 120, 'groupName'),
  kind: z.enum(GROUP_KINDS),
  adultPopulation: z.optional(adultPopulationSchema),
});
export type ResidentialGroup = z.infer<typeof groupSchema>;
