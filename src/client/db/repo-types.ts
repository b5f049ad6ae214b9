// The contract between the device's screens and its data: what each form hands over (drafts, exactly as
// typed), what comes back (the saved record, or catalogue keys per field), and the live queries screens
// use. Implemented in client/db over RxDB; screens never see RxDB.
import type {
  Completion,
  CompletionKind,
  Resident,
  ResidentialGroup,
  SessionFormat,
  SkillRef,
  TrainingSession,
  VneidChannel,
} from '../../shared';

/** Who is using the device (the enrolled account): stamped as "asked by" / "recorded by". */
export interface Actor {
  id: string;
  name: string;
}

/**
 * Catalogue keys (`validation.<key>` in the UI) per field; `form` for failures not tied to one field
 * (`storage.full`, `storage.failed`, `record.missing`).
 */
export type FieldErrors<F extends string> = Partial<Record<F | 'form', string>>;

export type SaveResult<T, F extends string> = { ok: true; record: T } | { ok: false; errors: FieldErrors<F> };

/** Calls back now and on every change; returns an unsubscribe. */
export type Watch<T> = (onChange: (value: T) => void) => () => void;

// ---------------------------------------------------------------------------------------------------
// Residents

/** Consent as the form asks it: one tick per purpose, how it was given, and the day (dd/mm/yyyy). */
export interface ConsentDraft {
  registration: boolean;
  contact: boolean;
  method: '' | 'verbal' | 'signed';
  /** dd/mm/yyyy; empty = today. */
  date: string;
}

export interface ResidentDraft {
  fullName: string;
  /** Four digits, as typed. */
  birthYear: string;
  /** Optional, dd/mm/yyyy as typed; must fall in birthYear. */
  birthDate: string;
  sex: '' | 'female' | 'male';
  groupId: string;
  phone: string;
  citizenIdLast4: string;
  consent: ConsentDraft;
}

export type ResidentField =
  | 'fullName'
  | 'birthYear'
  | 'birthDate'
  | 'sex'
  | 'groupId'
  | 'phone'
  | 'citizenIdLast4'
  | 'consent'
  | 'consentMethod'
  | 'consentDate';

export type ResidentSave = SaveResult<Resident, ResidentField>;

export interface ResidentsRepo {
  /** Refuses (errors.consent = 'consent.required') unless registration consent is ticked. */
  add(draft: ResidentDraft): Promise<ResidentSave>;
  /**
   * Saves an edit. Consents are history: an existing consent is kept; newly ticked purposes are added
   * (asked by the actor, today unless a date is given); an unticked one gets `withdrawnOn` = today.
   */
  update(id: string, draft: ResidentDraft): Promise<ResidentSave>;
  get(id: string): Promise<Resident | null>;
  /** The form's view of a saved resident (dates as dd/mm/yyyy, consent ticks from live consents). */
  draftOf(resident: Resident): ResidentDraft;
  /** Every live (not deleted) resident, in no particular order (screens sort). */
  watchAll: Watch<Resident[]>;
  /** Live residents with the same duplicate key (group + name ignoring accents + birth year). */
  possibleDuplicates(
    probe: { groupId: string; fullName: string; birthYear: string },
    excludeId?: string,
  ): Promise<Resident[]>;
  count(): Promise<number>;
}

export const EMPTY_RESIDENT_DRAFT: ResidentDraft = {
  fullName: '',
  birthYear: '',
  birthDate: '',
  sex: '',
  groupId: '',
  phone: '',
  citizenIdLast4: '',
  consent: { registration: false, contact: false, method: '', date: '' },
};

// ---------------------------------------------------------------------------------------------------
// Training sessions

export interface SessionDraft {
  /** dd/mm/yyyy. */
  date: string;
  place: string;
  format: '' | SessionFormat;
  groupId: string;
  skills: SkillRef[];
  /** Names as typed; blank entries are dropped. */
  trainers: string[];
  attendeeIds: string[];
  notes: string;
}

export type SessionField =
  'date' | 'place' | 'format' | 'groupId' | 'skills' | 'trainers' | 'attendeeIds' | 'notes';

export type SessionSave = SaveResult<TrainingSession, SessionField>;

export interface SessionsRepo {
  add(draft: SessionDraft): Promise<SessionSave>;
  update(id: string, draft: SessionDraft): Promise<SessionSave>;
  get(id: string): Promise<TrainingSession | null>;
  draftOf(session: TrainingSession): SessionDraft;
  /** Live sessions, newest date first. */
  watchAll: Watch<TrainingSession[]>;
}

// ---------------------------------------------------------------------------------------------------
// Completions (trained / passed / VNeID confirmation)

export interface CompletionDraft {
  residentId: string;
  kind: '' | CompletionKind;
  /** dd/mm/yyyy. */
  date: string;
  /** For trained / passed. */
  skills: SkillRef[];
  /** For a VNeID confirmation: what the volunteer saw, as shown. */
  vneid: { channel: '' | VneidChannel; courseName: string; issuer: string; recordNumber: string };
  notes: string;
}

export type CompletionField =
  | 'residentId'
  | 'kind'
  | 'date'
  | 'skills'
  | 'vneid.channel'
  | 'vneid.courseName'
  | 'vneid.issuer'
  | 'vneid.recordNumber'
  | 'notes';

export type CompletionSave = SaveResult<Completion, CompletionField>;

export interface CompletionsRepo {
  /** The group is taken from the resident; refuses with form 'record.missing' if the resident is unknown. */
  add(draft: CompletionDraft): Promise<CompletionSave>;
  /** Tombstones it (a mistaken entry); it stays on the server as a deletion. */
  remove(id: string): Promise<void>;
  /** Live completions, newest date first. */
  watchAll: Watch<Completion[]>;
}

export const emptyCompletionDraft = (residentId: string): CompletionDraft => ({
  residentId,
  kind: '',
  date: '',
  skills: [],
  vneid: { channel: '', courseName: '', issuer: '', recordNumber: '' },
  notes: '',
});

// ---------------------------------------------------------------------------------------------------
// Groups (pulled from the server)

export interface GroupsRepo {
  /** Live groups of the ward in name order. */
  watchAll: Watch<ResidentialGroup[]>;
}
