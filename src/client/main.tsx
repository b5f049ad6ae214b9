// Composition root: renders at once (offline too), finds the device's ward, opens the local database,
// then loads and starts sync lazily so replication code stays out of the first-screen bundle.
import { render } from 'preact';
import { createDatabase, idbKeyValue } from './db';
import {
  browserNetwork,
  fetchWards,
  registerServiceWorker,
  requestPersistentStorage,
  resolveWard,
  storeWard,
  WARD_NAME_KEY,
  type WardInfo,
} from './platform';
import { App, createScreenSignals, loadLocale, type AppModel } from './ui';

const kv = idbKeyValue();
const network = browserNetwork();
const appUpdate = registerServiceWorker();
const { screen, sync } = createScreenSignals();
let finding = false;

const model: AppModel = {
  screen,
  sync,
  kv,
  update: { needRefresh: appUpdate.needRefresh, apply: () => void appUpdate.apply() },
  chooseWard: (ward) => void chooseWard(ward),
  retryWards: () => void findWard(),
};

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
root.textContent = ''; // the static "loading" text from index.html; Preact would otherwise keep it
render(<App model={model} />, root);

void loadLocale(kv);
void requestPersistentStorage();
void findWard();

async function findWard(): Promise<void> {
  if (finding) return;
  finding = true;
  try {
    if (screen.value.kind !== 'starting') screen.value = { kind: 'loading-wards' };
    const found = await resolveWard(kv, () => fetchWards());
    if (found.kind === 'ready') await openWard(found.ward);
    else if (found.kind === 'choose') screen.value = { kind: 'choose-ward', wards: found.wards };
    else screen.value = { kind: found.kind };
  } catch {
    screen.value = { kind: 'db-failed' }; // the settings store itself is unreadable
  } finally {
    finding = false;
  }
}

async function chooseWard(ward: WardInfo): Promise<void> {
  try {
    await storeWard(kv, ward);
  } catch {
    // Not remembered: the app still works now and asks again next time.
  }
  await openWard(ward);
}

async function openWard(ward: WardInfo): Promise<void> {
  let db;
  try {
    db = await createDatabase({ wardCode: ward.code });
  } catch {
    screen.value = { kind: 'db-failed' };
    return;
  }
  screen.value = { kind: 'ready', ward, db };
  if (!ward.name) void fillWardName(ward);
  try {
    const { startSync } = await import('./sync');
    sync.value = await startSync({ db, wardCode: ward.code, kv, network });
  } catch {
    sync.value = 'failed';
  }
}

/** A ward stored without its name (older settings): look the name up once the network allows. */
async function fillWardName(ward: WardInfo): Promise<void> {
  const answer = await fetchWards();
  const name = answer.ok ? answer.wards.find((w) => w.code === ward.code)?.name : undefined;
  if (!name) return;
  await kv.set(WARD_NAME_KEY, name).catch(() => undefined);
  const current = screen.value;
  if (current.kind === 'ready') screen.value = { ...current, ward: { ...ward, name } };
}
