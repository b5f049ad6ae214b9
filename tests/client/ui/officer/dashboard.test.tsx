// @vitest-environment happy-dom
// The officer's dashboard against a fake ward server (the app's own API client runs for real): the
// headline K and V with the gap and the denominator's source, groups furthest from the target first,
// percentages above 100 % shown as they are and flagged, the drill-down listing not-reached people
// first, charts with their tables (Chart.js is drawn only when a canvas context exists), records to
// review, the team's activity, and failures with a retry that keep the chosen date.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApiHttp } from '../../../../src/client/api';
import { todayIso } from '../../../../src/client/ui/i18n';
import { createOfficerApi } from '../../../../src/client/ui/officer/officer-api';
import { DashboardPanel } from '../../../../src/client/ui/officer/dashboard/dashboard-panel';
import {
  figure,
  type CoverageResponse,
  type GroupCoverageWire,
  type QuarantineResponse,
  type Target,
} from '../../../../src/shared';
import type { GroupRosterResponse, TeamActivityResponse } from '../../../../src/shared/dashboard-api';
import { failure, fakeServer, WARD, type Route } from '../fake-server';

const draw = vi.hoisted(() => ({
  groups: vi.fn((..._args: unknown[]) => ({ destroy: () => undefined })),
  trend: vi.fn((..._args: unknown[]) => ({ destroy: () => undefined })),
}));
vi.mock('../../../../src/client/ui/officer/dashboard/chart-draw', () => ({
  drawGroupsChart: draw.groups,
  drawTrendChart: draw.trend,
}));

beforeEach(() => {
  draw.groups.mockClear();
  draw.trend.mockClear();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const DATE = '2026-03-18';
const BASE = `/v1/wards/${WARD.code}`;
const K_TARGET: Target = { year: 2026, indicator: 'K', kind: 'percent', value: 100 };
const V_TARGET: Target = { year: 2026, indicator: 'V', kind: 'percent', value: 100 };
const tally = (adults: number, k: number, v: number) => ({ adults, k, v });

function group(
  id: string,
  name: string,
  denominator: number,
  k: number,
  v: number,
  entered?: { source: string; asOf: string },
): GroupCoverageWire {
  return {
    groupId: id,
    groupName: name,
    denominator,
    denominatorSource: entered ? 'entered' : 'registered',
    ...(entered ? { denominatorNote: entered } : {}),
    registeredAdults: entered ? Math.max(k, 10) : denominator,
    K: figure(k, denominator, K_TARGET, false),
    V: figure(v, denominator, V_TARGET, false),
    byAgeBand: { '18-35': tally(10, 5, 2), '36-59': tally(10, 4, 1), '60+': tally(4, 1, 0) },
    bySex: { female: tally(14, 6, 2), male: tally(10, 4, 1) },
    notReachedCount: 0,
  };
}

const POPULATION = { source: 'Công an phường', asOf: '2026-01-15' };
const GROUPS: GroupCoverageWire[] = [
  group('to-1', 'Tổ 1', 100, 90, 50, POPULATION), // K gap 10
  group('to-2', 'Tổ 2', 40, 46, 41, POPULATION), // 115 %: stale
  group('to-3', 'Tổ 3', 60, 20, 5), // K gap 40
  group('to-10', 'Tổ 10', 30, 10, 10), // K gap 20
];

function coverage(groups: GroupCoverageWire[] = GROUPS, date = DATE): CoverageResponse {
  const denominator = groups.reduce((n, g) => n + g.denominator, 0);
  const entered = groups.filter((g) => g.denominatorSource === 'entered').length;
  const sum = (f: (g: GroupCoverageWire) => number) => groups.reduce((n, g) => n + f(g), 0);
  return {
    wardCode: WARD.code,
    wardName: WARD.name,
    date,
    adultAge: 18,
    groups,
    ward: {
      denominator,
      denominatorSource: entered === groups.length ? 'entered' : entered === 0 ? 'registered' : 'mixed',
      registeredAdults: sum((g) => g.registeredAdults),
      K: figure(
        sum((g) => g.K.count),
        denominator,
        K_TARGET,
        true,
      ),
      V: figure(
        sum((g) => g.V.count),
        denominator,
        V_TARGET,
        true,
      ),
      byAgeBand: { '18-35': tally(120, 80, 40), '36-59': tally(60, 30, 12), '60+': tally(40, 10, 3) },
      bySex: { female: tally(130, 70, 35), male: tally(90, 50, 20) },
    },
    trend: [
      { date: '2026-01-31', denominator, K: 100, V: 50, kPercent: 43.5, vPercent: 21.7 },
      { date: '2026-02-28', denominator, K: 150, V: 90, kPercent: 65.2, vPercent: 39.1 },
      { date, denominator, K: 166, V: 106, kPercent: 72.2, vPercent: 46.1 },
    ],
  };
}

const QUARANTINE: QuarantineResponse = { total: 3, items: [] };

const ACTIVITY: TeamActivityResponse = {
  date: DATE,
  weeks: [
    '2026-01-26',
    '2026-02-02',
    '2026-02-09',
    '2026-02-16',
    '2026-02-23',
    '2026-03-02',
    '2026-03-09',
    '2026-03-16',
  ],
  people: [
    {
      accountId: 'acc-mai',
      fullName: 'Lê Thị Mai',
      sessions: [0, 0, 0, 0, 0, 1, 2, 3],
      completions: [0, 0, 0, 0, 0, 0, 4, 1],
      totalSessions: 6,
      totalCompletions: 5,
    },
    {
      accountId: null,
      fullName: '(không rõ)',
      sessions: [1, 0, 0, 0, 0, 0, 0, 0],
      completions: [0, 0, 0, 0, 0, 0, 0, 0],
      totalSessions: 1,
      totalCompletions: 0,
    },
  ],
};

const person = (
  id: string,
  fullName: string,
  status: 'not_reached' | 'trained' | 'confirmed',
  extra: Partial<GroupRosterResponse['people'][number]> = {},
) => ({
  id,
  fullName,
  birthYear: 1960,
  sex: 'female' as const,
  age: 66,
  adult: true,
  status,
  kFirst: status === 'not_reached' ? null : '2026-02-10',
  vFirst: status === 'confirmed' ? '2026-02-20' : null,
  mergedRecords: 0,
  ...extra,
});

const uuid = (n: number) => `5a1f3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c${String(n).padStart(2, '0')}`;

const ROSTER: GroupRosterResponse = {
  date: DATE,
  groupId: 'to-3',
  people: [
    person(uuid(1), 'Trần Văn An', 'confirmed', { sex: 'male', birthYear: 1970, age: 56 }),
    person(uuid(2), 'Đỗ Thị Bình', 'trained'),
    person(uuid(3), 'Lê Thị Yến', 'not_reached', { birthYear: 1955, age: 71, mergedRecords: 1 }),
    person(uuid(4), 'Nguyễn Thị Cúc', 'not_reached', { birthYear: 1990, age: 36 }),
    person(uuid(5), 'Lê Văn Bé', 'not_reached', { birthYear: 2015, age: 11, adult: false }),
  ],
};

function routes(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    [`GET ${BASE}/coverage`]: { body: coverage() },
    [`GET ${BASE}/quarantine`]: { body: QUARANTINE },
    [`GET ${BASE}/duplicates`]: { body: { candidates: [] } },
    [`GET ${BASE}/activity`]: { body: ACTIVITY },
    [`GET ${BASE}/groups/to-3/roster`]: { body: ROSTER },
    ...extra,
  };
}

function renderPanel(extra: Record<string, Route> = {}) {
  const server = fakeServer(routes(extra));
  const http = createApiHttp({ fetch: server.fetch, appVersion: 'test', getToken: () => 'officer-token' });
  const api = createOfficerApi(http, () => undefined);
  const onOpenTab = vi.fn();
  render(<DashboardPanel api={api} ward={WARD.code} groups={null} onOpenTab={onOpenTab} />);
  return { server, onOpenTab };
}

const card = (title: string) => screen.getByRole('heading', { name: title }).closest('section')!;
const farTable = () => card('Các tổ còn xa chỉ tiêu nhất').querySelector('table')!;
const rowsOf = (table: HTMLElement) =>
  [...table.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()),
  );

describe('the headline', () => {
  test('K and V of the ward: percentage with one decimal, count, target, gap and the denominator source', async () => {
    const { server } = renderPanel();
    const k = (
      await screen.findByRole('heading', { name: 'K — Đã được hướng dẫn kỹ năng số cơ bản' })
    ).closest('section')!;
    // 166 of 230 = 72,17… %; the target 100 % of 230 needs 64 more people.
    expect(within(k).getByText('72,2 %')).toBeTruthy();
    expect(k.textContent).toContain('166 / 230 người');
    expect(k.textContent).toContain('Chỉ tiêu năm 2026: 100 %');
    expect(within(k).getByText('Còn 64 người nữa để đạt chỉ tiêu')).toBeTruthy();
    const v = card('V — Đã xác nhận trên VNeID');
    expect(within(v).getByText('46,1 %')).toBeTruthy();
    expect(within(v).getByText('Còn 124 người nữa để đạt chỉ tiêu')).toBeTruthy();
    expect(screen.getByText('Mẫu số (số người trưởng thành): 230')).toBeTruthy();
    expect(
      screen.getByText('Một số tổ chưa có số liệu dân số — các tổ đó đang dùng số người đã đăng ký.'),
    ).toBeTruthy();
    // The date asked for is today's, and the ward's name shows.
    expect(server.calls.find((c) => c.path.startsWith(`${BASE}/coverage`))?.path).toBe(
      `${BASE}/coverage?date=${todayIso()}`,
    );
    expect(screen.getByLabelText('Số liệu tính đến ngày')).toHaveProperty('value', todayIso());
  });

  test('entered population figures: their date; none at all: registered people, said so', async () => {
    renderPanel({
      [`GET ${BASE}/coverage`]: { body: coverage([GROUPS[0]!]) },
    });
    expect(await screen.findByText('Theo số liệu dân số nhập ngày 15/01/2026.')).toBeTruthy();
    expect(screen.getByText('Còn 10 người nữa để đạt chỉ tiêu')).toBeTruthy();
    cleanup();

    renderPanel({ [`GET ${BASE}/coverage`]: { body: coverage([GROUPS[2]!, GROUPS[3]!]) } });
    expect(await screen.findByText('Chưa có số liệu dân số — đang dùng số người đã đăng ký.')).toBeTruthy();
  });

  test('above 100 % is shown as it is, never capped, and flagged; a reached target says so', async () => {
    renderPanel({ [`GET ${BASE}/coverage`]: { body: coverage([GROUPS[1]!]) } });
    const k = (
      await screen.findByRole('heading', { name: 'K — Đã được hướng dẫn kỹ năng số cơ bản' })
    ).closest('section')!;
    expect(within(k).getByText('115,0 %')).toBeTruthy();
    expect(within(k).queryByText('100,0 %')).toBeNull();
    expect(within(k).getByText('Đã đạt chỉ tiêu')).toBeTruthy();
    expect(k.textContent).toContain('mẫu số cần cập nhật');
    const v = card('V — Đã xác nhận trên VNeID');
    expect(within(v).getByText('102,5 %')).toBeTruthy();
  });
});

describe('the groups furthest from the target', () => {
  test('are sorted by the K gap, largest first; a stale denominator is flagged, not capped', async () => {
    renderPanel();
    await screen.findByRole('heading', { name: 'Các tổ còn xa chỉ tiêu nhất' });
    const rows = rowsOf(farTable());
    expect(rows.map((r) => r[0])).toEqual(['Tổ 3', 'Tổ 10', 'Tổ 1', 'Tổ 2']);
    expect(rows[0]).toEqual(['Tổ 3', '33,3 %', '40', '8,3 %', '55', '60', 'Số người đã đăng ký']);
    expect(rows[2]!.slice(1, 3)).toEqual(['90,0 %', '10']);
    expect(rows[3]).toEqual([
      'Tổ 2',
      '115,0 %',
      '0',
      '102,5 %',
      '0',
      '40',
      'Số liệu dân số ngày 15/01/2026Mẫu số cần cập nhật',
    ]);
    expect(rows.slice(0, 3).every((r) => !r[6]!.includes('Mẫu số cần cập nhật'))).toBe(true);
  });

  test('equal K gaps are ordered by the V gap', async () => {
    renderPanel({
      [`GET ${BASE}/coverage`]: {
        body: coverage([group('a', 'Tổ A', 50, 40, 30), group('b', 'Tổ B', 50, 40, 10)]),
      },
    });
    await screen.findByRole('heading', { name: 'Các tổ còn xa chỉ tiêu nhất' });
    expect(rowsOf(farTable()).map((r) => r[0])).toEqual(['Tổ B', 'Tổ A']);
  });

  test('a group opens its people: not reached first, then trained, then confirmed; back returns', async () => {
    const { server } = renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: 'Xem người dân của Tổ 3' }));
    const roster = (await screen.findByRole('heading', { name: 'Người dân của Tổ 3' })).closest('section')!;
    await within(roster).findByText(/Chưa tiếp cận: 2/);
    expect(server.calls.some((c) => c.path === `${BASE}/groups/to-3/roster?date=${DATE}`)).toBe(true);
    expect(roster.textContent).toContain(
      'Chưa tiếp cận: 2 · Đã được hướng dẫn: 1 · Đã xác nhận trên VNeID: 1',
    );
    const headings = within(roster)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(headings).toEqual([
      'Chưa tiếp cận (2 người)',
      'Đã được hướng dẫn, chưa xác nhận trên VNeID (1 người)',
      'Đã xác nhận trên VNeID (1 người)',
    ]);
    const tables = roster.querySelectorAll('table');
    // Vietnamese order, by given name: Cúc before Yến.
    expect(rowsOf(tables[0]!)).toEqual([
      ['Nguyễn Thị Cúc', '1990', '36', 'Nữ'],
      ['Lê Thị Yến (gộp 1 bản ghi trùng)', '1955', '71', 'Nữ'],
    ]);
    expect(rowsOf(tables[1]!)).toEqual([['Đỗ Thị Bình', '1960', '66', 'Nữ', '10/02/2026']]);
    expect(rowsOf(tables[2]!)).toEqual([['Trần Văn An', '1970', '56', 'Nam', '20/02/2026']]);
    expect(roster.textContent).toContain('Chưa đủ 18 tuổi (không tính vào chỉ tiêu): 1 người.');
    expect(roster.textContent).not.toContain('Lê Văn Bé');
    // The drill-down replaces the list of groups until "back".
    expect(screen.queryByRole('heading', { name: 'Các tổ còn xa chỉ tiêu nhất' })).toBeNull();
    fireEvent.click(within(roster).getByRole('button', { name: 'Quay lại danh sách tổ' }));
    expect(await screen.findByRole('heading', { name: 'Các tổ còn xa chỉ tiêu nhất' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Người dân của Tổ 3' })).toBeNull();
  });

  test('a roster that cannot be fetched says so in Vietnamese and can be retried', async () => {
    let calls = 0;
    renderPanel({
      [`GET ${BASE}/groups/to-3/roster`]: () => (++calls === 1 ? 'offline' : { body: ROSTER }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Xem người dân của Tổ 3' }));
    expect(await screen.findByText(/Chưa tải được danh sách người dân\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByText('Chưa tiếp cận (2 người)')).toBeTruthy();
  });
});

describe('charts', () => {
  test('without a canvas context nothing is drawn and the figures are in visible tables', async () => {
    renderPanel();
    const figure = (await screen.findByRole('heading', { name: 'Tỉ lệ K và V theo tổ' })).closest('figure')!;
    await within(figure).findByText('Chưa vẽ được biểu đồ trên máy này; số liệu ở bảng dưới đây.');
    // The canvas keeps its name; with nothing drawn it is hidden and the table stands for it.
    expect(figure.querySelector('canvas')!.getAttribute('aria-label')).toMatch(/^Biểu đồ cột: tỉ lệ K và V/);
    const groupsTable = within(figure).getByRole('table');
    expect(rowsOf(groupsTable)).toContainEqual(['Tổ 2', '115,0 %', '102,5 %', '100 %']);
    const trend = screen.getByRole('heading', { name: 'Diễn biến của phường theo tháng' }).closest('figure')!;
    expect(trend.querySelector('canvas')!.getAttribute('aria-label')).toMatch(/^Biểu đồ đường/);
    expect(rowsOf(within(trend).getByRole('table'))).toEqual([
      ['31/01/2026', '43,5 %', '21,7 %'],
      ['28/02/2026', '65,2 %', '39,1 %'],
      ['18/03/2026', '72,2 %', '46,1 %'],
    ]);
    expect(draw.groups).not.toHaveBeenCalled();
    expect(draw.trend).not.toHaveBeenCalled();
  });

  test('with a canvas context the charts are drawn (loaded lazily), uncapped, and the tables stay for screen readers', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      {} as unknown as CanvasRenderingContext2D,
    );
    renderPanel();
    await waitFor(() => expect(draw.groups).toHaveBeenCalled());
    await waitFor(() => expect(draw.trend).toHaveBeenCalled());
    const series = draw.groups.mock.calls.at(-1)![1] as { labels: string[]; k: number[]; v: number[] };
    expect(series.labels).toEqual(['Tổ 1', 'Tổ 2', 'Tổ 3', 'Tổ 10']);
    expect(series.k).toEqual([90, 115, 33.3, 33.3]);
    expect(series.v).toEqual([50, 102.5, 8.3, 33.3]);
    const figure = screen.getByRole('heading', { name: 'Tỉ lệ K và V theo tổ' }).closest('figure')!;
    await waitFor(() =>
      expect(figure.querySelector('table')!.parentElement!.className).toBe('dashboard-sr-only'),
    );
    expect(screen.queryByText('Chưa vẽ được biểu đồ trên máy này; số liệu ở bảng dưới đây.')).toBeNull();
    expect(within(figure).getByRole('img', { name: /^Biểu đồ cột: tỉ lệ K và V/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: /^Biểu đồ đường/ })).toBeTruthy();
  });
});

describe('breakdown, records to review and activity', () => {
  test('age bands and sex of the ward', async () => {
    renderPanel();
    const section = (await screen.findByRole('heading', { name: 'Chia theo độ tuổi và giới tính' })).closest(
      'section',
    )!;
    expect(rowsOf(section.querySelector('table')!)).toEqual([
      ['Từ 18 đến 35 tuổi', '120', '80', '66,7 %', '40', '33,3 %'],
      ['Từ 36 đến 59 tuổi', '60', '30', '50,0 %', '12', '20,0 %'],
      ['Từ 60 tuổi', '40', '10', '25,0 %', '3', '7,5 %'],
      ['Nữ', '130', '70', '53,8 %', '35', '26,9 %'],
      ['Nam', '90', '50', '55,6 %', '20', '22,2 %'],
    ]);
  });

  test('put-aside records and possible duplicates are counted, with a way to each tab', async () => {
    const { onOpenTab } = renderPanel({
      [`GET ${BASE}/duplicates`]: {
        body: {
          candidates: [
            {
              signals: ['phone'],
              a: side(uuid(11)),
              b: side(uuid(12)),
            },
          ],
        },
      },
    });
    const section = card('Bản ghi cần xem lại');
    await waitFor(() => expect(section.textContent).toContain('Bản ghi bị để riêng: 3'));
    await waitFor(() => expect(section.textContent).toContain('Có thể trùng người: 1 cặp'));
    fireEvent.click(within(section).getByRole('button', { name: 'Xem bản ghi bị để riêng' }));
    expect(onOpenTab).toHaveBeenLastCalledWith('records');
    fireEvent.click(within(section).getByRole('button', { name: 'Xem các cặp có thể trùng' }));
    expect(onOpenTab).toHaveBeenLastCalledWith('residents');
  });

  test('duplicates not available yet: said so, the rest of the dashboard works', async () => {
    renderPanel({ [`GET ${BASE}/duplicates`]: failure(404, 'not_found') });
    const section = card('Bản ghi cần xem lại');
    await waitFor(() => expect(section.textContent).toContain('Có thể trùng người: chưa xem được'));
    expect(section.textContent).toContain('Bản ghi bị để riêng: 3');
    expect(await screen.findByText('Còn 64 người nữa để đạt chỉ tiêu')).toBeTruthy();
  });

  test('sessions per person per week, the unknown creator last', async () => {
    const { server } = renderPanel();
    const section = (await screen.findByRole('heading', { name: 'Hoạt động của tổ công nghệ số' })).closest(
      'section',
    )!;
    const table = await within(section).findByRole('table');
    const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(head).toEqual([
      'Người ghi',
      'Tuần 26/01',
      'Tuần 02/02',
      'Tuần 09/02',
      'Tuần 16/02',
      'Tuần 23/02',
      'Tuần 02/03',
      'Tuần 09/03',
      'Tuần 16/03',
      'Tổng số buổi',
      'Kết quả học đã ghi',
    ]);
    expect(rowsOf(table)).toEqual([
      ['Lê Thị Mai', '0', '0', '0', '0', '0', '1', '2', '3', '6', '5'],
      ['(không rõ)', '1', '0', '0', '0', '0', '0', '0', '0', '1', '0'],
    ]);
    expect(server.calls.find((c) => c.path.startsWith(`${BASE}/activity`))?.path).toBe(
      `${BASE}/activity?weeks=8&date=${todayIso()}`,
    );
  });
});

describe('loading, failure and the date', () => {
  test('a failed load says so in Vietnamese with a retry, keeping the chosen date', async () => {
    let fail = false;
    const { server } = renderPanel({
      [`GET ${BASE}/coverage`]: (call) => {
        if (fail) return failure(503, 'unavailable');
        const date = new URL(call.path, 'http://x').searchParams.get('date') ?? DATE;
        return { body: coverage(GROUPS, date) };
      },
    });
    expect(await screen.findByText('Còn 64 người nữa để đạt chỉ tiêu')).toBeTruthy();
    fail = true;
    const input = screen.getByLabelText('Số liệu tính đến ngày') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '2026-02-28' } });
    expect(await screen.findByText(/^Chưa tải được số liệu\./)).toBeTruthy();
    expect(input.value).toBe('2026-02-28');
    expect(server.calls.some((c) => c.path === `${BASE}/coverage?date=2026-02-28`)).toBe(true);
    // Everything follows the date: the activity too.
    await waitFor(() =>
      expect(server.calls.some((c) => c.path === `${BASE}/activity?weeks=8&date=2026-02-28`)).toBe(true),
    );

    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByText(/Số liệu đến hết ngày 28\/02\/2026\./)).toBeTruthy();
    expect(input.value).toBe('2026-02-28');
  });

  test('while loading it says so', async () => {
    renderPanel({ [`GET ${BASE}/coverage`]: () => new Promise<never>(() => undefined) });
    // The activity arrives; the coverage is still on its way.
    await screen.findByRole('table', { name: 'Hoạt động của tổ công nghệ số' });
    expect(screen.getAllByText('Đang tải số liệu…')).toHaveLength(1);
    expect(screen.queryByRole('heading', { name: 'Các tổ còn xa chỉ tiêu nhất' })).toBeNull();
  });
});

function side(id: string) {
  return {
    id,
    groupId: 'to-1',
    fullName: 'Nguyễn Thị Hoa',
    birthYear: 1960,
    sex: 'female' as const,
    createdAt: '2026-01-02T03:04:05.000Z',
    completions: 0,
    vneid: 0,
    sessions: 0,
  };
}
