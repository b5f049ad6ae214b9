// A residential group's "not reached" list as a report table (for the group leader, tổ trưởng): the
// adults of the group who on the date have neither a basic-skills completion nor a VNeID confirmation,
// exactly as coverage counts them (store.groupRoster). The phone number is shown ONLY when the resident
// has a live "contact" consent (Nghị định 356/2025/NĐ-CP; DOMAIN.md "Personal data"). Pure: no I/O.
import { z } from 'zod/mini';
import { consentSchema, hasConsent, type PlainDoc } from '../../shared';
import type { RosterPerson } from '../store';
import { TITLE_LINES, dayText, type ReportTable, type TableCell } from './coverage-table';

export const NOT_REACHED_SHEET = 'Chưa tiếp cận';

export const NOT_REACHED_HEADER = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số điện thoại'];

const consentsSchema = z.array(consentSchema);

/** The resident's phone, or null when there is none or no live consent to be contacted. */
export function contactPhone(doc: PlainDoc): string | null {
  const phone = doc['phone'];
  if (typeof phone !== 'string' || phone === '') return null;
  const consents = consentsSchema.safeParse(doc['consents']);
  return consents.success && hasConsent(consents.data, 'contact') ? phone : null;
}

/** The adults of a roster who are not reached on its date, in the roster's order. */
export function notReachedPeople(roster: readonly RosterPerson[]): RosterPerson[] {
  return roster.filter((p) => p.adult && p.status === 'not_reached');
}

export interface NotReachedContext {
  wardCode: string;
  wardName: string;
  groupName: string;
  date: string;
  adultAge: number;
}

export function notReachedTable(ctx: NotReachedContext, roster: readonly RosterPerson[]): ReportTable {
  const people = notReachedPeople(roster);
  const rows = people.map((p, i): TableCell[] => {
    const birthYear = p.doc['birthYear'];
    const sex = p.doc['sex'];
    return [
      i + 1,
      String(p.doc['fullName'] ?? ''),
      typeof birthYear === 'number' ? birthYear : null,
      sex === 'female' ? 'Nữ' : sex === 'male' ? 'Nam' : null,
      contactPhone(p.doc),
    ];
  });
  const title = [
    `DANH SÁCH NGƯỜI CHƯA ĐƯỢC TIẾP CẬN — ${ctx.groupName}, ${ctx.wardName} (mã ${ctx.wardCode})`,
    `Số liệu tính đến ngày ${dayText(ctx.date)}`,
    `Người từ ${ctx.adultAge} tuổi trở lên chưa học kỹ năng số cơ bản và chưa xác nhận trên VNeID: ` +
      `${people.length} người. Số điện thoại chỉ ghi khi người dân đồng ý được liên hệ.`,
  ];
  if (title.length !== TITLE_LINES) throw new Error('report title lines');
  return {
    sheetName: NOT_REACHED_SHEET,
    title,
    header: NOT_REACHED_HEADER,
    rows,
    totals: null,
    percentColumns: [],
    widths: [6, 32, 10, 10, 16],
  };
}
