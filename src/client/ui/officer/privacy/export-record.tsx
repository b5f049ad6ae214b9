// One record in a person's data export: its fields (every field held, "không có" for an empty one), the
// group, whether it is merged into another record, when it was first and last written, and its consents.
import type { SubjectExport } from '../../../../shared/privacy-api';
import { formatDay, isMessageKey, t } from '../../i18n';
import { dayOrTime, METHOD_WORDS, PURPOSE_WORDS, shortId } from './privacy-words';

type ExportedRecord = SubjectExport['records'][number];

export function ExportRecord({ record }: { record: ExportedRecord }) {
  const none = t('privacy.export.none');
  const facts: [string, string][] = [
    [t('privacy.field.fullName'), record.fullName],
    [t('privacy.field.birthYear'), String(record.birthYear)],
    [t('privacy.field.birthDate'), record.birthDate ? formatDay(record.birthDate) : none],
    [t('privacy.field.sex'), t(`sex.${record.sex}`)],
    [t('privacy.field.phone'), record.phone ?? none],
    [t('privacy.field.citizenIdLast4'), record.citizenIdLast4 ?? none],
    [t('privacy.export.group'), record.groupName],
    [t('privacy.export.createdAt'), dayOrTime(record.createdAt)],
    [t('privacy.export.updatedAt'), dayOrTime(record.updatedAt)],
    ...(record.deleted ? [[t('privacy.export.state'), t('privacy.export.deleted')] as [string, string]] : []),
  ];
  return (
    <section class="privacy-record" aria-labelledby={`privacy-record-${record.id}`}>
      <h4 id={`privacy-record-${record.id}`}>
        {record.mergedInto
          ? t('privacy.export.recordMerged', { id: shortId(record.id), into: shortId(record.mergedInto) })
          : t('privacy.export.record', { id: shortId(record.id) })}
      </h4>
      <dl class="privacy-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <table class="privacy-table">
        <caption>{t('privacy.export.consents')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('privacy.consent.purpose')}</th>
            <th scope="col">{t('privacy.consent.askedBy')}</th>
            <th scope="col">{t('privacy.consent.date')}</th>
            <th scope="col">{t('privacy.consent.method')}</th>
            <th scope="col">{t('privacy.consent.wording')}</th>
            <th scope="col">{t('privacy.consent.withdrawnOn')}</th>
          </tr>
        </thead>
        <tbody>
          {record.consents.map((c, i) => (
            <tr key={i}>
              <td>{t(PURPOSE_WORDS[c.purpose])}</td>
              <td>{c.askedBy}</td>
              <td>{formatDay(c.date)}</td>
              <td>{t(METHOD_WORDS[c.method])}</td>
              <td>{c.wordingVersion}</td>
              <td>{c.withdrawnOn ? formatDay(c.withdrawnOn) : t('privacy.consent.inForce')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

type Evidence = NonNullable<SubjectExport['completions'][number]['vneid']>;

/** What the volunteer saw for a VNeID confirmation: where, the course, the issuing unit, the number. */
export function VneidEvidence({ evidence }: { evidence: Evidence }) {
  const parts = [
    t('privacy.export.channel', { channel: channelWords(evidence.channel) }),
    evidence.courseName ? t('privacy.export.course', { name: evidence.courseName }) : null,
    evidence.issuer ? t('privacy.export.issuer', { name: evidence.issuer }) : null,
    evidence.recordNumber ? t('privacy.export.recordNumber', { number: evidence.recordNumber }) : null,
  ].filter((p): p is string => p !== null);
  return <div class="privacy-evidence">{parts.join(' · ')}</div>;
}

function channelWords(channel: string): string {
  const key = `residents.channel.${channel}`;
  return isMessageKey(key) ? t(key) : channel;
}
