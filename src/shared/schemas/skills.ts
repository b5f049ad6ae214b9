// A reference to one skill of one version of a skill catalogue (see src/shared/catalogue.ts). Sessions
// and completions store these, so a record always says which catalogue, version and skill it meant.
import { z } from 'zod/mini';

export const catalogueIdSchema = z
  .string({ error: 'catalogue.invalid' })
  .check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'catalogue.invalid' }));

export const catalogueVersionSchema = z
  .string({ error: 'catalogue.invalid' })
  .check(z.regex(/^[0-9A-Za-z.-]{1,20}$/, { error: 'catalogue.invalid' }));

export const skillCodeSchema = z
  .string({ error: 'skill.invalid' })
  .check(z.regex(/^[0-9A-Za-z.-]{1,20}$/, { error: 'skill.invalid' }));

export const skillRefSchema = z.strictObject({
  catalogue: catalogueIdSchema,
  version: catalogueVersionSchema,
  code: skillCodeSchema,
});
export type SkillRef = z.infer<typeof skillRefSchema>;

export const SKILLS_MAX = 60;

/** One or more skills, no repeats. */
export const skillListSchema = z.array(skillRefSchema, { error: 'skills.required' }).check(
  z.minLength(1, { error: 'skills.required' }),
  z.maxLength(SKILLS_MAX, { error: 'skills.tooMany' }),
  z.refine((list) => new Set(list.map(skillKey)).size === list.length, { error: 'skills.repeated' }),
);

/** "catalogue@version:code", e.g. "khung-757@1.0:1.1" — a stable key for sets and maps. */
export function skillKey(ref: SkillRef): string {
  return `${ref.catalogue}@${ref.version}:${ref.code}`;
}
