// @vitest-environment happy-dom
// The officer's duplicate review and period close against a fake ward server (the app's own API client
// runs for real): a proposed pair side by side, "keep this one" sends the merge the right way round and
// the audit list offers the undo; a refused merge says why and keeps the pair; closing a period asks to
// confirm, then shows the late corrections next to the closed figures.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import { createApiHttp } from '../../../../src/client/api';
import { createOfficerApi } from '../../../../src/client/ui/officer/officer-api';
import { Duplicates } from '../../../../src/client/ui/officer/residents-admin/duplicates';
import { Periods } from '../../../../src/client/ui/officer/reports/periods';
import type { DuplicateCandidate, MergeRecord, PeriodDetail } from '../../../../src/shared';
import { failure, fakeServer, WARD, type Route } from '../fake-server';

afterEach(cleanup);

const BASE = `/v1/wards/${WARD.code}`;
const A = 'a0000000-0000-4000-8000-000000000001';
const B = 'b0000000-0000-4000-8000-000000000002';

const side = (id: string, fullName: string, extra: object) => ({
  id,
  groupId: 'to-1',
  fullName,
  birthYear: 1959,
  sex: 'male' as const,
  createdAt: '2026-11-10T02:00:00.000Z',
  completions: 0,
  vneid: 0,
  sessions: 0,
  ...extra,
});

const PAIR: DuplicateCandidate = {
  signals: ['name_birth_year'],
  a: side(A, 'Quách Văn Trùng', { sessions: 2, phone: '0912345678' }),
  b: side(B, 'Quach Van Trung', { completions: 1 }),
};

const MERGE: MergeRecord = {
  id: 7,
  fromId: B,
  intoId: A,
  fromName: 'Quach Van Trung',
  intoName: 'Quách Văn Trùng',
  reason: 'name_birth_year',
  mergedBy: 'Nguyễn Thị Lan',
  mergedAt: '2026-11-23T03:00:00.000Z',
  undoneBy: null,
  undoneAt: null,
};

function api(routes: Record<string, Route>) {
  const server = fakeServer(routes);
  const http = createApiHttp({ fetch: server.fetch, appVersion: 'test', getToken: () => 'officer-token' });
  return { server, api: createOfficerApi(http, () => undefined) };
}

const GROUPS = [{ id: 'to-1', wardCode: WARD.code, name: 'Tổ dân phố 1', kind: 'to_dan_pho' as const }];

describe('duplicate review', () => {
  test('a pair side by side; keeping the first merges the second into it; the merge can be undone', async () => {
    let merged = false;
    const { server, api: officer } = api({
      [`GET ${BASE}/duplicates`]: () => ({ body: { candidates: merged ? [] : [PAIR] } }),
      [`GET ${BASE}/merges`]: () => ({ body: { merges: merged ? [MERGE] : [] } }),
      [`POST ${BASE}/duplicates/merge`]: () => {
        merged = true;
        return { status: 201, body: { merge: MERGE } };
      },
      [`POST ${BASE}/merges/7/undo`]: () => {
        merged = false;
        return { body: { merge: { ...MERGE, undoneBy: 'Nguyễn Thị Lan', undoneAt: MERGE.mergedAt } } };
      },
    });
    render(<Duplicates api={officer} ward={WARD.code} groups={GROUPS} />);
    const pair = (await screen.findByText('Cùng họ tên và năm sinh trong một tổ')).closest('li')!;
    expect(pair.textContent).toContain('Quách Văn Trùng');
    expect(pair.textContent).toContain('Quach Van Trung');
    expect(pair.textContent).toContain('Tổ dân phố 1');
    expect(pair.textContent).toContain('2 buổi học · 0 kết quả');
    expect(pair.textContent).toContain('0 buổi học · 1 kết quả');

    fireEvent.click(
      within(pair).getByRole('button', { name: 'Giữ hồ sơ Quách Văn Trùng, gộp hồ sơ Quach Van Trung vào' }),
    );
    expect(await screen.findByText(/Đã gộp hồ sơ Quach Van Trung vào hồ sơ Quách Văn Trùng/)).toBeTruthy();
    const sent = server.calls.find((c) => c.path === `${BASE}/duplicates/merge`);
    expect(sent?.body).toEqual({ fromId: B, intoId: A, signals: ['name_birth_year'] });
    expect(await screen.findByText('Không có cặp nào cần xem.')).toBeTruthy();
    expect(screen.getByText(/Quach Van Trung → Quách Văn Trùng · Nguyễn Thị Lan/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    expect(await screen.findByText('Đã hoàn tác: hồ sơ Quach Van Trung lại đứng riêng.')).toBeTruthy();
    expect(server.calls.some((c) => c.method === 'POST' && c.path === `${BASE}/merges/7/undo`)).toBe(true);
  });

  test('a refused merge says so in Vietnamese and the pair stays to decide again', async () => {
    const { api: officer } = api({
      [`GET ${BASE}/duplicates`]: { body: { candidates: [PAIR] } },
      [`GET ${BASE}/merges`]: { body: { merges: [] } },
      [`POST ${BASE}/duplicates/merge`]: failure(409, 'conflict'),
    });
    render(<Duplicates api={officer} ward={WARD.code} groups={GROUPS} />);
    const pair = (await screen.findByText('Cùng họ tên và năm sinh trong một tổ')).closest('li')!;
    fireEvent.click(within(pair).getAllByRole('button', { name: /^Giữ hồ sơ/ })[1]!);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent?.length).toBeGreaterThan(0);
    expect(screen.getByText('Cùng họ tên và năm sinh trong một tổ')).toBeTruthy();
  });
});

describe('period close', () => {
  test('closing asks to confirm, then shows the late corrections next to the closed figures', async () => {
    const period = {
      id: 3,
      periodEnd: '2026-10-31',
      label: 'Tháng 10/2026',
      closedBy: 'Nguyễn Thị Lan',
      closedAt: '2026-11-01T02:00:00.000Z',
    };
    const detail = {
      period,
      reported: {} as PeriodDetail['reported'],
      corrections: [
        {
          groupId: 'to-1',
          name: 'Tổ dân phố 1',
          reportedK: 10,
          reportedV: 4,
          currentK: 12,
          currentV: 4,
          lateK: 2,
          lateV: 0,
        },
        {
          groupId: null,
          name: 'Phường',
          reportedK: 10,
          reportedV: 4,
          currentK: 12,
          currentV: 4,
          lateK: 2,
          lateV: 0,
        },
      ],
    };
    let closed = false;
    const { server, api: officer } = api({
      [`GET ${BASE}/periods`]: () => ({ body: { periods: closed ? [period] : [] } }),
      [`POST ${BASE}/periods`]: () => {
        closed = true;
        return { status: 201, body: { period } };
      },
      [`GET ${BASE}/periods/3`]: () => ({ body: detail }),
    });
    // The detail's `reported` is parsed with the full coverage schema: give it a real one.
    detail.reported = {
      wardCode: WARD.code,
      wardName: WARD.name,
      date: '2026-10-31',
      adultAge: 18,
      groups: [],
      ward: {
        denominator: 0,
        denominatorSource: 'registered',
        registeredAdults: 0,
        K: {
          count: 10,
          percent: null,
          target: { year: 2026, indicator: 'K', kind: 'percent', value: 100 },
          targetCount: 0,
          gap: 0,
          overFull: false,
        },
        V: {
          count: 4,
          percent: null,
          target: { year: 2026, indicator: 'V', kind: 'percent', value: 100 },
          targetCount: 0,
          gap: 0,
          overFull: false,
        },
        byAgeBand: {
          '18-35': { adults: 0, k: 0, v: 0 },
          '36-59': { adults: 0, k: 0, v: 0 },
          '60+': { adults: 0, k: 0, v: 0 },
        },
        bySex: { female: { adults: 0, k: 0, v: 0 }, male: { adults: 0, k: 0, v: 0 } },
      },
      trend: [],
    };
    render(<Periods api={officer} ward={WARD.code} groups={GROUPS} />);
    expect(await screen.findByText('Chưa chốt kỳ nào.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Tên kỳ báo cáo'), { target: { value: 'Tháng 10/2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Chốt số liệu' }));
    expect(server.calls.some((c) => c.method === 'POST')).toBe(false); // asks first
    fireEvent.click(screen.getByRole('button', { name: 'Đồng ý chốt' }));
    const table = await screen.findByRole('table');
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows[1]).toBe('Tổ dân phố 110+212404');
    expect(rows[2]).toBe('Toàn phường10+212404');
    expect(screen.getByText(/Có bản ghi gửi lên sau khi chốt ở 2 dòng/)).toBeTruthy();
    expect(server.calls.find((c) => c.method === 'POST')?.body).toMatchObject({ label: 'Tháng 10/2026' });
  });
});
