// Import of a resident list from the officer's own Excel/CSV file: choose the file (read as base64 here,
// in the browser) → the server's dry run → which column holds what (selects; a change checks again), the
// group for the whole list, counts and the rows with errors in words → the consent tick → import → the
// result. A new file, another header row, a mapping or group change re-runs the dry run; on any error the
// file, the choices and the ticks stay as they were.
import { useRef, useState } from 'preact/hooks';
import {
  IMPORT_FIELDS,
  IMPORT_MAX_BYTES,
  IMPORT_HEADER_SCAN,
  importProblemOf,
  type ImportField,
  type ImportMapping,
  type ImportRowError,
  type ImportRowView,
  type ResidentImportBody,
  type ResidentImportResponse,
} from '../../../../shared/resident-import';
import { ApiError } from '../../../api';
import { failureMessage } from '../../failure-message';
import { formatDay, isMessageKey, t, validationMessage, type MessageKey } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import type { GroupsSlot } from '../officer-console';
import './import-residents.css';

export interface ImportResidentsProps {
  api: OfficerApi;
  ward: string;
  groups: GroupsSlot;
}

interface ChosenFile {
  name: string;
  base64: string;
}

/** The officer's own choices; a mapping or header row left unset means "the server's guess". */
interface Choices {
  mapping?: ImportMapping;
  headerRow?: number;
  groupId: string;
}

const ERRORS_SHOWN = 200;

const FIELD_LABEL: Record<ImportField | 'row', MessageKey> = {
  fullName: 'import.field.fullName',
  birthYear: 'import.field.birthYear',
  birthDate: 'import.field.birthDate',
  sex: 'import.field.sex',
  group: 'import.field.group',
  phone: 'import.field.phone',
  citizenIdLast4: 'import.field.citizenIdLast4',
  row: 'import.field.row',
};

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A refusal in words: the file's problem when the server named one, else the usual failure message. */
function messageOf(err: unknown): string {
  if (err instanceof ApiError) {
    const problem = importProblemOf(err.message);
    if (problem !== undefined) return t(`import.problem.${problem}`);
    if (err.code === 'payload_too_large') return t('import.problem.tooLarge');
  }
  return failureMessage(err);
}

export function rowErrorText(error: ImportRowError): string {
  const key = `import.error.${error.key}`;
  return isMessageKey(key) ? t(key, { value: error.value ?? '' }) : validationMessage(error.key);
}

export function ImportResidents({ api, ward, groups }: ImportResidentsProps) {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [choices, setChoices] = useState<Choices>({ groupId: '' });
  const [answer, setAnswer] = useState<ResidentImportResponse | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const [contact, setContact] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [done, setDone] = useState<ResidentImportResponse | null>(null);
  const latest = useRef(0);

  const bodyOf = (f: ChosenFile, c: Choices): ResidentImportBody => ({
    filename: f.name,
    contentBase64: f.base64,
    commit: false,
    ...(c.mapping ? { mapping: c.mapping } : {}),
    ...(c.headerRow !== undefined ? { headerRow: c.headerRow } : {}),
    ...(c.groupId !== '' ? { groupId: c.groupId } : {}),
  });

  async function check(f: ChosenFile, c: Choices) {
    const mine = ++latest.current;
    setChoices(c);
    setChecking(true);
    setCheckError(null);
    setCommitError(null);
    setDone(null);
    try {
      const found = await api.residentImport.run(ward, bodyOf(f, c));
      if (mine === latest.current) setAnswer(found);
    } catch (err) {
      if (mine === latest.current) setCheckError(messageOf(err));
    } finally {
      if (mine === latest.current) setChecking(false);
    }
  }

  async function choose(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    if (chosen === undefined) return;
    if (chosen.size > IMPORT_MAX_BYTES) {
      return setFileProblem(t('import.tooLargeLocal', { size: (chosen.size / 1024 / 1024).toFixed(1) }));
    }
    let base64: string;
    try {
      base64 = await readBase64(chosen);
    } catch {
      return setFileProblem(t('import.readFailed'));
    }
    const next = { name: chosen.name, base64 };
    setFileProblem(null);
    setFile(next);
    setAnswer(null);
    setConsent(false);
    setContact(false);
    await check(next, { groupId: choices.groupId });
  }

  async function commit() {
    if (file === null || answer === null || committing) return;
    if (!consent) return setCommitError(t('import.needConsent'));
    setCommitting(true);
    setCommitError(null);
    try {
      const result = await api.residentImport.run(ward, {
        ...bodyOf(file, choices),
        commit: true,
        consentConfirmed: true,
        ...(contact ? { contactConsentConfirmed: true } : {}),
      });
      setAnswer(result);
      setDone(result);
    } catch (err) {
      setCommitError(messageOf(err));
    } finally {
      setCommitting(false);
    }
  }

  const mapping = choices.mapping ?? answer?.mapping;
  const remap = (field: ImportField, value: string) => {
    if (file === null || mapping === undefined) return;
    void check(file, { ...choices, mapping: { ...mapping, [field]: value === '' ? null : Number(value) } });
  };

  return (
    <div class="resident-import">
      <p class="hint">{t('import.intro')}</p>
      <div class="field">
        <label for="resident-import-file">{t('import.chooseFile')}</label>
        <p id="resident-import-file-hint" class="hint">
          {t('import.fileHint')}
        </p>
        <input
          id="resident-import-file"
          type="file"
          class="file-input"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          aria-describedby="resident-import-file-hint"
          disabled={committing}
          onChange={(e) => void choose(e.currentTarget)}
        />
      </div>
      {fileProblem ? <p class="field-error">{fileProblem}</p> : null}
      {file ? <p>{t('import.fileName', { name: file.name })}</p> : null}
      <div role="status" class="import-status">
        {checking ? <p>{t('import.checking')}</p> : null}
      </div>
      {checkError && file ? (
        <div class="import-failed">
          <p class="field-error">{checkError}</p>
          <button type="button" class="button-secondary" onClick={() => void check(file, choices)}>
            {t('import.retryCheck')}
          </button>
        </div>
      ) : null}
      {file && answer && mapping ? (
        <>
          <ImportChoices
            answer={answer}
            mapping={mapping}
            groupId={choices.groupId}
            groups={groups}
            disabled={committing}
            onMap={remap}
            onGroup={(groupId) => void check(file, { ...choices, groupId })}
            onHeaderRow={(headerRow) => void check(file, { groupId: choices.groupId, headerRow })}
          />
          <Result answer={answer} done={done} busy={checking} />
          {done === null && answer.missing.length === 0 && answer.summary.new > 0 ? (
            <div class="import-commit">
              <label class="choice">
                <input
                  type="checkbox"
                  checked={consent}
                  onChange={(e) => {
                    setConsent(e.currentTarget.checked);
                    setCommitError(null);
                  }}
                />
                <span>{t('import.consent')}</span>
              </label>
              <p class="hint">
                {t('import.consentHint', {
                  name: answer.consent.askedBy,
                  date: formatDay(answer.consent.date),
                })}
              </p>
              {answer.phones > 0 ? (
                <>
                  <label class="choice">
                    <input
                      type="checkbox"
                      checked={contact}
                      onChange={(e) => setContact(e.currentTarget.checked)}
                    />
                    <span>{t('import.contactConsent', { count: answer.phones })}</span>
                  </label>
                  <p class="hint">{t('import.contactHint')}</p>
                </>
              ) : null}
              <button
                type="button"
                class="button-primary"
                disabled={committing || checking}
                onClick={() => void commit()}
              >
                {committing ? t('import.committing') : t('import.commit', { count: answer.summary.new })}
              </button>
              {commitError ? <p class="field-error">{commitError}</p> : null}
            </div>
          ) : null}
          {done === null && answer.missing.length === 0 && answer.summary.new === 0 ? (
            <p class="hint">{t('import.nothingNew')}</p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

interface ImportChoicesProps {
  answer: ResidentImportResponse;
  mapping: ImportMapping;
  groupId: string;
  groups: GroupsSlot;
  disabled: boolean;
  onMap(field: ImportField, value: string): void;
  onGroup(groupId: string): void;
  onHeaderRow(row: number): void;
}

function ImportChoices(props: ImportChoicesProps) {
  const { answer, mapping, groupId, groups, disabled, onMap, onGroup, onHeaderRow } = props;
  const columnName = (name: string, i: number) =>
    name === ''
      ? t('import.columnEmpty', { letter: columnLetter(i) })
      : t('import.column', { letter: columnLetter(i), name });
  return (
    <section class="import-choices" aria-labelledby="import-mapping-title">
      <div class="field import-header-row">
        <label for="import-header-row">{t('import.headerRow')}</label>
        <p id="import-header-row-hint" class="hint">
          {t('import.headerRowHint')}
        </p>
        <input
          id="import-header-row"
          type="number"
          min={1}
          max={IMPORT_HEADER_SCAN}
          value={answer.headerRow}
          disabled={disabled}
          aria-describedby="import-header-row-hint"
          onChange={(e) => {
            const row = Number(e.currentTarget.value);
            if (Number.isInteger(row) && row >= 1 && row <= IMPORT_HEADER_SCAN) onHeaderRow(row);
          }}
        />
      </div>
      {answer.headerFound ? null : <p class="notice">{t('import.headerNotFound')}</p>}
      <h3 id="import-mapping-title">{t('import.mappingTitle')}</h3>
      <p class="hint">{t('import.mappingHint')}</p>
      <div class="import-mapping">
        {IMPORT_FIELDS.map((field) => (
          <div class="field" key={field}>
            <label for={`import-map-${field}`}>{t(FIELD_LABEL[field])}</label>
            <select
              id={`import-map-${field}`}
              value={mapping[field] === null ? '' : String(mapping[field])}
              disabled={disabled}
              onChange={(e) => onMap(field, e.currentTarget.value)}
            >
              <option value="">{t('import.notUsed')}</option>
              {answer.columns.map((name, i) => (
                <option key={i} value={String(i)}>
                  {columnName(name, i)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <div class="field">
          <label for="import-group">
            {mapping.group === null ? t('import.groupForFile') : t('import.groupForBlank')}
          </label>
          {Array.isArray(groups) ? (
            <select
              id="import-group"
              value={groupId}
              disabled={disabled}
              onChange={(e) => onGroup(e.currentTarget.value)}
            >
              <option value="">{t('import.groupNone')}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          ) : (
            <p id="import-group" class="hint">
              {t('import.groupsLoading')}
            </p>
          )}
        </div>
      </div>
      {answer.missing.length > 0 ? (
        <p class="field-error">
          {t('import.missing', {
            fields: answer.missing
              .map((f) =>
                f === 'birthYear'
                  ? t('import.missingBirth')
                  : f === 'group'
                    ? t('import.missingGroup')
                    : t(FIELD_LABEL[f]),
              )
              .join(', '),
          })}
        </p>
      ) : null}
    </section>
  );
}

function Result({
  answer,
  done,
  busy,
}: {
  answer: ResidentImportResponse;
  done: ResidentImportResponse | null;
  busy: boolean;
}) {
  if (answer.missing.length > 0) return null;
  const invalid = answer.rows.filter((r) => r.status === 'invalid');
  const { summary } = answer;
  return (
    <section class="import-result" aria-labelledby="import-result-title" aria-busy={busy}>
      <h3 id="import-result-title">{t('import.resultTitle')}</h3>
      {summary.total === 0 ? <p>{t('import.noRows')}</p> : null}
      <div role="status">
        {done ? (
          <p class="ok">
            {done.summary.written > 0
              ? t('import.done', { count: done.summary.written })
              : t('import.doneNone')}
          </p>
        ) : null}
      </div>
      {summary.total > 0 ? (
        <ul class="import-summary">
          <li>{t('import.countTotal', { count: summary.total })}</li>
          {done ? null : <li class="import-new">{t('import.countNew', { count: summary.new })}</li>}
          <li>{t('import.countExisting', { count: summary.existing })}</li>
          <li class={summary.invalid > 0 ? 'import-bad' : undefined}>
            {t('import.countInvalid', { count: summary.invalid })}
          </li>
        </ul>
      ) : null}
      {invalid.length > 0 ? <ErrorTable rows={invalid} /> : null}
    </section>
  );
}

function ErrorTable({ rows }: { rows: ImportRowView[] }) {
  return (
    <div class="import-errors">
      <h4 id="import-errors-title">{t('import.errorsTitle')}</h4>
      <p class="hint">{t('import.errorsHint')}</p>
      {rows.length > ERRORS_SHOWN ? (
        <p>{t('import.errorsShown', { shown: ERRORS_SHOWN, total: rows.length })}</p>
      ) : null}
      <table aria-labelledby="import-errors-title">
        <thead>
          <tr>
            <th scope="col">{t('import.tableRow')}</th>
            <th scope="col">{t('import.tableName')}</th>
            <th scope="col">{t('import.tableProblem')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, ERRORS_SHOWN).map((row) => (
            <tr key={row.row}>
              <th scope="row">{t('import.rowNumber', { row: row.row })}</th>
              <td>{row.fullName ?? t('import.noName')}</td>
              <td>{row.errors.map(rowErrorText).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
