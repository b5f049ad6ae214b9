// @vitest-environment happy-dom
// The group tally on the phone: a small case worked out by hand, live updates, the denominator's source,
// and a stale population figure flagged rather than capped.
import { cleanup, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { emptyCompletionDraft, type AppDatabase } from '../../../../src/client/db';
import { formatDay, todayIso } from '../../../../src/client/ui/i18n';
import { TallyScreen } from '../../../../src/client/ui/tally/tally-screen';
import type { WardSettings } from '../../../../src/shared';
import { addGroup, addResident, fakeSync, openDb, renderField } from './field-harness';

let db: AppDatabase;
const YEAR = new Date().getFullYear();
const TODAY = formatDay(todayIso());
/** Targets of 100 % this year, whatever year the tests run in. */
const SETTINGS: WardSettings = {
  adultAge: 18,
  targets: [
    { year: YEAR, indicator: 'K', kind: 'percent', value: 100 },
    { year: YEAR, indicator: 'V', kind: 'percent', value: 100 },
  ],
};

beforeEach(async () => {
  db = await openDb();
});

afterEach(async () => {
  cleanup();
  await db.close();
});

async function trainedInSession(attendeeIds: string[]) {
  const saved = await db.sessions.add({
    date: TODAY,
    place: 'Nhà văn hoá tổ 1',
    format: 'class',
    groupId: 'to-1',
    skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
    trainers: ['Trần Văn Tư'],
    attendeeIds,
    notes: '',
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
}

async function completion(residentId: string, kind: 'trained' | 'vneid') {
  const saved = await db.completions.add({
    ...emptyCompletionDraft(residentId),
    kind,
    date: TODAY,
    ...(kind === 'trained'
      ? { skills: [{ catalogue: '5-ky-nang', version: '2024', code: '3' }] }
      : {
          vneid: {
            channel: 'vneid_app',
            courseName: 'Phổ cập kiến thức, kỹ năng số cơ bản',
            issuer: 'Bộ Khoa học và Công nghệ',
            recordNumber: '',
          },
        }),
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
}

const card = (name: RegExp) => screen.getByRole('region', { name });

describe('the group tally', () => {
  test('4 adults, 1 minor, 2 trained, 1 confirmed against an entered 5: K 40,0 %, V 20,0 %, and it follows new records', async () => {
    await addGroup(db, 'to-1', 'Tổ 1', { count: 5, source: 'Công an phường', asOf: '2026-10-01' });
    const an = await addResident(db, { fullName: 'Trần Thị An', birthYear: '1958', groupId: 'to-1' });
    const binh = await addResident(db, {
      fullName: 'Lê Văn Bình',
      birthYear: '1990',
      sex: 'male',
      groupId: 'to-1',
    });
    const cuc = await addResident(db, { fullName: 'Phạm Thị Cúc', birthYear: '1975', groupId: 'to-1' });
    await addResident(db, { fullName: 'Ngô Văn Dũng', birthYear: '2001', sex: 'male', groupId: 'to-1' });
    await addResident(db, { fullName: 'Ngô Thị Bé', birthYear: String(YEAR - 10), groupId: 'to-1' });
    await trainedInSession([an]);
    await completion(binh, 'vneid');

    renderField(<TallyScreen />, { db, sync: fakeSync({ settings: SETTINGS }).controller });

    const k = await screen.findByRole('region', { name: 'K — Đã được hướng dẫn' });
    await waitFor(() => expect(within(k).getByText('40,0 %')).toBeTruthy());
    expect(within(k).getByText('2 / 5 người')).toBeTruthy();
    expect(within(k).getByText(`Chỉ tiêu năm ${YEAR}: 100 %`)).toBeTruthy();
    expect(within(k).getByText('Còn 3 người nữa để đạt chỉ tiêu')).toBeTruthy();
    const v = card(/^V — /);
    expect(within(v).getByText('20,0 %')).toBeTruthy();
    expect(within(v).getByText('1 / 5 người')).toBeTruthy();
    expect(within(v).getByText('Còn 4 người nữa để đạt chỉ tiêu')).toBeTruthy();
    expect(screen.getByText('Số người trưởng thành (mẫu số): 5')).toBeTruthy();
    expect(
      screen.getByText('Theo số liệu cán bộ phường nhập: Công an phường, ngày 01/10/2026.'),
    ).toBeTruthy();
    expect(screen.getByText('Người trưởng thành đã đăng ký: 4')).toBeTruthy();

    const notReached = card(/^Chưa tiếp cận/);
    expect(within(notReached).getByRole('heading').textContent).toBe('Chưa tiếp cận: 2 người');
    const links = within(notReached).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual([
      expect.stringContaining('Phạm Thị Cúc'),
      expect.stringContaining('Ngô Văn Dũng'),
    ]);
    expect(links[0]!.getAttribute('href')).toBe(`#/residents/${cuc}`);
    expect(notReached.textContent).not.toContain('Ngô Thị Bé');

    const table = screen.getByRole('table', { name: 'Chia theo tuổi và giới tính' });
    const female = within(table).getByRole('row', { name: /^Nữ/ });
    expect(
      within(female)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '1', '0']);

    await completion(cuc, 'trained');
    await waitFor(() => expect(within(k).getByText('60,0 %')).toBeTruthy());
    expect(within(k).getByText('Còn 2 người nữa để đạt chỉ tiêu')).toBeTruthy();
    expect(within(card(/^Chưa tiếp cận/)).getByRole('heading').textContent).toBe('Chưa tiếp cận: 1 người');
  });

  test('without a population figure it counts registered adults and says so', async () => {
    await addGroup(db, 'to-1', 'Tổ 1');
    const an = await addResident(db, { fullName: 'Trần Thị An', birthYear: '1958', groupId: 'to-1' });
    await addResident(db, { fullName: 'Lê Thị Hà', birthYear: '1980', groupId: 'to-1' });
    await trainedInSession([an]);
    renderField(<TallyScreen />, { db, sync: fakeSync({ settings: SETTINGS }).controller });

    await screen.findByText('Chưa có số liệu dân số — đang tính theo số người đã đăng ký.');
    expect(within(card(/^K — /)).getByText('50,0 %')).toBeTruthy();
    expect(within(card(/^K — /)).getByText('1 / 2 người')).toBeTruthy();
  });

  test('above 100 % is shown as it is and flagged as a stale population figure', async () => {
    await addGroup(db, 'to-1', 'Tổ 1', { count: 1, source: 'Điều tra 2024', asOf: '2024-04-01' });
    const an = await addResident(db, { fullName: 'Trần Thị An', birthYear: '1958', groupId: 'to-1' });
    const ha = await addResident(db, { fullName: 'Lê Thị Hà', birthYear: '1980', groupId: 'to-1' });
    await trainedInSession([an, ha]);
    renderField(<TallyScreen />, { db });

    const k = await screen.findByRole('region', { name: 'K — Đã được hướng dẫn' });
    await waitFor(() => expect(within(k).getByText('200,0 %')).toBeTruthy());
    expect(within(k).getByText(/số liệu dân số có thể đã cũ/)).toBeTruthy();
    expect(within(card(/^V — /)).getByText('0,0 %')).toBeTruthy();
  });

  test('with several groups a picker shows one group or all of them', async () => {
    await addGroup(db, 'to-1', 'Tổ 1');
    await addGroup(db, 'to-2', 'Tổ 2');
    const an = await addResident(db, { fullName: 'Trần Thị An', birthYear: '1958', groupId: 'to-1' });
    await addResident(db, { fullName: 'Lê Thị Hà', birthYear: '1980', groupId: 'to-2' });
    await trainedInSession([an]);
    renderField(<TallyScreen />, {
      db,
      groupIds: ['to-1', 'to-2'],
      sync: fakeSync({ settings: SETTINGS }).controller,
    });

    const picker = (await screen.findByRole('combobox', { name: 'Xem số liệu của' })) as HTMLSelectElement;
    expect(picker.value).toBe('');
    expect(within(card(/^K — /)).getByText('1 / 2 người')).toBeTruthy();
    picker.value = 'to-2';
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await waitFor(() => expect(within(card(/^K — /)).getByText('0 / 1 người')).toBeTruthy());
  });
});
