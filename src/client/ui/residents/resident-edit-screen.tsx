// The add / edit resident screen (#/residents/new, #/residents/<id>/edit): waits for the phone's data
// (groups, and the record for an edit), then shows the form. A save replaces it with the resident's page.
import { useMemo } from 'preact/hooks';
import { useField, useFieldData } from '../field-context';
import { t } from '../i18n';
import { groupsOfAccount } from './groups';
import { NotFound } from './not-found';
import { ResidentForm } from './resident-form';
import './residents.css';

export function ResidentEditScreen({ id }: { id?: string }) {
  const { session } = useField();
  const data = useFieldData();
  const resident = id === undefined ? undefined : data?.residents.find((r) => r.id === id);
  const groups = useMemo(
    () => (data ? groupsOfAccount(data.groups, session.account.groupIds, resident?.groupId) : []),
    [data, session.account.groupIds, resident?.groupId],
  );
  if (!data) return <p class="loading">{t('residents.loading')}</p>;
  if (id !== undefined && !resident) return <NotFound />;
  return <ResidentForm key={id ?? 'new'} resident={resident} groups={groups} />;
}
