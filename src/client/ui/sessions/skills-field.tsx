// The "skills taught" checkboxes, grouped by catalogue (and by a catalogue's skill groups), from the
// catalogue file — never a hard-coded list. Skills of an older catalogue version already on a session
// stay listed so an edit can keep or drop them.
import {
  currentCatalogues,
  refOf,
  skillKey,
  skillLabel,
  teachableSkills,
  type Catalogue,
  type CatalogueFile,
  type CatalogueSkill,
  type SkillRef,
} from '../../../shared';
import { describedBy, FieldError } from '../field-error';
import { locale, t } from '../i18n';

interface SkillsFieldProps {
  catalogues: CatalogueFile | null;
  value: SkillRef[];
  errorKey: string | undefined;
  onChange(next: SkillRef[]): void;
}

const ERROR_ID = 'session-skills-error';
const HINT_ID = 'session-skills-hint';

export function SkillsField({ catalogues, value, errorKey, onChange }: SkillsFieldProps) {
  const lang = locale.value;
  const chosen = new Set(value.map(skillKey));
  const offered = catalogues ? currentCatalogues(catalogues) : [];
  const offeredKeys = new Set(offered.flatMap((c) => teachableSkills(c).map((s) => skillKey(refOf(c, s)))));
  const older = value.filter((ref) => !offeredKeys.has(skillKey(ref)));
  const toggle = (ref: SkillRef, on: boolean) => {
    const key = skillKey(ref);
    onChange(
      on ? [...value.filter((r) => skillKey(r) !== key), ref] : value.filter((r) => skillKey(r) !== key),
    );
  };
  let first = true;
  const box = (ref: SkillRef, label: string) => {
    const isFirst = first;
    first = false;
    return (
      <label class="choice skill-choice" key={skillKey(ref)}>
        <input
          type="checkbox"
          data-field={isFirst ? 'skills' : undefined}
          checked={chosen.has(skillKey(ref))}
          onChange={(e) => toggle(ref, e.currentTarget.checked)}
          aria-invalid={isFirst && errorKey ? 'true' : undefined}
          aria-describedby={isFirst ? describedBy(HINT_ID, errorKey && ERROR_ID) : undefined}
        />
        <span>{label}</span>
      </label>
    );
  };

  return (
    <fieldset class="field skills-field" aria-describedby={describedBy(HINT_ID, errorKey && ERROR_ID)}>
      <legend>{t('session.skills')}</legend>
      <p id={HINT_ID} class="hint">
        {t('session.skillsHint')}
      </p>
      {catalogues === null ? (
        <p class="notice" role="status">
          {t('session.noCatalogues')}
        </p>
      ) : null}
      {offered.map((c) => (
        <fieldset class="skill-catalogue" key={`${c.id}@${c.version}`}>
          <legend>{c.title[lang]}</legend>
          {groupsOf(c).map(({ parent, skills }) => (
            <div class="skill-group" key={parent?.code ?? ''}>
              {parent ? (
                <p class="skill-parent">
                  {parent.code} {parent.title[lang]}
                </p>
              ) : null}
              {skills.map((s) => box(refOf(c, s), `${s.code} ${s.title[lang]}`))}
            </div>
          ))}
        </fieldset>
      ))}
      {older.length > 0 ? (
        <fieldset class="skill-catalogue">
          <legend>{t('session.otherSkills')}</legend>
          {older.map((ref) => box(ref, skillLabel(catalogues, ref, lang)))}
        </fieldset>
      ) : null}
      <FieldError id={ERROR_ID} errorKey={errorKey} />
    </fieldset>
  );
}

/** A catalogue's teachable skills in file order, in runs under their parent group. */
function groupsOf(c: Catalogue): { parent: CatalogueSkill | undefined; skills: CatalogueSkill[] }[] {
  const runs: { parent: CatalogueSkill | undefined; skills: CatalogueSkill[] }[] = [];
  for (const s of teachableSkills(c)) {
    const parent = s.parent === undefined ? undefined : c.skills.find((p) => p.code === s.parent);
    const last = runs[runs.length - 1];
    if (last && last.parent === parent) last.skills.push(s);
    else runs.push({ parent, skills: [s] });
  }
  return runs;
}
