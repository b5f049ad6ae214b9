// Date and time as people in Vietnam write them: dd/mm/yyyy HH:mm (24-hour), in the phone's time zone.

const pad = (n: number): string => String(n).padStart(2, '0');

/** "23/11/2026 15:04" from an ISO instant; '' for an unreadable one. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${formatDateOf(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "23/11/2026" from an ISO instant; '' for an unreadable one. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : formatDateOf(d);
}

function formatDateOf(d: Date): string {
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** "23/11/2026" from a calendar date "2026-11-23"; '' for anything else. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** Today on this phone as "2026-11-23" (local time: the volunteer's day, not UTC's). */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
