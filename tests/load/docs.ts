// The documents a simulated device types in: residents of its groups, training sessions they attended
// and their completions (built on the test makers, valid under the shared schemas), the edits it makes
// afterwards, and the seeded random numbers that choose all of it.
import type { PlainDoc } from '../../src/shared';
import { prng } from '../helpers/fault-proxy';
import { makeCompletion, makeResident, makeSession } from '../helpers/server';

export type Random = () => number;

/** The fault proxy's seeded generator (mulberry32), so a run's documents can be made again. */
export const seededRandom: (seed: number) => Random = prng;

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Thu'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Hạnh', 'Hoa', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phúc'];

/** What one device records before it syncs: residents, the sessions they attended, their completions. */
export interface DeviceRecords {
  residents: PlainDoc[];
  sessions: PlainDoc[];
  completions: PlainDoc[];
}

/**
 * `residents` residents spread over the device's groups, one session per ten of them (attended by up
 * to eight of the group's residents), and a completion for every other resident (trained or VNeID).
 */
export function deviceRecords(
  random: Random,
  wardCode: string,
  groups: readonly string[],
  volunteer: string,
  residents: number,
): DeviceRecords {
  const now = new Date().toISOString();
  const stamp = { createdAt: now, updatedAt: now };
  const people = Array.from({ length: residents }, () => {
    const birthYear = 1940 + Math.floor(random() * 66);
    return makeResident(wardCode, pick(random, groups), {
      fullName: `${pick(random, FAMILY)} ${pick(random, MIDDLE)} ${pick(random, GIVEN)}`,
      birthYear,
      sex: random() < 0.5 ? 'female' : 'male',
      consents: [
        {
          purpose: 'registration',
          askedBy: volunteer,
          date: now.slice(0, 10),
          method: 'verbal',
          wordingVersion: 'v1',
        },
      ],
      ...stamp,
    });
  });
  const sessions = Array.from({ length: Math.ceil(residents / 10) }, (_, i) => {
    const groupId = groups[i % groups.length]!;
    const attendees = people.filter((p) => p['groupId'] === groupId).slice(0, 8);
    return makeSession(wardCode, groupId, {
      place: `Nhà văn hoá ${groupId}`,
      trainers: [volunteer],
      attendeeIds: attendees.map((p) => p['id']),
      ...stamp,
    });
  });
  const completions = people
    .filter((_, i) => i % 2 === 0)
    .map((person, i) =>
      makeCompletion(wardCode, String(person['groupId']), {
        residentId: person['id'],
        recordedBy: volunteer,
        ...(i % 2 === 0
          ? {
              kind: 'trained',
              vneid: undefined,
              skills: [{ catalogue: '5-ky-nang', version: '2024', code: '1' }],
            }
          : {}),
        ...stamp,
      }),
    );
  return { residents: people, sessions, completions: completions.map(dropUndefined) };
}

/** JSON has no undefined: the state the server stores and the one the device remembers must agree. */
function dropUndefined(doc: PlainDoc): PlainDoc {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));
}

/** A volunteer corrects a resident's name (a new state of the whole record, as the app saves it). */
export function renamed(resident: PlainDoc): PlainDoc {
  return {
    ...resident,
    fullName: `${String(resident['fullName'])} Anh`,
    updatedAt: new Date().toISOString(),
  };
}

/** A volunteer removes the last attendee of a session ticked by mistake. */
export function withoutLastAttendee(session: PlainDoc): PlainDoc {
  const attendees = session['attendeeIds'] as string[];
  return { ...session, attendeeIds: attendees.slice(0, -1), updatedAt: new Date().toISOString() };
}

/** A volunteer deletes a completion recorded by mistake: a tombstone of the whole record. */
export function deleted(completion: PlainDoc): PlainDoc {
  return { ...completion, _deleted: true, updatedAt: new Date().toISOString() };
}
