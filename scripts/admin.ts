// Administrator accounts from the command line (docs/auth.md rule 9), against the database the server
// uses (DATA_DIR or DATABASE_URL, as for `npm run serve`):
//   npm run admin -- create-admin <username>   creates an administrator; prints a one-time password
//   npm run admin -- list-admins               lists administrators
//   npm run admin -- exposure --account <id|username> | --device <id> [--json]
//                                              what that account or device could have seen (docs/breach.md)
// With the embedded database, stop the server first: PGlite opens a data folder from one process only.
import { USERNAME_PATTERN, createAdmin } from '../src/server/auth/bootstrap';
import { exposureReport, exposureText, type ExposureKey } from '../src/server/breach/exposure';
import { loadConfig } from '../src/server/config';
import { printOneTimePassword } from '../src/server/log';
import { openStore, type Store } from '../src/server/store';

const USAGE = `Usage:
  npm run admin -- create-admin <username>   (3–40 of a-z 0-9 . _ -)
  npm run admin -- list-admins
  npm run admin -- exposure --account <id|username> | --device <id> [--json]`;

const COMMANDS = ['create-admin', 'list-admins', 'exposure'];

/** `--account X` / `--device X`, optionally `--json`; undefined when the arguments are anything else. */
function exposureArgs(args: string[]): { key: ExposureKey; json: boolean } | undefined {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  if (rest.length !== 2 || rest[1] === undefined) return undefined;
  const [flag, value] = rest as [string, string];
  if (flag === '--device') return { key: { deviceId: value }, json };
  if (flag === '--account') {
    return { key: { account: value }, json };
  }
  return undefined;
}

async function run(store: Store, command: string | undefined, args: string[]): Promise<number> {
  if (command === 'create-admin' && args.length === 1) {
    const username = args[0]!.trim().toLowerCase();
    if (!USERNAME_PATTERN.test(username)) {
      console.error(`"${args[0]}" is not a valid username.\n${USAGE}`);
      return 2;
    }
    const created = await createAdmin(store, username);
    if (created === 'username_taken') {
      console.error(`The username ${username} is already taken.`);
      return 1;
    }
    printOneTimePassword(username, created.password);
    return 0;
  }
  if (command === 'list-admins' && args.length === 0) {
    const admins = await store.listAdmins();
    if (admins.length === 0)
      console.log('No administrators yet (the server creates "admin" at its next start).');
    for (const admin of admins) {
      const pending = admin.mustChangePassword ? '  (one-time password not changed yet)' : '';
      console.log(
        `${admin.username ?? '(no username)'}\t${admin.fullName}\tcreated ${admin.createdAt}${pending}`,
      );
    }
    return 0;
  }
  if (command === 'exposure') {
    const parsed = exposureArgs(args);
    if (parsed === undefined) {
      console.error(USAGE);
      return 2;
    }
    const report = await exposureReport(store, parsed.key);
    if (report === undefined) {
      console.error('No such account or device.');
      return 1;
    }
    console.log(parsed.json ? JSON.stringify(report, null, 2) : exposureText(report));
    return 0;
  }
  console.error(USAGE);
  return 2;
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (command === undefined || !COMMANDS.includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(loaded.message);
    return 1;
  }
  const store = await openStore({ databaseUrl: loaded.config.databaseUrl, dataDir: loaded.config.dataDir });
  try {
    await store.migrate();
    return await run(store, command, args);
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`admin: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
