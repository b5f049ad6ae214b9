// How a found resident is described everywhere in the tab: "Sinh năm 1957 · Nữ · Tổ dân phố 2" and the
// badges "Đã gộp vào …" (a duplicate merged into another record) and "Đã rút đồng ý".
import type { ResidentHit } from '../../../../shared/privacy-api';
import { t } from '../../i18n';

export const hitMeta = (hit: Pick<ResidentHit, 'birthYear' | 'sex' | 'groupName'>): string =>
  t('privacy.hit.meta', { year: hit.birthYear, sex: t(`sex.${hit.sex}`), group: hit.groupName });

export function HitBadges({ hit, rootName }: { hit: ResidentHit; rootName: string | undefined }) {
  if (hit.mergedInto === undefined && hit.registrationConsent) return null;
  return (
    <span class="privacy-badges">
      {hit.mergedInto !== undefined ? (
        <span class="privacy-badge">
          {rootName ? t('privacy.badge.merged', { name: rootName }) : t('privacy.badge.mergedOther')}
        </span>
      ) : null}
      {hit.registrationConsent ? null : (
        <span class="privacy-badge privacy-badge-warn">{t('privacy.badge.withdrawn')}</span>
      )}
    </span>
  );
}
