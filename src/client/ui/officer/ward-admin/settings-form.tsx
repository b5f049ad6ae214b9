// The ward's coverage settings: the adult age, and per year the K and V targets — the national one by
// default (targetFor: 80 % in 2025, 100 % from 2026), or the ward's own as a percentage or a number of
// people. Checked with the shared schema before saving; phones get the settings at their next sync.
import { useEffect, useState } from 'preact/hooks';
import {
  DEFAULT_WARD_SETTINGS,
  INDICATORS,
  targetFor,
  type Indicator,
  type Target,
  type WardSettings,
} from '../../../../shared';
import { wardSettingsBodySchema } from '../../../../shared/ward-admin';
import { describedBy } from '../../field-error';
import { failureMessage } from '../../failure-message';
import { t, type MessageKey } from '../../i18n';
import type { WardAdminApi } from './ward-admin-api';

type CellKind = 'default' | Target['kind'];
interface Cell {
  kind: CellKind;
  value: string;
}
type Cells = Record<string, Cell>;

const cellKey = (year: number, indicator: Indicator) => `${year}:${indicator}`;
const BASE_YEARS = [2025, 2026];
const SCHEMA_ERRORS: Record<string, MessageKey> = {
  'settings.percentTooHigh': 'wardAdmin.settings.error.percentTooHigh',
  'settings.countNotWhole': 'wardAdmin.settings.error.countNotWhole',
  'settings.targetTwice': 'wardAdmin.settings.error.targetTwice',
};

function formOf(settings: WardSettings): { adultAge: string; years: number[]; cells: Cells } {
  const cells: Cells = {};
  for (const target of settings.targets) {
    cells[cellKey(target.year, target.indicator)] = { kind: target.kind, value: String(target.value) };
  }
  const thisYear = new Date().getFullYear();
  const years = [...new Set([...BASE_YEARS, thisYear, ...settings.targets.map((x) => x.year)])].sort();
  return { adultAge: String(settings.adultAge), years, cells };
}

interface SettingsFormProps {
  api: WardAdminApi;
  ward: string;
}

export function SettingsForm({ api, ward }: SettingsFormProps) {
  const [loaded, setLoaded] = useState<'loading' | 'failed' | 'ready'>('loading');
  const [adultAge, setAdultAge] = useState('18');
  const [years, setYears] = useState<number[]>(BASE_YEARS);
  const [cells, setCells] = useState<Cells>({});
  const [ageError, setAgeError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const apply = (settings: WardSettings) => {
    const form = formOf(settings);
    setAdultAge(form.adultAge);
    setYears(form.years);
    setCells(form.cells);
  };

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setLoaded('loading');
    api.settings(ward).then(
      (settings) => {
        if (!live) return;
        apply(settings);
        setLoaded('ready');
      },
      () => live && setLoaded('failed'),
    );
    return () => {
      live = false;
    };
  }, [api, ward, attempt]);

  const cellOf = (year: number, indicator: Indicator): Cell =>
    cells[cellKey(year, indicator)] ?? { kind: 'default', value: '' };
  const setCell = (year: number, indicator: Indicator, cell: Cell) => {
    setSaved(false);
    setError(null);
    setCells((all) => ({ ...all, [cellKey(year, indicator)]: cell }));
  };

  /** The settings the form says, or the message of what is wrong. */
  function settingsOf(): WardSettings | string {
    const age = adultAge.trim();
    if (!/^\d{1,2}$/.test(age) || Number(age) < 14 || Number(age) > 30) {
      setAgeError(t('wardAdmin.settings.error.adultAge'));
      return t('wardAdmin.settings.error.adultAge');
    }
    setAgeError(null);
    const targets: Target[] = [];
    for (const year of years) {
      for (const indicator of INDICATORS) {
        const cell = cellOf(year, indicator);
        if (cell.kind === 'default') continue;
        const text = cell.value.replace(/\s/g, '').replace(',', '.');
        const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
        if (Number.isNaN(value)) return t('wardAdmin.settings.error.value', { indicator, year });
        targets.push({ year, indicator, kind: cell.kind, value });
      }
    }
    const parsed = wardSettingsBodySchema.safeParse({ adultAge: Number(age), targets });
    if (parsed.success) return parsed.data;
    const key = parsed.error.issues.map((i) => SCHEMA_ERRORS[i.message]).find((k) => k !== undefined);
    return t(key ?? 'wardAdmin.settings.error.other');
  }

  async function save() {
    setSaved(false);
    const settings = settingsOf();
    if (typeof settings === 'string') return setError(settings);
    setError(null);
    setBusy(true);
    try {
      apply(await api.saveSettings(ward, settings));
      setSaved(true);
    } catch (err) {
      setError(failureMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const nextYear = Math.max(...years) + 1;
  return (
    <section class="card settings-form" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('wardAdmin.settings.title')}</h2>
      {loaded === 'loading' ? <p class="loading">{t('wardAdmin.settings.loading')}</p> : null}
      {loaded === 'failed' ? (
        <div class="notice">
          <p>{t('wardAdmin.settings.failed')}</p>
          <button type="button" class="button-secondary" onClick={() => setAttempt((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </div>
      ) : null}
      {loaded === 'ready' ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div class="field">
            <label for="settings-adult-age">{t('wardAdmin.settings.adultAge')}</label>
            <p id="settings-adult-age-hint" class="hint">
              {t('wardAdmin.settings.adultAgeHint')}
            </p>
            <input
              id="settings-adult-age"
              class="settings-age"
              inputMode="numeric"
              maxLength={2}
              value={adultAge}
              disabled={busy}
              onInput={(e) => {
                setSaved(false);
                setAdultAge(e.currentTarget.value);
              }}
              aria-invalid={ageError ? 'true' : undefined}
              aria-describedby={describedBy(
                'settings-adult-age-hint',
                ageError ? 'settings-age-error' : undefined,
              )}
            />
            {ageError ? (
              <p id="settings-age-error" class="field-error">
                {ageError}
              </p>
            ) : null}
          </div>
          <h3>{t('wardAdmin.settings.targets')}</h3>
          <p class="hint">{t('wardAdmin.settings.targetsHint')}</p>
          <table class="ward-admin-table targets-table">
            <thead>
              <tr>
                <th scope="col">{t('wardAdmin.settings.year')}</th>
                {INDICATORS.map((indicator) => (
                  <th scope="col" key={indicator}>
                    {t(indicator === 'K' ? 'wardAdmin.settings.K' : 'wardAdmin.settings.V')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {years.map((year) => (
                <tr key={year}>
                  <th scope="row">{year}</th>
                  {INDICATORS.map((indicator) => {
                    const cell = cellOf(year, indicator);
                    const fallback = targetFor(DEFAULT_WARD_SETTINGS, year, indicator).value;
                    return (
                      <td key={indicator}>
                        <div class="target-cell">
                          <select
                            aria-label={t('wardAdmin.settings.kindLabel', { indicator, year })}
                            value={cell.kind}
                            disabled={busy}
                            onChange={(e) =>
                              setCell(year, indicator, { ...cell, kind: e.currentTarget.value as CellKind })
                            }
                          >
                            <option value="default">
                              {t('wardAdmin.settings.kindDefault', { value: fallback })}
                            </option>
                            <option value="percent">{t('wardAdmin.settings.kindPercent')}</option>
                            <option value="count">{t('wardAdmin.settings.kindCount')}</option>
                          </select>
                          {cell.kind === 'default' ? null : (
                            <input
                              aria-label={t('wardAdmin.settings.valueLabel', { indicator, year })}
                              inputMode="decimal"
                              class="target-value"
                              value={cell.value}
                              disabled={busy}
                              onInput={(e) =>
                                setCell(year, indicator, { ...cell, value: e.currentTarget.value })
                              }
                            />
                          )}
                        </div>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <div class="settings-actions">
            <button
              type="button"
              class="button-secondary"
              disabled={busy}
              onClick={() => setYears((ys) => [...ys, nextYear])}
            >
              {t('wardAdmin.settings.addYear', { year: nextYear })}
            </button>
            <button type="submit" class="button-primary" disabled={busy}>
              {busy ? t('wardAdmin.saving') : t('wardAdmin.settings.save')}
            </button>
          </div>
          <div role="alert" class="form-alert">
            {error ? <p class="field-error">{error}</p> : null}
          </div>
          <div role="status">{saved ? <p class="notice-done">{t('wardAdmin.settings.saved')}</p> : null}</div>
        </form>
      ) : null}
    </section>
  );
}
