// @vitest-environment happy-dom
// axe-core over the sessions, tally and attention screens as rendered (layout-dependent rules such as
// colour contrast are left to the browser e2e check): no serious or critical problems.
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { AppDatabase } from '../../../../src/client/db';
import { AttentionScreen } from '../../../../src/client/ui/attention/attention-screen';
import { route } from '../../../../src/client/ui/router';
import { SessionEditScreen } from '../../../../src/client/ui/sessions/session-edit-screen';
import { SessionListScreen } from '../../../../src/client/ui/sessions/session-list-screen';
import { TallyScreen } from '../../../../src/client/ui/tally/tally-screen';
import { addGroup, addResident, fakeSync, openDb, renderField } from './field-harness';

let db: AppDatabase;

beforeEach(async () => {
  route.value = { name: 'session-new' };
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
  await addResident(db, { fullName: 'Nguyễn Thị Hoa', birthYear: '1958', groupId: 'to-1' });
});

afterEach(async () => {
  cleanup();
  await db.close();
});

async function serious(): Promise<string[]> {
  const result = await axe.run(document.body, {
    resultTypes: ['violations'],
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the session form, with its errors shown and the quick-add open, has no serious accessibility problem', async () => {
  renderField(<SessionEditScreen />, { db });
  await screen.findByRole('combobox', { name: 'Tổ dân phố' });
  fireEvent.click(screen.getByRole('button', { name: 'Lưu buổi hướng dẫn' }));
  await screen.findByText('Hãy nhập địa điểm.');
  fireEvent.click(screen.getByRole('button', { name: '+ Thêm người mới chưa có trong danh sách' }));
  expect(await serious()).toEqual([]);
});

test('the sessions list, the tally and the attention screen have no serious accessibility problem', async () => {
  const sync = fakeSync();
  renderField(
    <>
      <SessionListScreen />
      <TallyScreen />
      <AttentionScreen />
    </>,
    { db, sync: sync.controller },
  );
  await screen.findByRole('region', { name: 'K — Đã được hướng dẫn' });
  expect(await serious()).toEqual([]);
});
