// Records in plain words for the officer's "Bản ghi" section: what kind of record, a one-line summary,
// field names and values as people read them (dates dd/mm/yyyy HH:mm), and which fields differ between
// two versions of a record. Everything is text: nothing from a record is ever rendered as markup.
import { canonicalJson, type PlainDoc, type RecordSummary } from '../../../shared';
import { formatDateTime, formatDay, isMessageKey, t, type MessageKey } from '../i18n';

const KIND: Record<string, MessageKey> = {
  residents: 'records.kind.residents',
  sessions: 'records.kind.sessions',
  completions: 'records.kind.completions',
  groups: 'records.kind.groups',
};

/** "Người dân", "Buổi hướng dẫn"… for a collection name. */
export function kindLabel(collection: string): string {
  return t(KIND[collection] ?? 'records.kind.other');
}

const COMPLETION_KIND: Record<string, MessageKey> = {
  trained: 'attention.kind.trained',
  passed: 'attention.kind.passed',
  vneid: 'attention.kind.vneid',
};

/** One line a person recognises the record by, e.g. "Nguyễn Thị Hoa, sinh năm 1958". */
export function summaryText(collection: string, s: RecordSummary): string {
  const text = mainText(collection, s);
  return s.deleted ? `${text} ${t('records.summary.deleted')}` : text;
}

function mainText(collection: string, s: RecordSummary): string {
  const day = s.date === undefined ? undefined : formatDay(s.date) || s.date;
  if (collection === 'residents' && s.name !== undefined) {
    return s.birthYear === undefined
      ? s.name
      : t('records.summary.resident', { name: s.name, year: s.birthYear });
  }
  if (collection === 'sessions' && day !== undefined) {
    return s.place === undefined ? day : t('records.summary.session', { date: day, place: s.place });
  }
  if (collection === 'completions' && s.kind !== undefined) {
    const kind = t(COMPLETION_KIND[s.kind] ?? 'attention.kind.unknown');
    return day === undefined ? kind : t('records.summary.completion', { kind, date: day });
  }
  if (s.name !== undefined) return s.name;
  return t('records.summary.unknown');
}

/** A field's name as people say it; the raw name when we have none. */
export function fieldLabel(key: string): string {
  const full = `records.field.${key}`;
  return isMessageKey(full) ? t(full) : key;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const LIST_SHOWN = 5;
const TEXT_MAX = 200;

/** A field's value as text: dates as dd/mm/yyyy (HH:mm), known codes in words, long lists as a count. */
export function valueText(key: string, value: unknown, groupNames?: ReadonlyMap<string, string>): string {
  if (value === undefined || value === null || value === '') return t('records.history.blank');
  if (typeof value === 'string') {
    if (key === 'groupId') return groupNames?.get(value) ?? value;
    if (key === 'sex' && (value === 'female' || value === 'male')) return t(`sex.${value}`);
    if (key === 'kind' && COMPLETION_KIND[value]) return t(COMPLETION_KIND[value]);
    const format = `sessions.format.${value}`;
    if (key === 'format' && isMessageKey(format)) return t(format);
    if (INSTANT.test(value)) return formatDateTime(value) || value;
    if (DAY.test(value)) return formatDay(value) || value;
    return value.length > TEXT_MAX ? `${value.slice(0, TEXT_MAX)}…` : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const simple = value.every((v) => typeof v === 'string' || typeof v === 'number');
    if (simple && value.length <= LIST_SHOWN) return value.join(', ');
    return t('records.value.items', { count: value.length });
  }
  const json = JSON.stringify(value);
  return json.length > TEXT_MAX ? `${json.slice(0, TEXT_MAX)}…` : json;
}

/** One version of a record: its fields and whether it is a deletion. */
export interface RecordVersion {
  doc: PlainDoc;
  deleted: boolean;
}

export interface FieldChange {
  key: string;
  field: string;
  before: string;
  after: string;
}

/** Fields shown first, in this order; the rest follow alphabetically. */
const ORDER = [
  'fullName',
  'birthYear',
  'birthDate',
  'sex',
  'phone',
  'groupId',
  'date',
  'place',
  'kind',
  'residentId',
  'format',
  'skills',
  'trainers',
  'attendeeIds',
  'vneid',
  'notes',
  'consents',
];

/** The fields that differ from one version to the next (the deletion flag shown as "Trạng thái"). */
export function changesBetween(
  before: RecordVersion,
  after: RecordVersion,
  groupNames?: ReadonlyMap<string, string>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  if (before.deleted !== after.deleted) {
    const status = (deleted: boolean) => t(deleted ? 'records.history.deleted' : 'records.history.live');
    changes.push({
      key: '_deleted',
      field: t('records.history.status'),
      before: status(before.deleted),
      after: status(after.deleted),
    });
  }
  const rank = (key: string) => (ORDER.includes(key) ? ORDER.indexOf(key) : ORDER.length);
  const keys = [...new Set([...Object.keys(before.doc), ...Object.keys(after.doc)])].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  for (const key of keys) {
    if (canonicalJson(before.doc[key]) === canonicalJson(after.doc[key])) continue;
    changes.push({
      key,
      field: fieldLabel(key),
      before: valueText(key, before.doc[key], groupNames),
      after: valueText(key, after.doc[key], groupNames),
    });
  }
  return changes;
}
