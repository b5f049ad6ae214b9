// Finding a resident for a data-subject request (docs/privacy.md): by part of the name (accents and case
// ignored, as on the phone: src/shared/names.ts), by the last 4 ID digits, or by a phone number. A bounded
// SQL prefilter (store.searchResidents), then the shared name rule, Vietnamese order, at most
// RESIDENT_SEARCH_LIMIT hits. Also the "to erase" list: residents whose registration consent is withdrawn.
import {
  RESIDENT_SEARCH_LIMIT,
  compareVietnameseNames,
  nameMatches,
  searchKey,
  type ResidentHit,
  type ResidentSearchResponse,
} from '../../shared';
import type { PrivacyResident, ResidentSearch, Store } from '../store';

/** Rows the prefilter may return: far more than a screen shows, few enough to refine in memory. */
const PREFILTER_MAX = 2000;

function hitOf(r: PrivacyResident): ResidentHit {
  const mergedInto = r.doc['mergedInto'];
  return {
    id: r.id,
    fullName: String(r.doc['fullName'] ?? ''),
    birthYear: typeof r.doc['birthYear'] === 'number' ? r.doc['birthYear'] : 0,
    sex: r.doc['sex'] === 'male' ? 'male' : 'female',
    groupId: r.groupId,
    groupName: r.groupName,
    ...(typeof mergedInto === 'string' ? { mergedInto } : {}),
    registrationConsent: !r.registrationWithdrawn,
  };
}

const byName = (a: ResidentHit, b: ResidentHit) =>
  compareVietnameseNames(a.fullName, b.fullName) || a.id.localeCompare(b.id);

/** Digits only (spaces, dots and dashes allowed): an ID ending or a phone number, +84 read as 0. */
function searchOf(q: string): ResidentSearch {
  const compact = q.replace(/[\s.-]/g, '');
  if (/^\+?\d+$/.test(compact)) return { digits: compact.replace(/^\+84/, '0').replace(/^\+/, '') };
  return { words: searchKey(q).split(' ') };
}

export async function searchResidents(
  store: Store,
  wardCode: string,
  q: string,
): Promise<ResidentSearchResponse> {
  const search = searchOf(q);
  const rows = await store.searchResidents(wardCode, search, PREFILTER_MAX);
  const matches = (
    search.words === undefined ? rows : rows.filter((r) => nameMatches(String(r.doc['fullName'] ?? ''), q))
  )
    .map(hitOf)
    .sort(byName);
  return { residents: matches.slice(0, RESIDENT_SEARCH_LIMIT), more: matches.length > RESIDENT_SEARCH_LIMIT };
}

/** Live residents whose registration consent is withdrawn, in Vietnamese order. */
export async function withdrawnResidents(store: Store, wardCode: string): Promise<ResidentHit[]> {
  return (await store.withdrawnResidents(wardCode)).map(hitOf).sort(byName);
}
