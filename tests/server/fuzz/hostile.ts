// Hostile text for the fuzzing suite (docs/privacy.md H1–H2): markup and script, SQL fragments, control
// characters and NUL, bidi and zero-width marks, emoji, lone surrogates, Vietnamese in NFC and NFD,
// spreadsheet formulas, over-long strings, and one 10 MB string (sent once per route with a body).
import fc from 'fast-check';

const NAME = 'Nguyễn Thị Hoà';

/** What the issue names, and their neighbours. Short enough to fit most text fields' limits. */
export const HOSTILE_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload=alert(1)>',
  'javascript:alert(1)',
  "'; DROP TABLE residents; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10)',
  '$1::text',
  '%s%n%x',
  'a\u0000b',
  '\u0000',
  'x\u0007\u001b[31mred\u001b[0m',
  'line\r\nbreak',
  '\tindented',
  '\u202eevil.exe\u202c',
  '\u2066isolated\u2069',
  'Nguyễn\u200fThị',
  '👩‍👩‍👧‍👦 🇻🇳',
  'a\u200db\u200cc\u2060d',
  '\ud800',
  'x\udfffy',
  '\ufeffBOM',
  NAME.normalize('NFC'),
  NAME.normalize('NFD'),
  'Trần Văn Hoà'.normalize('NFD').toUpperCase(),
  '=HYPERLINK("http://evil.example","bấm")',
  '+1+cmd|calc',
  '-2+3',
  '@SUM(A1)',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%00',
  '\\',
  '"',
  '',
  ' ',
  '  padded  ',
  '__proto__',
  '{"$ne":null}',
  'x'.repeat(101),
  'ệ'.repeat(2001),
  '0'.repeat(5000),
];

let tenMb: string | undefined;

/** 10 MB of text (made on first use): above every JSON body limit but the imports', below the unsynced import's 16 MB. */
export function tenMbText(): string {
  tenMb ??= 'Hoà<script>'.repeat(Math.ceil((10 * 1024 * 1024) / 11)).slice(0, 10 * 1024 * 1024);
  return tenMb;
}

/** A hostile string (never the 10 MB one: that has its own slot). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  // Two hostile pieces around ordinary text: "Hoà<script>…</script>\u0000"
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_STRINGS))
      .map(([a, b]) => `${a}Hoà${b}`),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }) },
);

/**
 * Names a resident may really carry (schema: 2–100 characters, trimmed, no control characters) that a
 * page or a spreadsheet must still show as text: the e2e and export tests push these.
 */
export const HOSTILE_NAMES: readonly string[] = [
  '<img src=x onerror="window.__xss=1">',
  '"><img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  "'; DROP TABLE residents; --",
  "' OR '1'='1",
  '\u202eevil\u202c Hoà',
  '\u2066Lê\u2069 Văn Tám',
  NAME.normalize('NFD'),
  '=HYPERLINK("http://evil.example","bấm")',
];
