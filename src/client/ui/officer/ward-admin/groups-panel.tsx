// The officer's "Tổ dân phố" tab: the ward's groups in a table (name, kind, the entered adult population
// with its source and date, or that the registered adults are used), inline edit of the name and the
// figure, "Thêm tổ", "Tách tổ", "Gộp vào tổ khác" (with a confirmation of what moves), the ward's
// settings (adult age, targets) and the import of the figures from a file. After any group change the
// console reloads its list (onGroupsChanged).
import { useState } from 'preact/hooks';
import type { ResidentialGroup } from '../../../../shared';
import { t } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';
import { AddGroup } from './add-group';
import { DenominatorImport } from './denominator-import';
import { GroupEdit } from './group-edit';
import { MergeDialog } from './merge-dialog';
import { SettingsForm } from './settings-form';
import { SplitDialog } from './split-dialog';
import { KIND_LABEL, populationWords } from './words';
import './ward-admin.css';

export interface GroupsPanelProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
  /** Groups were created, renamed, split or merged: the console reloads its list. */
  onGroupsChanged(): void;
}

type Dialog = { kind: 'split' | 'merge'; group: ResidentialGroup } | null;

export function GroupsPanel({ api, ward, groups, onGroupsChanged }: GroupsPanelProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState<string | null>(null);
  const live = Array.isArray(groups) ? groups : [];

  const changed = (message: string) => {
    setDone(message);
    setEditing(null);
    setDialog(null);
    onGroupsChanged();
  };

  return (
    <div class="ward-admin">
      <section class="card" aria-labelledby="ward-admin-title">
        <h2 id="ward-admin-title">{t('wardAdmin.title')}</h2>
        <p class="hint">{t('wardAdmin.intro')}</p>
        <div role="status">{done ? <p class="notice-done">{done}</p> : null}</div>
        {groups === null ? <p class="loading">{t('wardAdmin.loading')}</p> : null}
        {groups === 'failed' ? <p class="notice">{t('wardAdmin.groupsFailed')}</p> : null}
        {Array.isArray(groups) && groups.length === 0 ? <p class="hint">{t('wardAdmin.noGroups')}</p> : null}
        {live.length > 0 ? (
          <table class="ward-admin-table groups-table">
            <caption>{t('wardAdmin.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('wardAdmin.col.name')}</th>
                <th scope="col">{t('wardAdmin.col.kind')}</th>
                <th scope="col">{t('wardAdmin.col.population')}</th>
                <th scope="col">{t('wardAdmin.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {live.map((group) =>
                editing === group.id ? (
                  <tr key={group.id} class="group-editing">
                    <td colSpan={4}>
                      <GroupEdit
                        api={api.wardAdmin}
                        ward={ward}
                        group={group}
                        onSaved={(saved) => changed(t('wardAdmin.saved', { name: saved.name }))}
                        onCancel={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                ) : (
                  <GroupRow
                    key={group.id}
                    group={group}
                    onEdit={() => {
                      setDone(null);
                      setEditing(group.id);
                    }}
                    onSplit={() => setDialog({ kind: 'split', group })}
                    onMerge={() => setDialog({ kind: 'merge', group })}
                  />
                ),
              )}
            </tbody>
          </table>
        ) : null}
      </section>
      <AddGroup
        api={api.wardAdmin}
        ward={ward}
        onAdded={(g) => changed(t('wardAdmin.added', { name: g.name }))}
      />
      <DenominatorImport api={api.wardAdmin} ward={ward} onCommitted={onGroupsChanged} />
      <SettingsForm api={api.wardAdmin} ward={ward} />
      {dialog?.kind === 'split' ? (
        <SplitDialog
          api={api}
          ward={ward}
          group={dialog.group}
          onCancel={() => setDialog(null)}
          onDone={(answer) =>
            changed(
              [
                t('wardAdmin.split.done', { residents: answer.moved.residents, name: answer.group.name }),
                answer.skipped.length > 0
                  ? t('wardAdmin.split.skipped', { count: answer.skipped.length })
                  : '',
              ]
                .join(' ')
                .trim(),
            )
          }
        />
      ) : null}
      {dialog?.kind === 'merge' ? (
        <MergeDialog
          api={api}
          ward={ward}
          group={dialog.group}
          groups={live}
          onCancel={() => setDialog(null)}
          onDone={(answer, into) =>
            changed(
              t('wardAdmin.merge.done', {
                from: dialog.group.name,
                into: into.name,
                ...answer.moved,
              }),
            )
          }
        />
      ) : null}
    </div>
  );
}

interface GroupRowProps {
  group: ResidentialGroup;
  onEdit(): void;
  onSplit(): void;
  onMerge(): void;
}

function GroupRow({ group, onEdit, onSplit, onMerge }: GroupRowProps) {
  const words = populationWords(group.adultPopulation);
  return (
    <tr>
      <th scope="row">{group.name}</th>
      <td>{t(KIND_LABEL[group.kind])}</td>
      <td>
        <span class={group.adultPopulation ? 'population' : 'population-missing'}>{words.figure}</span>
        {words.note ? <span class="population-note">{words.note}</span> : null}
      </td>
      <td>
        <div class="group-actions">
          <button
            type="button"
            class="button-secondary"
            aria-label={t('wardAdmin.editLabel', { name: group.name })}
            onClick={onEdit}
          >
            {t('wardAdmin.edit')}
          </button>
          <button
            type="button"
            class="button-secondary"
            aria-label={t('wardAdmin.splitLabel', { name: group.name })}
            onClick={onSplit}
          >
            {t('wardAdmin.split')}
          </button>
          <button
            type="button"
            class="button-secondary"
            aria-label={t('wardAdmin.mergeLabel', { name: group.name })}
            onClick={onMerge}
          >
            {t('wardAdmin.merge')}
          </button>
        </div>
      </td>
    </tr>
  );
}
