// @vitest-environment happy-dom
// Switching the language relabels the screens at once and is remembered on the device.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { memoryKeyValue, SETTING_KEYS, type AppDatabase } from '../../../src/client/db';
import { setLocale } from '../../../src/client/ui/i18n';
import { LanguageSwitch } from '../../../src/client/ui/language-switch';
import { ResidentEditScreen } from '../../../src/client/ui/residents/resident-edit-screen';
import { addGroup, openDb, renderField } from './residents/harness';

let db: AppDatabase;

beforeEach(async () => {
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
});

afterEach(async () => {
  cleanup();
  await setLocale('vi');
  await db.close();
});

test('choosing EN shows the resident form in English and remembers the choice', async () => {
  const kv = memoryKeyValue();
  render(<LanguageSwitch kv={kv} />);
  renderField(<ResidentEditScreen />, { db });
  await screen.findByLabelText('Họ và tên');
  expect(screen.getByRole('button', { name: 'VI' }).getAttribute('aria-pressed')).toBe('true');

  fireEvent.click(screen.getByRole('button', { name: 'EN' }));

  expect(await screen.findByLabelText('Full name')).toBeTruthy();
  expect(screen.queryByLabelText('Họ và tên')).toBeNull();
  expect(screen.getByRole('button', { name: 'EN' }).getAttribute('aria-pressed')).toBe('true');
  expect(document.documentElement.lang).toBe('en');
  expect(await kv.get(SETTING_KEYS.locale)).toBe('en');
});
