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
