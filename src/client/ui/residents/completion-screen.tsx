// Recording a result for one resident (#/residents/<id>/completions/new): waits for the phone's data,
// then the form. A save goes back to the resident's page, replacing the form in the history. Nothing is
// recorded for a resident whose registration consent is withdrawn (docs/privacy.md C2).
import { isProcessed } from '../../../shared';
import { useFieldData } from '../field-context';
import { t } from '../i18n';
import { CompletionForm } from './completion-form';
import { NotFound } from './not-found';
import { BackToResident } from './route-link';
import './residents.css';

export function CompletionScreen({ residentId }: { residentId: string }) {
  const data = useFieldData();
  if (!data) return <p class="loading">{t('residents.loading')}</p>;
  const resident = data.residents.find((r) => r.id === residentId);
  if (!resident) return <NotFound />;
  if (!isProcessed(resident)) {
    return (
      <section class="card">
        <BackToResident id={resident.id} name={resident.fullName} />
        <p class="notice notice-strong" role="alert">
          {t('consent.noCompletion')}
        </p>
      </section>
    );
  }
  return <CompletionForm key={residentId} resident={resident} />;
}
