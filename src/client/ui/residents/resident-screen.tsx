// A resident's page (#/residents/<id>): details, consents, status today, the sessions attended and the
// results recorded, the record's sync mark (with the server's reason when it was put aside), and the
// ways on: edit, record a result, back to the roster. A resident whose registration consent is withdrawn
// is shown as such (docs/privacy.md C2): no result or VNeID confirmation to record, only consent again.
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { isProcessed, mergedIntoMap, progressOn, statusOf, type Resident } from '../../../shared';
import { syncStateOf, SyncMark, useRecordMarks } from '../components/sync-mark';
import { useFieldData } from '../field-context';
import { formatDay, t, todayIso } from '../i18n';
import { groupNamer } from './groups';
import { NotFound } from './not-found';
import { BackToRoster, RouteLink } from './route-link';
import { ConsentList, CompletionList, SessionList } from './resident-history';
import { StatusBadge, WithdrawnBadge } from './status-badge';
import './residents.css';

export function ResidentScreen({ id }: { id: string }) {
  const data = useFieldData();
  const marks = useRecordMarks();
  const resident = data?.residents.find((r) => r.id === id);
  const sessions = useMemo(() => data?.sessions.filter((s) => s.attendeeIds.includes(id)) ?? [], [data, id]);
  const completions = useMemo(() => data?.completions.filter((c) => c.residentId === id) ?? [], [data, id]);
  if (!data) return <p class="loading">{t('residents.loading')}</p>;
  if (!resident) return <NotFound />;
  const today = todayIso();
  // The person's progress counts every record merged into this one (docs/ward.md "Duplicates").
  const status = statusOf(
    progressOn({
      date: today,
      sessions: data.sessions,
      completions: data.completions,
      mergedInto: mergedIntoMap(data.residents),
    }).get(id),
  );
  const mergedInto =
    resident.mergedInto === undefined ? undefined : data.residents.find((r) => r.id === resident.mergedInto);
  const state = syncStateOf(marks, id);
  const problem = marks?.quarantined.get(id);
  const processed = isProcessed(resident);
  const withdrawnOn = lastWithdrawal(resident);

  return (
    <article class="resident-page" aria-labelledby="resident-title">
      <BackToRoster />
      <header class="card resident-head">
        <h2 id="resident-title">{resident.fullName}</h2>
        <p class="roster-marks">
          {processed ? <StatusBadge status={status} /> : <WithdrawnBadge />} <SyncMark state={state} />
        </p>
        {processed ? null : (
          <p class="notice notice-strong withdrawn-note">
            {t('consent.withdrawnNote', { date: withdrawnOn ? formatDay(withdrawnOn) : '—' })}
          </p>
        )}
        {resident.mergedInto !== undefined ? (
          <p class="notice merged-note">
            {t('residents.page.merged', { name: mergedInto?.fullName ?? '—' })}{' '}
            {mergedInto ? (
              <a href={`#/residents/${mergedInto.id}`}>{t('residents.page.mergedOpen')}</a>
            ) : null}
          </p>
        ) : null}
        {problem ? (
          <p class="notice notice-strong quarantine-reason" role="alert">
            {t('residents.page.quarantined', { reason: problem.message })}{' '}
            <RouteLink to={{ name: 'resident-edit', id }} class="button-link">
              {t('residents.page.fixIt')}
            </RouteLink>
          </p>
        ) : null}
        {processed ? (
          <div class="resident-actions">
            <RouteLink to={{ name: 'completion-new', residentId: id }} class="big-choice">
              {t('residents.page.record')}
            </RouteLink>
            <RouteLink to={{ name: 'resident-edit', id }} class="button-secondary">
              {t('residents.page.edit')}
            </RouteLink>
          </div>
        ) : (
          <div class="resident-actions">
            <RouteLink to={{ name: 'resident-edit', id }} class="button-secondary">
              {t('consent.giveAgain')}
            </RouteLink>
          </div>
        )}
      </header>
      <Details
        resident={resident}
        groupName={groupNamer(data.groups)(resident.groupId)}
        status={processed ? status : null}
      />
      <ConsentList consents={resident.consents} />
      <SessionList sessions={sessions} />
      <CompletionList completions={completions} marks={marks} />
    </article>
  );
}

function Details({
  resident,
  groupName,
  status,
}: {
  resident: Resident;
  groupName: string;
  /** null: not processed any more (consent withdrawn). */
  status: ReturnType<typeof statusOf> | null;
}) {
  const none = <span class="optional">{t('residents.page.none')}</span>;
  const rows: [string, ComponentChildren][] = [
    [t('residents.page.birthYear'), String(resident.birthYear)],
    [t('residents.page.birthDate'), resident.birthDate ? formatDay(resident.birthDate) : none],
    [t('residents.page.sex'), t(resident.sex === 'female' ? 'sex.female' : 'sex.male')],
    [t('residents.page.group'), groupName],
    [t('residents.page.phone'), resident.phone ?? none],
    [t('residents.page.citizenIdLast4'), resident.citizenIdLast4 ?? none],
    [
      t('residents.page.status'),
      status === null ? <WithdrawnBadge key="status" /> : <StatusBadge key="status" status={status} />,
    ],
  ];
  return (
    <section class="card" aria-labelledby="resident-details">
      <h3 id="resident-details">{t('residents.page.details')}</h3>
      <dl class="resident-details">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The day the registration consent was last withdrawn (YYYY-MM-DD), if it says. */
function lastWithdrawal(resident: Resident): string | undefined {
  let last: string | undefined;
  for (const c of resident.consents) {
    if (
      c.purpose === 'registration' &&
      c.withdrawnOn !== undefined &&
      (last === undefined || c.withdrawnOn > last)
    )
      last = c.withdrawnOn;
  }
  return last;
}
