// @vitest-environment happy-dom
// Switching the language relabels the screens at once and is remembered on the device.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { memoryKeyValue, SETTING_KEYS, type AppDatabase } from '../../../src/client/db';
import { setLocale } from '../../../src/client/ui/i18n';
import { LanguageSwitch } from '../../../src/client/ui/language-switch';
import { ResidentForm } from '../../../src/client/ui/resident-form';
import { addGroup, openTestDatabase } from './helpers';

let db: AppDatabase;

beforeEach(async () => {
  db = await openTestDatabase();
  await addGroup(db, 'to-1', 'Tổ 1');
});

afterEach(async () => {
  cleanup();
  await setLocale('vi');
  await db.close();
});

test('choosing EN shows the form in English and remembers the choice', async () => {
  const kv = memoryKeyValue();
  render(
    <>
      <LanguageSwitch kv={kv} />
      <ResidentForm db={db} />
    </>,
  );
  await screen.findByRole('combobox', { name: 'Tổ dân phố' });
  expect(screen.getByRole('button', { name: 'VI' }).getAttribute('aria-pressed')).toBe('true');

  fireEvent.click(screen.getByRole('button', { name: 'EN' }));

  expect(await screen.findByLabelText('Full name')).toBeTruthy();
  expect(screen.getByLabelText('Year of birth')).toBeTruthy();
  expect(screen.getByRole('combobox', { name: 'Residential group' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
  expect(screen.queryByLabelText('Họ và tên')).toBeNull();
  expect(screen.getByRole('button', { name: 'EN' }).getAttribute('aria-pressed')).toBe('true');
  expect(document.documentElement.lang).toBe('en');
  expect(await kv.get(SETTING_KEYS.locale)).toBe('en');
});

test('validation messages follow the chosen language', async () => {
  render(<ResidentForm db={db} />);
  await screen.findByRole('combobox', { name: 'Tổ dân phố' });
  await setLocale('en');
  fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Please choose Female or Male.')).toBeTruthy();
});
