// Everything held about one person (right of access, docs/privacy.md R1) as a page to read, print or save
// as JSON: every record of them with its consents, their results with skill names, the sessions they
// attended, merges, who can see the data and their earlier requests. "In" prints only this page
// (privacy.css); "Tải tệp JSON" saves the export as the server gave it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SubjectExport } from '../../../../shared/privacy-api';
import { formatDateTime, t, todayIso } from '../../i18n';
import { saveFile } from '../reports/export-buttons';
import { ExportRecord, VneidEvidence } from './export-record';
import { dayOrTime, completionWords, REQUEST_KIND_WORDS, roleWords, shortId } from './privacy-words';

interface SubjectExportViewProps {
  data: SubjectExport;
  ward: string;
  /** The record the officer chose (the export may hold the others of the same person). */
  residentId: string;
  onBack(): void;
}

export function SubjectExportView({ data, ward, residentId, onBack }: SubjectExportViewProps) {
  const name = (data.records.find((r) => r.id === residentId) ?? data.records[0])?.fullName ?? '';
  const [saved, setSaved] = useState<string | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const download = () => {
    const day = todayIso(new Date(data.producedAt));
    const filename = `du-lieu-${ward}-${shortId(residentId)}-${day}.json`;
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
    saveFile({ blob, filename });
    setSaved(t('privacy.export.saved', { name: filename }));
  };

  return (
    <article class="card privacy-export" aria-labelledby="privacy-export-title">
      <div class="privacy-export-bar no-print">
        <button type="button" class="button-secondary" onClick={onBack}>
          {t('app.back')}
        </button>
        <button type="button" class="button-primary" onClick={() => window.print()}>
          {t('privacy.export.print')}
        </button>
        <button type="button" class="button-secondary" onClick={download}>
          {t('privacy.export.json')}
        </button>
      </div>
      {saved ? (
        <p class="ok no-print" role="status">
          {saved}
        </p>
      ) : null}
      <h2 id="privacy-export-title" ref={titleRef} tabIndex={-1}>
        {t('privacy.export.title', { name })}
      </h2>
      <p class="privacy-export-produced">
        {t('privacy.export.produced', {
          ward: data.wardName,
          at: formatDateTime(data.producedAt),
          by: data.producedBy,
        })}
      </p>

      <h3>{t('privacy.export.records', { count: data.records.length })}</h3>
      {data.records.map((record) => (
        <ExportRecord key={record.id} record={record} />
      ))}

      <h3>{t('privacy.export.completions')}</h3>
      {data.completions.length === 0 ? (
        <p>{t('privacy.export.noCompletions')}</p>
      ) : (
        <table class="privacy-table">
          <thead>
            <tr>
              <th scope="col">{t('privacy.export.doneOn')}</th>
              <th scope="col">{t('privacy.export.kind')}</th>
              <th scope="col">{t('privacy.export.skills')}</th>
              <th scope="col">{t('privacy.export.recordedBy')}</th>
              <th scope="col">{t('privacy.export.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {data.completions.map((c) => (
              <tr key={c.id}>
                <td>{dayOrTime(c.doneOn)}</td>
                <td>
                  {completionWords(c.kind)}
                  {c.vneid ? <VneidEvidence evidence={c.vneid} /> : null}
                  {c.deleted ? <em> ({t('privacy.export.deleted')})</em> : null}
                </td>
                <td>{c.skills.map((s) => s.name).join('; ')}</td>
                <td>
                  {c.recordedBy}
                  {c.verifiedBy ? ` · ${t('privacy.export.verifiedBy', { name: c.verifiedBy })}` : ''}
                </td>
                <td>{c.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('privacy.export.sessions')}</h3>
      {data.sessions.length === 0 ? (
        <p>{t('privacy.export.noSessions')}</p>
      ) : (
        <table class="privacy-table">
          <thead>
            <tr>
              <th scope="col">{t('privacy.export.heldOn')}</th>
              <th scope="col">{t('privacy.export.place')}</th>
              <th scope="col">{t('privacy.export.skills')}</th>
            </tr>
          </thead>
          <tbody>
            {data.sessions.map((s) => (
              <tr key={s.id}>
                <td>{dayOrTime(s.heldOn)}</td>
                <td>{s.place}</td>
                <td>{s.skills.map((skill) => skill.name).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t('privacy.export.merges')}</h3>
      {data.merges.length === 0 ? (
        <p>{t('privacy.export.noMerges')}</p>
      ) : (
        <ul>
          {data.merges.map((m) => (
            <li key={`${m.fromId}-${m.at}`}>
              {t('privacy.export.mergeLine', {
                from: shortId(m.fromId),
                into: shortId(m.intoId),
                at: dayOrTime(m.at),
                by: m.by,
              })}
            </li>
          ))}
        </ul>
      )}

      <h3>{t('privacy.export.visibleTo')}</h3>
      <p class="hint">{t('privacy.export.visibleHint')}</p>
      {data.visibleTo.length === 0 ? (
        <p>{t('privacy.export.noVisible')}</p>
      ) : (
        <ul>
          {data.visibleTo.map((v, i) => (
            <li key={i}>{t('privacy.export.visibleLine', { role: roleWords(v.role), name: v.fullName })}</li>
          ))}
        </ul>
      )}

      <h3>{t('privacy.export.requests')}</h3>
      {data.requests.length === 0 ? (
        <p>{t('privacy.export.noRequests')}</p>
      ) : (
        <ul>
          {data.requests.map((r, i) => (
            <li key={i}>
              {t('privacy.export.requestLine', {
                kind: t(REQUEST_KIND_WORDS[r.kind]),
                received: dayOrTime(r.receivedOn),
                done: dayOrTime(r.doneAt),
              })}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
