// B3 and B6's device side: records captured on a harness device (tests/sync/harness.ts, RxDB memory
// storage) through its repositories, as a volunteer types them — half residents (varied names, years,
// some with a phone and contact consent), half one "trained" completion each — and a meter on the
// device's fetch that counts the request bodies as they leave (gzip-encoded when large).
import { emptyCompletionDraft, EMPTY_RESIDENT_DRAFT, type ResidentDraft } from '../../../src/client/db';
import { saved, type TestDevice } from '../../sync/harness';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Đức', 'Thanh', 'Minh', 'Ngọc', 'Quang', 'Xuân', 'Thu'];
const GIVEN = [
  'An', 'Bình', 'Cúc', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hoa', 'Hùng', 'Hương', 'Khánh', 'Lan',
  'Linh', 'Loan', 'Long', 'Mai', 'Nam', 'Nga', 'Nhung', 'Phúc', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo',
  'Thắng', 'Thủy', 'Tiến', 'Trang', 'Trung', 'Tuấn', 'Vân', 'Việt', 'Xuân', 'Yến',
]; // prettier-ignore

/** Records are saved this many at a time (the repositories are async; RxDB batches nothing for us). */
const PARALLEL = 25;

/** The n-th resident as the add form hands it over. */
function residentDraft(n: number, groupIds: readonly string[]): ResidentDraft {
  const withPhone = n % 3 === 0;
  return {
    ...EMPTY_RESIDENT_DRAFT,
    fullName: `${FAMILY[n % FAMILY.length]} ${MIDDLE[(n >> 2) % MIDDLE.length]} ${GIVEN[(n * 7) % GIVEN.length]}`,
    birthYear: String(1940 + ((n * 13) % 66)),
    sex: n % 2 === 0 ? 'female' : 'male',
    groupId: groupIds[n % groupIds.length]!,
    phone: withPhone ? `09${String((n * 7_919_993) % 100_000_000).padStart(8, '0')}` : '',
    consent: { registration: true, contact: withPhone, method: 'verbal', date: '' },
  };
}

/**
 * Saves `count` records on the device: ⌈count/2⌉ residents and a completion for each of the first
 * ⌊count/2⌋ of them. `offset` keeps names and phones different from an earlier call's.
 */
export async function captureRecords(
  device: TestDevice,
  count: number,
  groupIds: readonly string[],
  offset = 0,
): Promise<void> {
  const residents = Math.ceil(count / 2);
  const completions = count - residents;
  const one = async (i: number) => {
    const resident = await saved(device.db.residents.add(residentDraft(offset + i, groupIds)));
    if (i >= completions) return;
    await saved(
      device.db.completions.add({
        ...emptyCompletionDraft(resident.id),
        kind: 'trained',
        date: `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2025`,
        skills: [{ catalogue: '5-ky-nang', version: '2024', code: String(1 + (i % 5)) }],
      }),
    );
  };
  for (let i = 0; i < residents; i += PARALLEL) {
    const end = Math.min(residents, i + PARALLEL);
    await Promise.all(Array.from({ length: end - i }, (_, k) => one(i + k)));
  }
}

export interface WireMeter {
  /** Push request bodies as sent (compressed when large), in bytes. */
  pushBytes: number;
  pushRequests: number;
  /** Push bodies that left gzip-encoded. */
  gzipped: number;
  /** Every request body of the device (pushes, and the few others). */
  allBytes: number;
  reset(): void;
}

/** Counts the device's request bodies from now on (the harness's fetch hook, called once per request). */
export function meterWire(device: TestDevice): WireMeter {
  const meter: WireMeter = {
    pushBytes: 0,
    pushRequests: 0,
    gzipped: 0,
    allBytes: 0,
    reset() {
      Object.assign(meter, { pushBytes: 0, pushRequests: 0, gzipped: 0, allBytes: 0 });
    },
  };
  device.net.before = (url, init) => {
    const body = init.body;
    const bytes =
      typeof body === 'string' ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : 0;
    meter.allBytes += bytes;
    if (new URL(url).pathname.endsWith('/push')) {
      meter.pushBytes += bytes;
      meter.pushRequests += 1;
      if (new Headers(init.headers).get('content-encoding') === 'gzip') meter.gzipped += 1;
    }
    return init;
  };
  return meter;
}
