// Vietnamese names: a search key that ignores diacritics and case (đ ≈ d), and the ordering used on
// Vietnamese lists — by given name (the last word), then the rest of the name from the family name on.

/** Text a person typed, as stored: NFC (keyboards send NFC or NFD), single spaces, trimmed. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Lower-case, diacritics removed (đ/Đ → d), single spaces: "Nguyễn  Văn Đức" → "nguyen van duc". */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query starts a word of the name (in order-free fashion), ignoring accents. */
export function nameMatches(name: string, query: string): boolean {
  const q = searchKey(query);
  if (q === '') return true;
  const key = searchKey(name);
  if (key.includes(q)) return true;
  const words = key.split(' ');
  return q.split(' ').every((part) => words.some((w) => w.startsWith(part)));
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Splits a full name into the given name (last word) and the rest (family and middle names). */
export function givenName(fullName: string): { given: string; rest: string } {
  const words = fullName.normalize('NFC').trim().split(/\s+/);
  const given = words.pop() ?? '';
  return { given, rest: words.join(' ') };
}

/** Vietnamese list order: given name first, then family + middle name, then the full text as a tie-break. */
export function compareVietnameseNames(a: string, b: string): number {
  const x = givenName(a);
  const y = givenName(b);
  return collator.compare(x.given, y.given) || collator.compare(x.rest, y.rest) || collator.compare(a, b);
}

/**
 * The key under which two residents are "possibly the same person": same group, same name ignoring
 * accents, case and spacing, same birth year. Used for the warning at entry and for duplicate proposals.
 */
export function duplicateKey(r: { groupId: string; fullName: string; birthYear: number }): string {
  return `${r.groupId}|${searchKey(r.fullName)}|${r.birthYear}`;
}
