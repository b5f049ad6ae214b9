// Period close (chốt số liệu, docs/ward.md): close the figures as of a date (kept exactly as reported),
// the closed periods, and for one of them the late corrections — records that arrived after the close,
// per group and for the ward, next to the closed figures.
import { useEffect, useState } from 'preact/hooks';
import type { Period, PeriodDetail } from '../../../../shared';
import { failureMessage } from '../../failure-message';
import { formatDateTime, formatDay, t, todayIso } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';

interface Props {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
}

export function Periods({ api, ward }: Props) {
  const [periods, setPeriods] = useState<Period[] | null>(null);
  const [end, setEnd] = useState(todayIso());
  const [label, setLabel] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<PeriodDetail | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    api.coverage.periods(ward).then(
      (list) => live && setPeriods(list),
      (err: unknown) => live && setError(failureMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [api, ward, version]);

  const close = async () => {
    setBusy(true);
    setError(null);
    try {
      const period = await api.coverage.closePeriod(
        ward,
        end,
        label.trim() || t('ward.period.defaultLabel', { date: formatDay(end) }),
      );
      setConfirming(false);
      setLabel('');
      setVersion((v) => v + 1);
      setOpen(await api.coverage.period(ward, period.id));
    } catch (err) {
      setError(failureMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const show = async (id: number) => {
    setError(null);
    try {
      setOpen(await api.coverage.period(ward, id));
    } catch (err) {
      setError(failureMessage(err));
    }
  };

  return (
    <div class="periods">
      <p class="hint">{t('ward.period.intro')}</p>
      <form
        class="period-form"
        onSubmit={(e) => {
          e.preventDefault();
          setConfirming(true);
        }}
      >
        <label>
          {t('ward.period.end')}{' '}
          <input
            type="date"
            value={end}
            max={todayIso()}
            required
            onChange={(e) => setEnd((e.target as HTMLInputElement).value)}
          />
        </label>{' '}
        <label>
          {t('ward.period.label')}{' '}
          <input
            type="text"
            value={label}
            maxLength={120}
            placeholder={t('ward.period.defaultLabel', { date: formatDay(end || todayIso()) })}
            onInput={(e) => setLabel((e.target as HTMLInputElement).value)}
          />
        </label>{' '}
        {confirming ? (
          <span role="group" aria-label={t('ward.period.confirmTitle')}>
            <span class="notice">{t('ward.period.confirm', { date: formatDay(end) })}</span>{' '}
            <button class="button-primary" type="button" disabled={busy} onClick={() => void close()}>
              {t('ward.period.confirmYes')}
            </button>{' '}
            <button type="button" class="button-secondary" onClick={() => setConfirming(false)}>
              {t('app.cancel')}
            </button>
          </span>
        ) : (
          <button class="button-primary" type="submit">
            {t('ward.period.close')}
          </button>
        )}
      </form>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {periods === null && !error ? <p class="loading">{t('app.loading')}</p> : null}
      {periods?.length === 0 ? <p class="hint">{t('ward.period.none')}</p> : null}
      <ul class="period-list">
        {periods?.map((p) => (
          <li key={p.id}>
            <button type="button" class="link-button" onClick={() => void show(p.id)}>
              {p.label}
            </button>{' '}
            <span class="hint">
              {t('ward.period.line', {
                date: formatDay(p.periodEnd),
                by: p.closedBy,
                at: formatDateTime(p.closedAt),
              })}
            </span>
          </li>
        ))}
      </ul>
      {open ? <PeriodView detail={open} /> : null}
    </div>
  );
}

function PeriodView({ detail }: { detail: PeriodDetail }) {
  const late = detail.corrections.filter((c) => c.lateK !== 0 || c.lateV !== 0);
  return (
    <section class="period-detail" aria-labelledby="period-detail-title">
      <h3 id="period-detail-title">
        {detail.period.label} — {t('ward.period.asOf', { date: formatDay(detail.period.periodEnd) })}
      </h3>
      <p class={late.length > 0 ? 'notice' : 'ok'}>
        {late.length > 0 ? t('ward.period.lateSome', { count: late.length }) : t('ward.period.lateNone')}
      </p>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">{t('ward.period.col.group')}</th>
            <th scope="col">{t('ward.period.col.reportedK')}</th>
            <th scope="col">{t('ward.period.col.lateK')}</th>
            <th scope="col">{t('ward.period.col.currentK')}</th>
            <th scope="col">{t('ward.period.col.reportedV')}</th>
            <th scope="col">{t('ward.period.col.lateV')}</th>
            <th scope="col">{t('ward.period.col.currentV')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.corrections.map((c) => (
            <tr key={c.groupId ?? 'ward'} class={c.groupId === null ? 'total-row' : undefined}>
              <th scope="row">{c.groupId === null ? t('ward.period.wardRow') : c.name}</th>
              <td>{c.reportedK}</td>
              <td class={c.lateK !== 0 ? 'late' : undefined}>{signed(c.lateK)}</td>
              <td>{c.currentK}</td>
              <td>{c.reportedV}</td>
              <td class={c.lateV !== 0 ? 'late' : undefined}>{signed(c.lateV)}</td>
              <td>{c.currentV}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
