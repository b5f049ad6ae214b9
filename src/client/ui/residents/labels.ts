// The words the residents screens show for coded values (status, age band, result kind, VNeID channel,
// consent method and purpose) and for counts — always through the message catalogues.
import type {
  CompletionKind,
  ConsentMethod,
  ConsentPurpose,
  ResidentStatus,
  VneidChannel,
} from '../../../shared';
import { locale, t, type MessageKey } from '../i18n';
import type { RosterBand } from './roster-index';

const STATUS: Record<ResidentStatus, MessageKey> = {
  not_reached: 'residents.statusValue.not_reached',
  trained: 'residents.statusValue.trained',
  confirmed: 'residents.statusValue.confirmed',
};

const BAND: Record<RosterBand, MessageKey> = {
  '18-35': 'residents.bandValue.18-35',
  '36-59': 'residents.bandValue.36-59',
  '60+': 'residents.bandValue.60+',
  under18: 'residents.bandValue.under18',
};

const KIND: Record<CompletionKind, MessageKey> = {
  trained: 'residents.kind.trained',
  passed: 'residents.kind.passed',
  vneid: 'residents.kind.vneid',
};

const CHANNEL: Record<VneidChannel, MessageKey> = {
  vneid_app: 'residents.channel.vneid_app',
  platform_certificate: 'residents.channel.platform_certificate',
  paper: 'residents.channel.paper',
  resident_word: 'residents.channel.resident_word',
};

const METHOD: Record<ConsentMethod, MessageKey> = {
  verbal: 'residents.form.method.verbal',
  signed: 'residents.form.method.signed',
};

const PURPOSE: Record<ConsentPurpose, MessageKey> = {
  registration: 'residents.page.purpose.registration',
  contact: 'residents.page.purpose.contact',
};

export const statusLabel = (status: ResidentStatus): string => t(STATUS[status]);
export const bandLabel = (band: RosterBand): string => t(BAND[band]);
export const kindLabel = (kind: CompletionKind): string => t(KIND[kind]);
export const channelLabel = (channel: VneidChannel): string => t(CHANNEL[channel]);
export const methodLabel = (method: ConsentMethod): string => t(METHOD[method]);
export const purposeLabel = (purpose: ConsentPurpose): string => t(PURPOSE[purpose]);

const NUMBER_FORMATS = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-GB') };

/** "10.000" in Vietnamese, "10,000" in English (formatters made once: toLocaleString is slow per call). */
export function formatCount(n: number): string {
  return NUMBER_FORMATS[locale.value].format(n);
}
