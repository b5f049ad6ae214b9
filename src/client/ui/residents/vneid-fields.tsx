// What the volunteer saw of a VNeID confirmation: where (app, platform certificate, paper, or only the
// resident's word), the course name and issuing unit exactly as shown, any record number. No photo field
// exists, on purpose: images of ID cards and VNeID screens are sensitive data.
import { VNEID_CHANNELS, type VneidChannel } from '../../../shared';
import type { CompletionDraft, CompletionField, FieldErrors } from '../../db';
import { describedBy, FieldError } from '../field-error';
import { t } from '../i18n';
import { errorIdOf, TextField } from './form-parts';
import { channelLabel } from './labels';

const FORM = 'completion';
type Evidence = CompletionDraft['vneid'];

interface VneidProps {
  value: Evidence;
  errors: FieldErrors<CompletionField>;
  onChange(patch: Partial<Evidence>, fields: CompletionField[]): void;
}

export function VneidFields({ value, errors, onChange }: VneidProps) {
  const wordOnly = value.channel === 'resident_word';
  const channelError = errors['vneid.channel'];
  return (
    <fieldset class="field vneid-fields">
      <legend>{t('residents.completion.vneid')}</legend>
      <p class="notice no-photo">
        <span aria-hidden="true">⚠ </span>
        {t('residents.completion.noPhoto')}
      </p>
      <fieldset class="field">
        <legend>{t('residents.completion.channel')}</legend>
        <div class="choices choices-stacked">
          {VNEID_CHANNELS.map((channel: VneidChannel, i) => (
            <label class="choice" key={channel}>
              <input
                type="radio"
                name="vneid-channel"
                value={channel}
                data-field={i === 0 ? 'vneid.channel' : undefined}
                checked={value.channel === channel}
                onChange={() => onChange({ channel }, ['vneid.channel', 'vneid.courseName', 'vneid.issuer'])}
                aria-invalid={channelError ? 'true' : undefined}
                aria-describedby={describedBy(channelError && errorIdOf(FORM, 'vneid.channel'))}
              />
              <span>{channelLabel(channel)}</span>
            </label>
          ))}
        </div>
        <FieldError id={errorIdOf(FORM, 'vneid.channel')} errorKey={channelError} />
      </fieldset>
      {wordOnly ? <p class="hint">{t('residents.completion.wordOnly')}</p> : null}
      <TextField
        form={FORM}
        field="vneid.courseName"
        label={t('residents.completion.courseName')}
        optional={wordOnly}
        value={value.courseName}
        error={errors['vneid.courseName']}
        onInput={(courseName) => onChange({ courseName }, ['vneid.courseName'])}
      />
      <TextField
        form={FORM}
        field="vneid.issuer"
        label={t('residents.completion.issuer')}
        optional={wordOnly}
        value={value.issuer}
        error={errors['vneid.issuer']}
        onInput={(issuer) => onChange({ issuer }, ['vneid.issuer'])}
      />
      <TextField
        form={FORM}
        field="vneid.recordNumber"
        label={t('residents.completion.recordNumber')}
        optional
        value={value.recordNumber}
        error={errors['vneid.recordNumber']}
        onInput={(recordNumber) => onChange({ recordNumber }, ['vneid.recordNumber'])}
      />
    </fieldset>
  );
}
