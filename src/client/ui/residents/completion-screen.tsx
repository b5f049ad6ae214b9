// Recording a result for one resident (#/residents/<id>/completions/new): waits for the phone's data,
// then the form. A save goes back to the resident's page, replacing the form in the history.
import { useFieldData } from '../field-context';
import { t } from '../i18n';
import { CompletionForm } from './completion-form';
import { NotFound } from './not-found';
import './residents.css';

export function CompletionScreen({ residentId }: { residentId: string }) {
  const data = useFieldData();
  if (!data) return <p class="loading">{t('residents.loading')}</p>;
  const resident = data.residents.find((r) => r.id === residentId);
  if (!resident) return <NotFound />;
  return <CompletionForm key={residentId} resident={resident} />;
}
