// Accounts a server starts with (docs/auth.md rule 9): the first administrator, with a random
// one-time password the operator sees once, and — only alongside the demo ward — its demo officer.
import { newId } from '../../shared';
import { DEMO_WARD, seedDemo, type AccountRecord, type Store } from '../store';
import { hashPassword } from './password';
import { newOneTimePassword } from './tokens';

export const FIRST_ADMIN_USERNAME = 'admin';

/** What a username may be (src/shared/auth.ts usernameSchema). */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;

/** The demo ward's officer. Public on purpose (README); created only by the demo seed. */
export const DEMO_OFFICER = {
  username: 'canbo.hongan',
  password: 'hongan-demo-2026',
  fullName: 'Nguyễn Thị Lan (cán bộ demo)',
} as const;

export interface OneTimeCredentials {
  account: AccountRecord;
  /** In clear, to be shown once to the operator; never stored or logged. */
  password: string;
}

/** A new administrator with a random one-time password (must be changed at first sign-in). */
export async function createAdmin(
  store: Store,
  username: string,
  now: Date = new Date(),
): Promise<OneTimeCredentials | 'username_taken'> {
  const password = newOneTimePassword();
  const account = await store.createAccount(
    {
      id: newId(),
      role: 'admin',
      wardCode: null,
      fullName: 'Quản trị viên',
      username,
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
    },
    now,
  );
  return account === 'username_taken' ? account : { account, password };
}

export interface BootstrapResult {
  /** Set when this start created the first administrator. */
  admin?: OneTimeCredentials;
  /** True when this start seeded the demo ward and its officer. */
  seededDemo: boolean;
}

/**
 * After migrations: the first administrator when there is none, then (if enabled) the demo ward and
 * its officer when the database has no ward. Safe to run on every start, and by two servers at once.
 */
export async function bootstrap(store: Store, options: { seedDemo: boolean }): Promise<BootstrapResult> {
  const result: BootstrapResult = { seededDemo: false };
  if ((await store.listAdmins()).length === 0) {
    const created = await createAdmin(store, FIRST_ADMIN_USERNAME);
    // Taken: another server starting at the same moment created it (and printed its password).
    if (created !== 'username_taken') result.admin = created;
  }
  if (options.seedDemo && (await seedDemo(store))) {
    await store.createAccount(
      {
        id: newId(),
        role: 'officer',
        wardCode: DEMO_WARD.code,
        fullName: DEMO_OFFICER.fullName,
        username: DEMO_OFFICER.username,
        passwordHash: await hashPassword(DEMO_OFFICER.password),
      },
      new Date(),
    );
    result.seededDemo = true;
  }
  return result;
}
