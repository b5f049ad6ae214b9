// @vitest-environment happy-dom
// Consent withdrawn on the phone (docs/privacy.md C2): a resident whose registration consent is withdrawn
// carries a badge on the roster and their page, is in no status filter, has no result or VNeID
// confirmation to record, and can only be given consent again; unticking "contact" clears the phone.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppDatabase } from '../../../../src/client/db';
import { route } from '../../../../src/client/ui/router';
import { hasConsent } from '../../../../src/shared';
import { ACTOR, addGroup, addResident, openDb, renderField, ResidentsScreens } from './harness';

const BADGE = 'Đã rút đồng ý — không xử lý tiếp';

let db: AppDatabase;

beforeEach(async () => {
  db = await openDb();
  await addGroup(db, 'to-1', 'Tổ 1');
});

afterEach(async () => {
  cleanup();
  await db.close();
});

/** The officer's withdrawal arriving by pull: every live registration consent gets withdrawnOn. */
async function withdraw(id: string, on = '2026-11-15') {
  const doc = await db.rx.residents.findOne(id).exec();
  await doc!.incrementalPatch({
    consents: doc!.consents.map((c) =>
      c.purpose === 'registration' && c.withdrawnOn === undefined ? { ...c, withdrawnOn: on } : c,
    ),
  });
}

const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
/** Disabled itself or inside a disabled fieldset (happy-dom's :disabled ignores fieldsets). */
const disabled = (el: Element) => el.matches(':disabled') || el.closest('fieldset[disabled]') !== null;

describe('a resident whose registration consent is withdrawn', () => {
  test('the roster shows the badge instead of a status, and no status filter lists them', async () => {
    const hang = await addResident(db, { fullName: 'Đỗ Thị Hằng', birthYear: '1952' });
    await addResident(db, { fullName: 'Lê Văn Sơn', birthYear: '1960', sex: 'male' });
    await withdraw(hang);
    route.value = { name: 'roster' };
    renderField(<ResidentsScreens />, { db });
    const row = await screen.findByRole('link', { name: /Đỗ Thị Hằng/ });
    expect(row.textContent).toContain(BADGE);
    expect(row.textContent).not.toContain('Chưa tiếp cận');
    expect(screen.getByRole('link', { name: /Lê Văn Sơn/ }).textContent).toContain('Chưa tiếp cận');

    fireEvent.change(screen.getByRole('combobox', { name: 'Tình trạng' }), {
      target: { value: 'not_reached' },
    });
    await waitFor(() => expect(screen.queryByRole('link', { name: /Đỗ Thị Hằng/ })).toBeNull());
    expect(screen.getByRole('link', { name: /Lê Văn Sơn/ })).toBeTruthy();
  });

  test('their page shows the badge and why, offers no result or VNeID, only consent again', async () => {
    const id = await addResident(db, { fullName: 'Đỗ Thị Hằng', birthYear: '1952' });
    await withdraw(id, '2026-11-15');
    route.value = { name: 'resident', id };
    renderField(<ResidentsScreens />, { db });
    await screen.findByRole('heading', { name: 'Đỗ Thị Hằng' });
    expect(screen.getAllByText(BADGE).length).toBeGreaterThanOrEqual(2); // header and details
    expect(screen.getByText(/đã rút lại đồng ý ghi thông tin ngày 15\/11\/2026/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Ghi nhận kết quả' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Sửa thông tin' })).toBeNull();
    const again = screen.getByRole('link', { name: 'Ghi nhận đồng ý lại' });
    expect(again.getAttribute('href')).toBe(`#/residents/${id}/edit`);
  });

  test('a result cannot be recorded for them, not even by typing the address', async () => {
    const id = await addResident(db, { fullName: 'Đỗ Thị Hằng', birthYear: '1952' });
    await withdraw(id);
    route.value = { name: 'completion-new', residentId: id };
    renderField(<ResidentsScreens />, { db });
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Người này đã rút đồng ý nên không thể ghi nhận kết quả hay xác nhận VNeID mới.',
    );
    expect(screen.queryByRole('radio', { name: /VNeID/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Lưu/ })).toBeNull();
  });

  test('editing only gives consent again: a new consent entry, the withdrawn one kept, nothing else changed', async () => {
    const id = await addResident(db, { fullName: 'Đỗ Thị Hằng', birthYear: '1952' });
    await withdraw(id, '2026-11-15');
    route.value = { name: 'resident-edit', id };
    renderField(<ResidentsScreens />, { db });
    await screen.findByRole('heading', { name: 'Ghi nhận đồng ý lại: Đỗ Thị Hằng' });
    expect(screen.getByText(/chỉ có thể ghi nhận đồng ý lại khi chính họ muốn/)).toBeTruthy();
    expect(disabled(input('Họ và tên'))).toBe(true);
    const tick = screen.getByRole('checkbox', { name: 'Người dân đã đồng ý' }) as HTMLInputElement;
    expect(tick.checked).toBe(false);

    fireEvent.click(tick);
    expect(disabled(input('Họ và tên'))).toBe(true); // still only consent, until saved
    fireEvent.click(screen.getByRole('radio', { name: 'Ký vào giấy' }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(route.value).toEqual({ name: 'resident', id }));
    const saved = await db.residents.get(id);
    expect(saved?.fullName).toBe('Đỗ Thị Hằng');
    expect(saved?.consents).toMatchObject([
      { purpose: 'registration', withdrawnOn: '2026-11-15' },
      { purpose: 'registration', method: 'signed', askedBy: ACTOR.name },
    ]);
    expect(saved?.consents[1]?.withdrawnOn).toBeUndefined();
    expect(hasConsent(saved!.consents, 'registration')).toBe(true);
    expect(await screen.findByRole('link', { name: 'Ghi nhận kết quả' })).toBeTruthy();
    expect(screen.queryByText(BADGE)).toBeNull();
  });

  test('a draft typed before the withdrawal does not slip other changes in with the new consent', async () => {
    const id = await addResident(db, { fullName: 'Đỗ Thị Hằng', birthYear: '1952' });
    route.value = { name: 'resident-edit', id };
    const { kv } = renderField(<ResidentsScreens />, { db });
    await screen.findByRole('heading', { name: 'Sửa thông tin: Đỗ Thị Hằng' });
    fireEvent.input(input('Họ và tên'), { target: { value: 'Đỗ Thị Hoa' } });
    await waitFor(async () => expect(await kv.get(`draft:resident-edit:${id}`)).toBeDefined(), {
      timeout: 2000,
    });
    cleanup();

    await withdraw(id);
    renderField(<ResidentsScreens />, { db, kv });
    await screen.findByRole('heading', { name: 'Ghi nhận đồng ý lại: Đỗ Thị Hằng' });
    await waitFor(() => expect(input('Họ và tên').value).toBe('Đỗ Thị Hoa')); // the old draft, shown
    fireEvent.click(screen.getByRole('checkbox', { name: 'Người dân đã đồng ý' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Nói đồng ý' }));
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(route.value).toEqual({ name: 'resident', id }));
    expect((await db.residents.get(id))?.fullName).toBe('Đỗ Thị Hằng');
  });
});

describe('withdrawing consent to contact', () => {
  test('unticking it clears the phone number, and the saved record keeps no number', async () => {
    const id = await addResident(db, {
      fullName: 'Đỗ Thị Hằng',
      birthYear: '1952',
      phone: '0912345678',
      consent: { registration: true, contact: true, method: 'verbal', date: '' },
    });
    route.value = { name: 'resident-edit', id };
    renderField(<ResidentsScreens />, { db });
    await screen.findByRole('heading', { name: 'Sửa thông tin: Đỗ Thị Hằng' });
    expect(input('Số điện thoại').value).toBe('0912345678');
    const contact = screen.getByRole('group', { name: /Số điện thoại/ });
    fireEvent.click(
      within(contact).getByRole('checkbox', { name: 'Người dân đồng ý cho lưu số điện thoại' }),
    );
    expect(input('Số điện thoại').value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(() => expect(route.value).toEqual({ name: 'resident', id }));
    const saved = await db.residents.get(id);
    expect(saved?.phone).toBeUndefined();
    expect(saved?.consents.find((c) => c.purpose === 'contact')?.withdrawnOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(hasConsent(saved!.consents, 'registration')).toBe(true);
  });
});

describe('the consent text link', () => {
  test('sits next to the consent tick boxes of the form and opens #/consent', async () => {
    route.value = { name: 'resident-new' };
    renderField(<ResidentsScreens />, { db });
    await screen.findByRole('heading', { name: 'Thêm người dân' });
    const links = screen.getAllByRole('link', { name: 'Xem văn bản đồng ý' });
    expect(links).toHaveLength(2); // registration and contact
    expect(links[0]!.getAttribute('href')).toBe('#/consent');
    fireEvent.click(links[0]!);
    expect(route.value).toEqual({ name: 'consent' });
  });
});
