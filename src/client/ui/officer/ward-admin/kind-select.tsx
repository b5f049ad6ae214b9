// The "kind of group" field (tổ dân phố, thôn, ấp, bản, khu phố) used by the add, edit and split forms.
import { GROUP_KINDS, type GroupKind } from '../../../../shared';
import { t } from '../../i18n';
import { KIND_LABEL } from './words';

interface KindFieldProps {
  id: string;
  value: GroupKind;
  disabled: boolean;
  onChange(kind: GroupKind): void;
}

export function KindField({ id, value, disabled, onChange }: KindFieldProps) {
  return (
    <div class="field">
      <label for={id}>{t('wardAdmin.field.kind')}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.value as GroupKind)}
      >
        {GROUP_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(KIND_LABEL[k])}
          </option>
        ))}
      </select>
    </div>
  );
}
