// Skill catalogues as data: the shape of the catalogue file (public/catalogues/skills.json) that the
// app loads and the server reads, and lookups over it. Adding a catalogue or a version is a data change:
// append it to the file; screens list whatever the file holds. Published versions are never edited.
import { z } from 'zod/mini';
import {
  catalogueIdSchema,
  catalogueVersionSchema,
  skillCodeSchema,
  skillKey,
  type SkillRef,
} from './schemas/skills';

const bilingual = z.strictObject({
  vi: z.string().check(z.minLength(1), z.maxLength(300)),
  en: z.string().check(z.minLength(1), z.maxLength(300)),
});
export type Bilingual = z.infer<typeof bilingual>;

export const catalogueSkillSchema = z.strictObject({
  code: skillCodeSchema,
  title: bilingual,
  /** The code of the group this skill belongs to; absent for a top-level group or a flat list. */
  parent: z.optional(skillCodeSchema),
});
export type CatalogueSkill = z.infer<typeof catalogueSkillSchema>;

export const catalogueSchema = z
  .strictObject({
    id: catalogueIdSchema,
    version: catalogueVersionSchema,
    title: bilingual,
    /** Whom it is for, e.g. "người dân" (residents). */
    audience: z.string().check(z.maxLength(100)),
    /** The decision or programme it comes from. */
    source: z.string().check(z.maxLength(300)),
    published: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
    note: z.optional(bilingual),
    skills: z.array(catalogueSkillSchema).check(z.minLength(1), z.maxLength(500)),
  })
  .check(
    z.refine((c) => new Set(c.skills.map((s) => s.code)).size === c.skills.length, {
      error: 'catalogue.repeatedCode',
    }),
    z.refine(
      (c) => c.skills.every((s) => s.parent === undefined || c.skills.some((p) => p.code === s.parent)),
      {
        error: 'catalogue.unknownParent',
      },
    ),
  );
export type Catalogue = z.infer<typeof catalogueSchema>;

export const catalogueFileSchema = z
  .strictObject({
    /** Bumped on every change of the file, so devices can tell which copy they hold. */
    revision: z.int().check(z.gte(1)),
    catalogues: z.array(catalogueSchema).check(z.minLength(1)),
  })
  .check(
    z.refine((f) => new Set(f.catalogues.map((c) => `${c.id}@${c.version}`)).size === f.catalogues.length, {
      error: 'catalogue.repeatedVersion',
    }),
  );
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;

/** Where the app fetches the file (served from public/, precached by the service worker). */
export const CATALOGUE_FILE_PATH = '/catalogues/skills.json';

/** The newest version of each catalogue id, in file order: what new sessions offer. */
export function currentCatalogues(file: CatalogueFile): Catalogue[] {
  const newest = new Map<string, Catalogue>();
  for (const c of file.catalogues) {
    const held = newest.get(c.id);
    if (held === undefined || compareVersions(c.version, held.version) > 0) newest.set(c.id, c);
  }
  return [...newest.values()];
}

/** Numeric-aware version order: "1.10" > "1.9". */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The skill a reference points at, in any version the file holds. */
export function findSkill(file: CatalogueFile, ref: SkillRef): CatalogueSkill | undefined {
  const catalogue = file.catalogues.find((c) => c.id === ref.catalogue && c.version === ref.version);
  return catalogue?.skills.find((s) => s.code === ref.code);
}

/** "1.1 Tìm kiếm và lựa chọn thông tin", or the bare key when the file does not know it. */
export function skillLabel(file: CatalogueFile | null, ref: SkillRef, lang: 'vi' | 'en'): string {
  const skill = file ? findSkill(file, ref) : undefined;
  return skill ? `${skill.code} ${skill.title[lang]}` : skillKey(ref);
}

/** References to every skill of a catalogue that can be taught (leaves, or all when flat). */
export function teachableSkills(catalogue: Catalogue): CatalogueSkill[] {
  const parents = new Set(catalogue.skills.map((s) => s.parent).filter((p) => p !== undefined));
  return catalogue.skills.filter((s) => !parents.has(s.code));
}

export function refOf(catalogue: Catalogue, skill: CatalogueSkill): SkillRef {
  return { catalogue: catalogue.id, version: catalogue.version, code: skill.code };
}
