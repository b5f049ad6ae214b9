// The administrator's screen: the wards this server holds, and a form to create one.
import { useEffect, useState } from 'preact/hooks';
import type { OfficerSession } from '../../session';
import { failureMessage } from '../failure-message';
import { t } from '../i18n';
import { ROLE_KEYS } from '../roles';
import { ConsoleBar } from './console-bar';
import { CreateWardForm } from './create-ward-form';
import type { OfficerApi, WardRow } from './officer-api';

interface AdminConsoleProps {
  session: OfficerSession;
  api: OfficerApi;
  onLogout(): Promise<void>;
}

export function AdminConsole({ session, api, onLogout }: AdminConsoleProps) {
  const [wards, setWards] = useState<WardRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    api.wards().then(setWards, (err: unknown) => setError(failureMessage(err)));
  }, [api, version]);

  return (
    <>
      <ConsoleBar
        name={session.account.fullName}
        place={t(ROLE_KEYS[session.account.role])}
        onLogout={onLogout}
      />
      <section class="card" aria-labelledby="wards-title">
        <h2 id="wards-title">{t('admin.wards')}</h2>
        {error ? (
          <p class="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {wards === null && !error ? <p class="loading">{t('app.loading')}</p> : null}
        {wards?.length === 0 ? <p>{t('admin.noWards')}</p> : null}
        {wards && wards.length > 0 ? (
          <ul class="ward-rows">
            {wards.map((w) => (
              <li key={w.code}>
                {t('admin.wardLine', { code: w.code, name: w.name, province: w.provinceCode })}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <CreateWardForm api={api} onCreated={() => setVersion((v) => v + 1)} />
    </>
  );
}
