// The privacy tab's words for codes: audit actions, request kinds, consent purposes and methods, completion
// kinds, roles, a short record id, a summary of an entry's detail, and the validation messages of a 400.
import type { Consent } from '../../../../shared';
import type { AuditAction, SubjectRequest, SubjectRequestKind } from '../../../../shared/privacy-api';
import { ApiError } from '../../../api';
import { failureMessage } from '../../failure-message';
import { formatDateTime, formatDay, isMessageKey, t, validationMessage, type MessageKey } from '../../i18n';
import { ROLE_KEYS } from '../../roles';

export const AUDIT_ACTION_WORDS: Record<AuditAction, MessageKey> = {
  'read.roster': 'privacy.audit.action.read.roster',
  'read.export': 'privacy.audit.action.read.export',
  'read.search': 'privacy.audit.action.read.search',
  'read.history': 'privacy.audit.action.read.history',
  'read.duplicates': 'privacy.audit.action.read.duplicates',
  'read.audit': 'privacy.audit.action.read.audit',
  'read.quarantine': 'privacy.audit.action.read.quarantine',
  'read.import': 'privacy.audit.action.read.import',
  'change.sync': 'privacy.audit.action.change.sync',
  'change.merge': 'privacy.audit.action.change.merge',
  'change.groups': 'privacy.audit.action.change.groups',
  'change.settings': 'privacy.audit.action.change.settings',
  'change.import': 'privacy.audit.action.change.import',
  'change.period': 'privacy.audit.action.change.period',
  'change.ward': 'privacy.audit.action.change.ward',
  'request.access': 'privacy.audit.action.request.access',
  'request.rectify': 'privacy.audit.action.request.rectify',
  'request.erase': 'privacy.audit.action.request.erase',
  'account.invite': 'privacy.audit.action.account.invite',
  'device.revoke': 'privacy.audit.action.device.revoke',
};

export const REQUEST_KIND_WORDS: Record<SubjectRequestKind, MessageKey> = {
  access: 'privacy.kindOf.access',
  rectify: 'privacy.kindOf.rectify',
  erase: 'privacy.kindOf.erase',
};

export const PURPOSE_WORDS: Record<Consent['purpose'], MessageKey> = {
  registration: 'privacy.purpose.registration',
  contact: 'privacy.purpose.contact',
};

export const METHOD_WORDS: Record<Consent['method'], MessageKey> = {
  verbal: 'privacy.method.verbal',
  signed: 'privacy.method.signed',
};

/** The resident fields a correction may name, in the form's order. */
export const FIELD_WORDS = {
  fullName: 'privacy.field.fullName',
  birthYear: 'privacy.field.birthYear',
  birthDate: 'privacy.field.birthDate',
  sex: 'privacy.field.sex',
  phone: 'privacy.field.phone',
  citizenIdLast4: 'privacy.field.citizenIdLast4',
} as const satisfies Record<string, MessageKey>;
export type RectifyField = keyof typeof FIELD_WORDS;

const COMPLETION_WORDS: Record<string, MessageKey> = {
  trained: 'privacy.kind.trained',
  passed: 'privacy.kind.passed',
  vneid: 'privacy.kind.vneid',
};

export function completionWords(kind: string): string {
  const key = COMPLETION_WORDS[kind];
  return key ? t(key) : kind;
}

/** "Cán bộ phường" for 'officer'; an unknown role as it is. */
export function roleWords(role: string): string {
  const key = (ROLE_KEYS as Record<string, MessageKey | undefined>)[role];
  return key ? t(key) : role;
}

/** A field name in words ("Số điện thoại" for 'phone'), else as it is. */
export function fieldWords(field: string): string {
  const key = (FIELD_WORDS as Record<string, MessageKey | undefined>)[field];
  return key ? t(key) : field;
}

/** "23/11/2026" for a day, "23/11/2026 15:04" for an instant, anything else as it is. */
export const dayOrTime = (value: string): string => formatDay(value) || formatDateTime(value) || value;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The first 8 characters of a record id: enough to find it, short enough to read. */
export const shortId = (id: string): string => id.slice(0, 8);

/** A text with every record id in it shortened ("residents/3f2b8c1e"). */
export const shortenIds = (text: string): string => text.replace(UUID, (id) => shortId(id));

/** What a logged request did, in words: the fields corrected, the records erased. */
export function requestResult(request: SubjectRequest): string {
  const detail = request.detail;
  if (request.kind === 'rectify') {
    const fields = Array.isArray(detail['fields']) ? detail['fields'].map(String) : [];
    return t('privacy.result.rectify', { fields: fields.map(fieldWords).join(', ') || '—' });
  }
  if (request.kind === 'erase') {
    const counts = isPlainObject(detail['erased']) ? detail['erased'] : detail;
    return t('privacy.result.erase', {
      residents: numberOf(counts['residents']),
      completions: numberOf(counts['completions']),
    });
  }
  return t('privacy.result.access');
}

const numberOf = (value: unknown): number | string => (typeof value === 'number' ? value : '?');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SUMMARY_MAX = 200;

/** An audit entry's detail as one line: "collection: residents · ids: 3 mục". Ids shortened. */
export function detailSummary(detail: Record<string, unknown>): string {
  const line = Object.entries(detail)
    .filter(([, value]) => !(Array.isArray(value) && value.length === 0) && value !== null)
    .map(([key, value]) => `${detailKeyWords(key)}: ${valueSummary(value)}`)
    .join(' · ');
  return line.length > SUMMARY_MAX ? `${line.slice(0, SUMMARY_MAX - 1)}…` : line;
}

/** A detail key in words when the catalogue has it ('privacy.detailKey.written'), else as stored. */
function detailKeyWords(key: string): string {
  const full = `privacy.detailKey.${key}`;
  return isMessageKey(full) ? t(full) : key;
}

function valueSummary(value: unknown): string {
  if (Array.isArray(value)) {
    const short = value.length <= 3 && value.every((v) => typeof v === 'string' || typeof v === 'number');
    return short
      ? value.map((v) => shortenIds(String(v))).join(', ')
      : t('privacy.detail.items', { n: value.length });
  }
  if (isPlainObject(value)) return `(${detailSummary(value)})`;
  if (typeof value === 'boolean') return t(value ? 'privacy.detail.yes' : 'privacy.detail.no');
  return shortenIds(String(value));
}

/**
 * The Vietnamese messages of a refused body (400 invalid_body), by field when the key names one. The
 * server's message is a catalogue key ('phone.invalid') or a list ("changes.phone: phone.invalid; …").
 */
export function invalidBodyMessages(err: unknown): { field: RectifyField | null; message: string }[] | null {
  if (!(err instanceof ApiError) || err.code !== 'invalid_body') return null;
  const keys = err.message
    .split(';')
    .map((part) => part.slice(part.lastIndexOf(':') + 1).trim())
    .filter((key) => isMessageKey(`validation.${key}`));
  if (keys.length === 0) return [{ field: null, message: validationMessage('unknown') }];
  return [...new Set(keys)].map((key) => {
    const field = key.split('.')[0] ?? '';
    return {
      field: Object.hasOwn(FIELD_WORDS, field) ? (field as RectifyField) : null,
      message: validationMessage(key),
    };
  });
}

/** Why a request failed, in words: the validation messages of a refused body, else the failure's. */
export function requestFailure(err: unknown): string {
  const invalid = invalidBodyMessages(err);
  if (invalid) return invalid.map((m) => m.message).join(' ');
  return failureMessage(err, { not_found: 'privacy.gone' });
}
