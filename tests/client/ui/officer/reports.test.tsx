// @vitest-environment happy-dom
// The officer's "Báo cáo" tab against a fake ward server (the app's own API client runs for real): the
// print-ready report shows the figures and the totals row of a coverage answer, with the heading, notes
// and signature block, and prints; the downloads ask for the right path with the officer's token, save
// the file under the server's name, and say what went wrong in Vietnamese without losing the chosen group.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createApiHttp } from '../../../../src/client/api';
import { filenameOf } from '../../../../src/client/api/http';
import { createOfficerApi } from '../../../../src/client/ui/officer/officer-api';
import { ExportButtons } from '../../../../src/client/ui/officer/reports/export-buttons';
import { PrintReport } from '../../../../src/client/ui/officer/reports/print-report';
import type { CoverageResponse, CoverageRowWire, GroupCoverageWire } from '../../../../src/shared';
import { failure, fakeServer, WARD, type Route } from '../fake-server';

afterEach(cleanup);

const DATE = '2026-11-23';
const BASE = `/v1/wards/${WARD.code}`;

const tally = (adults: number, k: number, v: number) => ({ adults, k, v });
const target = (indicator: 'K' | 'V') => ({ year: 2026, indicator, kind: 'percent' as const, value: 100 });

function row(
  denominator: number,
  source: CoverageRowWire['denominatorSource'],
  k: [count: number, percent: number | null, gap: number | null],
  v: [count: number, percent: number | null, gap: number | null],
): CoverageRowWire {
  const figure = (indicator: 'K' | 'V', [count, percent, gap]: typeof k) => ({
    count,
    percent,
    target: target(indicator),
    targetCount: gap === null ? null : count + gap,
    gap,
    overFull: percent !== null && percent > 100,
  });
  return {
    denominator,
    denominatorSource: source,
    registeredAdults: denominator,
    K: figure('K', k),
    V: figure('V', v),
    byAgeBand: { '18-35': tally(0, 0, 0), '36-59': tally(0, 0, 0), '60+': tally(0, 0, 0) },
    bySex: { female: tally(0, 0, 0), male: tally(0, 0, 0) },
  };
}

function group(groupId: string, groupName: string, r: CoverageRowWire): GroupCoverageWire {
  return { ...r, groupId, groupName, notReachedCount: 0 };
}

const COVERAGE: CoverageResponse = {
  wardCode: WARD.code,
  wardName: 'Phường Hồng An',
  date: DATE,
  adultAge: 18,
  groups: [
    group('to-1', 'Tổ dân phố 1', {
      ...row(200, 'entered', [150, 75, 50], [90, 45, 110]),
      denominatorNote: { source: 'Công an phường', asOf: '2026-10-01' },
    }),
    group('to-2', 'Tổ dân phố 2', row(30, 'entered', [45, 150, 0], [20, 66.7, 10])),
    group('to-3', 'Tổ dân phố 3', row(1234, 'registered', [1000, 81, 234], [500, 40.5, 734])),
  ],
  ward: row(1464, 'mixed', [1195, 81.6, 269], [610, 41.7, 854]),
  trend: [],
};

const GROUPS = [
  { id: 'to-1', wardCode: WARD.code, name: 'Tổ dân phố 1', kind: 'to_dan_pho' as const },
  { id: 'to-2', wardCode: WARD.code, name: 'Tổ dân phố 2', kind: 'to_dan_pho' as const },
];

const file = (name: string): Route => ({
  body: 'tệp',
  headers: {
    'content-type': 'application/octet-stream',
    'content-disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  },
});

function routes(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    [`GET ${BASE}/coverage`]: { body: COVERAGE },
    [`GET ${BASE}/coverage.xlsx`]: file(`do-phu-${WARD.code}-${DATE}.xlsx`),
    [`GET ${BASE}/coverage.csv`]: file(`do-phu-${WARD.code}-${DATE}.csv`),
    [`GET ${BASE}/groups/to-2/not-reached.csv`]: file(`chua-tiep-can-${WARD.code}-to-2-${DATE}.csv`),
    ...extra,
  };
}

function officerApi(extra: Record<string, Route> = {}) {
  const server = fakeServer(routes(extra));
  const http = createApiHttp({ fetch: server.fetch, appVersion: 'test', getToken: () => 'officer-token' });
  return { server, api: createOfficerApi(http, () => undefined) };
}

/** The text of each cell of a table row. */
const cellsOf = (tr: Element) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent);

describe('the print-ready report', () => {
  test("shows the heading, the date, every group's figures and the totals row of the coverage answer", async () => {
    const { server, api } = officerApi();
    render(<PrintReport api={api} ward={WARD.code} groups={GROUPS} date={DATE} />);
    const table = await screen.findByRole('table');
    expect(server.calls.map((c) => c.path)).toEqual([`${BASE}/coverage?date=${DATE}`]);

    const sheet = table.closest('article')!;
    expect(sheet.textContent).toContain('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(sheet.textContent).toContain('Độc lập – Tự do – Hạnh phúc');
    expect(screen.getByText('UBND phường Hồng An')).toBeTruthy();
    expect(
      screen.getByRole('heading', { name: 'BÁO CÁO KẾT QUẢ PHONG TRÀO BÌNH DÂN HỌC VỤ SỐ' }),
    ).toBeTruthy();
    expect(screen.getByText('Số liệu tính đến ngày 23/11/2026')).toBeTruthy();

    const [header, ...rows] = [...table.querySelectorAll('tr')];
    expect(cellsOf(header!)).toEqual([
      'Tổ dân phố',
      'Mẫu số (người từ 18 tuổi)',
      'Nguồn mẫu số',
      'Số người có kỹ năng số cơ bản (K)',
      'Tỷ lệ K (%)',
      'Chỉ tiêu K',
      'Còn thiếu K (người)',
      'Số người đã xác nhận trên VNeID (V)',
      'Tỷ lệ V (%)',
      'Chỉ tiêu V',
      'Còn thiếu V (người)',
      'Ghi chú',
    ]);
    expect(rows.map((r) => cellsOf(r).slice(0, 11))).toEqual([
      ['Tổ dân phố 1', '200', 'Số liệu nhập', '150', '75,0', '200', '50', '90', '45,0', '200', '110'],
      ['Tổ dân phố 2', '30', 'Số liệu nhập', '45', '150,0', '45', '0', '20', '66,7', '30', '10'],
      [
        'Tổ dân phố 3',
        '1.234',
        'Số người đã đăng ký',
        '1.000',
        '81,0',
        '1.234',
        '234',
        '500',
        '40,5',
        '1.234',
        '734',
      ],
      [
        'Toàn phường',
        '1.464',
        'Số liệu nhập và số người đã đăng ký',
        '1.195',
        '81,6',
        '1.464',
        '269',
        '610',
        '41,7',
        '1.464',
        '854',
      ],
    ]);
    // The totals row is the table's footer; the notes say where a denominator came from and flag 150 %.
    expect(rows[3]!.closest('tfoot')).not.toBeNull();
    expect(cellsOf(rows[0]!)[11]).toBe('Mẫu số theo Công an phường, ngày 01/10/2026');
    expect(cellsOf(rows[1]!)[11]).toContain('Trên 100 %: mẫu số cần cập nhật');
    expect(cellsOf(rows[2]!)[11]).toBe('Chưa nhập số người từ 18 tuổi: tạm dùng số người đã đăng ký');

    const notes = screen.getByRole('region', { name: 'Ghi chú về mẫu số' });
    expect(notes.textContent).toContain('"Số liệu nhập"');
    expect(notes.textContent).toContain('"Số người đã đăng ký"');
    expect(notes.textContent).toContain('trên 100 %');

    expect(sheet.textContent).toContain('Người lập biểu');
    expect(sheet.textContent).toContain('TM. ỦY BAN NHÂN DÂN PHƯỜNG');
    expect(sheet.textContent).toContain('(Ký, ghi rõ họ tên)');
    expect(sheet.textContent).toContain('…, ngày … tháng … năm …');
  });

  test('"In báo cáo" prints the page', async () => {
    // happy-dom has no window.print: stand in for the browser's.
    const print = vi.fn();
    const original = window.print;
    window.print = print;
    const { api } = officerApi();
    render(<PrintReport api={api} ward={WARD.code} groups={GROUPS} date={DATE} />);
    await screen.findByRole('table');
    fireEvent.click(screen.getByRole('button', { name: 'In báo cáo' }));
    expect(print).toHaveBeenCalledTimes(1);
    window.print = original;
  });

  test("a new date loads that date's figures", async () => {
    const { server, api } = officerApi();
    const view = render(<PrintReport api={api} ward={WARD.code} groups={GROUPS} date={DATE} />);
    await screen.findByRole('table');
    view.rerender(<PrintReport api={api} ward={WARD.code} groups={GROUPS} date="2026-12-31" />);
    await waitFor(() => expect(server.calls.at(-1)?.path).toBe(`${BASE}/coverage?date=2026-12-31`));
  });

  test('a failed load is said in Vietnamese and can be retried', async () => {
    let fail = true;
    const { api } = officerApi({
      [`GET ${BASE}/coverage`]: () => (fail ? failure(500, 'internal') : { body: COVERAGE }),
    });
    render(<PrintReport api={api} ward={WARD.code} groups={GROUPS} date={DATE} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Chưa tải được số liệu.');
    expect((screen.getByRole('button', { name: 'In báo cáo' }) as HTMLButtonElement).disabled).toBe(true);
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('table')).toBeTruthy();
  });

  test('has no serious accessibility problem', async () => {
    const { api } = officerApi();
    render(<PrintReport api={api} ward={WARD.code} groups={GROUPS} date={DATE} />);
    await screen.findByRole('table');
    const report = await axe.run(document.body, {
      resultTypes: ['violations'],
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    const serious = report.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => v.id)).toEqual([]);
  });
});

describe('downloads', () => {
  let saved: { href: string; download: string }[];
  const created: Blob[] = [];
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL };

  beforeEach(() => {
    saved = [];
    created.length = 0;
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return `blob:test/${created.length}`;
    });
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.getAttribute('href') ?? '', download: this.download });
    });
  });
  afterEach(() => {
    URL.createObjectURL = original.create;
    URL.revokeObjectURL = original.revoke;
    vi.restoreAllMocks();
  });

  function renderButtons(extra: Record<string, Route> = {}) {
    const { server, api } = officerApi(extra);
    render(<ExportButtons api={api} ward={WARD.code} groups={GROUPS} date={DATE} />);
    return server;
  }

  test('"Tải Excel (.xlsx)" fetches the coverage file of the date with the token and saves it under its name', async () => {
    const server = renderButtons();
    fireEvent.click(screen.getByRole('button', { name: 'Tải Excel (.xlsx)' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      `Đã tải tệp do-phu-${WARD.code}-${DATE}.xlsx.`,
    );
    const call = server.calls.at(-1)!;
    expect(call.path).toBe(`${BASE}/coverage.xlsx?date=${DATE}`);
    expect(call.headers['authorization']).toBe('Bearer officer-token');
    expect(saved).toEqual([{ href: 'blob:test/1', download: `do-phu-${WARD.code}-${DATE}.xlsx` }]);
    expect(created).toHaveLength(1);
  });

  test('"Tải CSV" fetches the CSV', async () => {
    const server = renderButtons();
    fireEvent.click(screen.getByRole('button', { name: 'Tải CSV' }));
    await screen.findByRole('status');
    expect(server.calls.at(-1)!.path).toBe(`${BASE}/coverage.csv?date=${DATE}`);
    expect(saved[0]!.download).toBe(`do-phu-${WARD.code}-${DATE}.csv`);
  });

  test('the not-reached list of the chosen group', async () => {
    const server = renderButtons();
    fireEvent.change(screen.getByLabelText('Tổ dân phố'), { target: { value: 'to-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tải danh sách chưa tiếp cận (CSV)' }));
    await screen.findByRole('status');
    expect(server.calls.at(-1)!.path).toBe(`${BASE}/groups/to-2/not-reached.csv?date=${DATE}`);
    expect(saved[0]!.download).toBe(`chua-tiep-can-${WARD.code}-to-2-${DATE}.csv`);
  });

  test('a refusal is said in Vietnamese, nothing is saved, and the chosen group stays chosen', async () => {
    renderButtons({
      [`GET ${BASE}/groups/to-2/not-reached.xlsx`]: failure(404, 'not_found'),
      [`GET ${BASE}/coverage.xlsx`]: failure(403, 'forbidden'),
    });
    const select = screen.getByLabelText('Tổ dân phố') as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'to-2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Tải danh sách chưa tiếp cận (.xlsx)' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Chưa tải được tệp. Không tìm thấy tổ này nữa. Hãy tải lại trang rồi chọn lại.',
    );
    expect(select.value).toBe('to-2');
    fireEvent.click(screen.getByRole('button', { name: 'Tải Excel (.xlsx)' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).not.toContain('Không tìm thấy tổ'));
    expect(screen.getByRole('alert').textContent).toMatch(/^Chưa tải được tệp\. /);
    expect(saved).toEqual([]);
    expect(select.value).toBe('to-2');
  });

  test('the file name comes from filename* (UTF-8), else filename, else the path', () => {
    expect(filenameOf(`attachment; filename="a_b.csv"; filename*=UTF-8''%C4%90%E1%BB%99.csv`, '/x')).toBe(
      'Độ.csv',
    );
    expect(filenameOf('attachment; filename="do-phu.xlsx"', '/x')).toBe('do-phu.xlsx');
    expect(filenameOf(null, '/v1/wards/1/coverage.csv?date=2026-01-01')).toBe('coverage.csv');
  });
});
