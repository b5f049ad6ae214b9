// The ward's audit log as a CSV file for the officer (docs/privacy.md A5): UTF-8 with a byte-order mark
// so Excel shows the diacritics, headers and labels in Vietnamese, times in Vietnam time, newest first.
// A cell a spreadsheet would run as a formula (= + - @ tab CR first) gets an apostrophe in front (H2).
import Papa from 'papaparse';
import type { AuditAction, AuditEntry, Role } from '../../shared';
import { BOM } from '../reports/coverage-csv';

/** The most rows one file holds (the officer narrows by dates beyond). */
export const AUDIT_CSV_MAX_ROWS = 100_000;

export const AUDIT_CSV_HEADER = [
  'Thời điểm (giờ Việt Nam)',
  'Người',
  'Vai trò',
  'Thiết bị',
  'Việc',
  'Đối tượng',
  'Chi tiết',
] as const;

const ACTION_LABELS: Record<AuditAction, string> = {
  'read.roster': 'Xem danh sách người dân của tổ',
  'read.export': 'Tải tệp số liệu',
  'read.search': 'Tìm người dân',
  'read.history': 'Xem lịch sử bản ghi',
  'read.duplicates': 'Xem bản ghi nghi trùng',
  'read.audit': 'Xuất nhật ký truy cập',
  'read.quarantine': 'Xem bản ghi bị giữ lại',
  'read.import': 'Kiểm tra tệp danh sách người dân',
  'change.sync': 'Đồng bộ từ thiết bị',
  'change.merge': 'Gộp bản ghi trùng',
  'change.groups': 'Thay đổi tổ dân phố',
  'change.settings': 'Thay đổi cài đặt',
  'change.import': 'Nhập danh sách',
  'change.period': 'Chốt số liệu',
  'change.ward': 'Tạo phường',
  'request.access': 'Yêu cầu xem dữ liệu',
  'request.rectify': 'Yêu cầu sửa dữ liệu',
  'request.erase': 'Yêu cầu xoá dữ liệu',
  'account.invite': 'Mời, phân công tài khoản',
  'device.revoke': 'Thu hồi thiết bị',
};

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị viên',
  officer: 'Cán bộ phường',
  leader: 'Tổ trưởng',
  volunteer: 'Tình nguyện viên',
};

/** Cells that would start a formula; Papa prefixes them with an apostrophe. */
const FORMULA = /^[=+\-@\t\r]/;

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** `2026-11-23 10:04:05`: the instant in Vietnam time (UTC+7, no daylight saving). */
export function vietnamTime(at: string): string {
  return new Date(Date.parse(at) + VIETNAM_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

function roleLabel(role: string): string {
  return role in ROLE_LABELS ? ROLE_LABELS[role as Role] : role;
}

function row(entry: AuditEntry): string[] {
  return [
    vietnamTime(entry.at),
    entry.actorId === null ? 'Hệ thống' : entry.actorName,
    roleLabel(entry.actorRole),
    entry.deviceLabel ?? entry.deviceId ?? '',
    `${ACTION_LABELS[entry.action] ?? entry.action} (${entry.action})`,
    entry.subject,
    JSON.stringify(entry.detail),
  ];
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const data = [[...AUDIT_CSV_HEADER], ...entries.map(row)];
  return BOM + Papa.unparse(data, { newline: '\r\n', escapeFormulae: FORMULA });
}
