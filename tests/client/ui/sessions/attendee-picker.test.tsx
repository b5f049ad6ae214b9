// @vitest-environment happy-dom
// The attendee picker with a big roster: only the first matches are drawn, and search narrows them.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, expect, test } from 'vitest';
import type { Resident } from '../../../../src/shared';
import { AttendeePicker, MATCHES_SHOWN } from '../../../../src/client/ui/sessions/attendee-picker';

afterEach(cleanup);

const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Hoa', 'Lan', 'Minh', 'Nga', 'Phúc', 'Tâm'];

function roster(count: number): Resident[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    wardCode: '99999',
    groupId: 'to-1',
    fullName: `Nguyễn Văn ${GIVEN[i % GIVEN.length]} ${i}`,
    birthYear: 1940 + (i % 60),
    sex: 'male',
    consents: [
      {
        purpose: 'registration',
        askedBy: 'Trần Văn Tư',
        date: '2026-11-20',
        method: 'verbal',
        wordingVersion: 'v1',
      },
    ],
    createdAt: '2026-11-20T03:15:00.000Z',
    updatedAt: '2026-11-20T03:15:00.000Z',
  }));
}

test('with thousands of residents only the first matches are drawn, and typing narrows them', () => {
  let selected: string[] = [];
  const people = roster(3000);
  const view = () => (
    <AttendeePicker
      residents={people}
      groups={[]}
      groupId="to-1"
      selected={selected}
      errorKey={undefined}
      onChange={(next) => (selected = next)}
    />
  );
  const { rerender } = render(view());
  const results = screen.getByRole('list', { name: 'Chọn người đã dự' });
  expect(within(results).getAllByRole('checkbox')).toHaveLength(MATCHES_SHOWN);
  expect(
    screen.getByText(`Đang hiện ${MATCHES_SHOWN} / 3.000 người. Gõ thêm tên để tìm nhanh hơn.`),
  ).toBeTruthy();

  fireEvent.input(screen.getByLabelText('Tìm người theo tên'), { target: { value: 'phuc 29' } });
  const matches = within(results).getAllByRole('checkbox');
  expect(matches.length).toBeGreaterThan(0);
  expect(matches.length).toBeLessThanOrEqual(MATCHES_SHOWN);
  fireEvent.click(screen.getByRole('checkbox', { name: /Nguyễn Văn Phúc 2998/ }));
  rerender(view());
  expect(selected).toEqual([people[2998]!.id]);
  expect(screen.getByText('Đã chọn 1 người')).toBeTruthy();
});

test('searching for someone already ticked says so, instead of inviting a second record', () => {
  const people = roster(20);
  const lan = people[5]!; // "Nguyễn Văn Lan 5"
  render(
    <AttendeePicker
      residents={people}
      groups={[]}
      groupId="to-1"
      selected={[lan.id]}
      errorKey={undefined}
      onChange={() => undefined}
    />,
  );
  fireEvent.input(screen.getByLabelText('Tìm người theo tên'), { target: { value: 'nguyen van lan 5' } });
  expect(screen.getByText('Người có tên này đã được chọn ở trên.')).toBeTruthy();
  expect(screen.queryByText(/Không thấy ai tên như vậy/)).toBeNull();
  fireEvent.input(screen.getByLabelText('Tìm người theo tên'), { target: { value: 'khong co ai' } });
  expect(screen.getByText(/Không thấy ai tên như vậy/)).toBeTruthy();
});
