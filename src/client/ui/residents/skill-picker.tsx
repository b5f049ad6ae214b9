// The skills a resident was trained on or passed: one tick box per teachable skill, grouped by catalogue
// (whatever the catalogue file holds — never a list written into the screen).
import {
  currentCatalogues,
  refOf,
  skillKey,
  skillLabel,
  teachableSkills,
  type SkillRef,
} from '../../../shared';
import { describedBy, FieldError } from '../field-error';
import { useField } from '../field-context';
import { locale, t } from '../i18n';
import { errorIdOf } from './form-parts';

const FORM = 'completion';

interface PickerProps {
  value: readonly SkillRef[];
  error: string | undefined;
  onChange(skills: SkillRef[]): void;
}

export function SkillPicker({ value, error, onChange }: PickerProps) {
  const { catalogues } = useField();
  const lang = locale.value;
  const errorId = errorIdOf(FORM, 'skills');
  const chosen = new Set(value.map(skillKey));
  const toggle = (ref: SkillRef, on: boolean) =>
    onChange(on ? [...value, ref] : value.filter((s) => skillKey(s) !== skillKey(ref)));
  let first = true;
  return (
    <fieldset class="field skill-picker">
      <legend>{t('residents.completion.skills')}</legend>
      {catalogues === null ? <p class="notice">{t('residents.completion.noCatalogues')}</p> : null}
      {catalogues
        ? currentCatalogues(catalogues).map((catalogue) => (
            <fieldset key={`${catalogue.id}@${catalogue.version}`} class="skill-catalogue">
              <legend>{catalogue.title[lang]}</legend>
              {teachableSkills(catalogue).map((skill) => {
                const ref = refOf(catalogue, skill);
                const isFirst = first;
                first = false;
                return (
                  <label class="choice skill-choice" key={skillKey(ref)}>
                    <input
                      type="checkbox"
                      data-field={isFirst ? 'skills' : undefined}
                      checked={chosen.has(skillKey(ref))}
                      onChange={(e) => toggle(ref, e.currentTarget.checked)}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={describedBy(error && errorId)}
                    />
                    <span>{skillLabel(catalogues, ref, lang)}</span>
                  </label>
                );
              })}
            </fieldset>
          ))
        : null}
      <FieldError id={errorId} errorKey={error} />
    </fieldset>
  );
}
