// The volunteer's working app: header with ward and sync status, the screen for the current address
// (router.ts), and a bottom bar to the four main places — residents, sessions, tally, account.
import { useEffect, useState } from 'preact/hooks';
import type { CatalogueFile } from '../../shared';
import type { AppDatabase } from '../db';
import { loadCatalogueFile } from '../platform/catalogue';
import type { DeviceSession } from '../session';
import type { SyncController } from '../sync';
import { AccountPanel } from './account-panel';
import { AppHeader } from './app-header';
import type { AppModel } from './app-state';
import { AttentionScreen } from './attention/attention-screen';
import { ConsentText } from './consent/consent-text';
import { FieldProvider } from './field-context';
import { t, type MessageKey } from './i18n';
import { CompletionScreen } from './residents/completion-screen';
import { ResidentEditScreen } from './residents/resident-edit-screen';
import { ResidentScreen } from './residents/resident-screen';
import { RosterScreen } from './residents/roster-screen';
import { navigate, route, type Route } from './router';
import { SessionEditScreen } from './sessions/session-edit-screen';
import { SessionListScreen } from './sessions/session-list-screen';
import { SyncIndicator } from './sync-indicator';
import { TallyScreen } from './tally/tally-screen';
import { UpdatePrompt } from './update-prompt';
import { useSyncStatus } from './use-sync-status';

export function FieldApp({ model, session }: { model: AppModel; session: DeviceSession }) {
  const db = model.device.db.value;
  const syncValue = model.device.sync.value;
  const sync = syncValue === 'failed' ? null : syncValue;
  const kv = model.services.settings;
  const [catalogues, setCatalogues] = useState<CatalogueFile | null>(null);
  useEffect(() => {
    let live = true;
    void loadCatalogueFile(kv).then((file) => live && setCatalogues(file));
    return () => {
      live = false;
    };
  }, [kv]);

  return (
    <>
      <AppHeader kv={kv}>
        <p class="ward-name">{session.ward.name}</p>
        <SyncIndicator sync={syncValue} />
      </AppHeader>
      <UpdatePrompt update={model.update} />
      {db === null ? (
        <main class="app-main">
          <p class="loading">{t('app.starting')}</p>
        </main>
      ) : null}
      {db === 'failed' ? (
        <main class="app-main">
          <p class="card notice-strong" role="alert">
            {t('app.dbFailed')}
          </p>
        </main>
      ) : null}
      {db && db !== 'failed' ? (
        <FieldProvider
          services={{
            db,
            sync,
            kv,
            session,
            actor: { id: session.account.id, name: session.account.fullName },
            catalogues,
          }}
        >
          <main class="app-main field-main">
            <AttentionBanner sync={sync} />
            <FieldScreen model={model} session={session} db={db} sync={sync} />
          </main>
          <BottomNav />
        </FieldProvider>
      ) : null}
    </>
  );
}

function FieldScreen({
  model,
  session,
  db,
  sync,
}: {
  model: AppModel;
  session: DeviceSession;
  db: AppDatabase;
  sync: SyncController | null;
}) {
  const r = route.value;
  switch (r.name) {
    case 'roster':
      return <RosterScreen />;
    case 'resident-new':
      return <ResidentEditScreen />;
    case 'resident':
      return <ResidentScreen id={r.id} />;
    case 'resident-edit':
      return <ResidentEditScreen id={r.id} />;
    case 'completion-new':
      return <CompletionScreen residentId={r.residentId} />;
    case 'sessions':
      return <SessionListScreen />;
    case 'session-new':
      return <SessionEditScreen />;
    case 'session':
      return <SessionEditScreen id={r.id} />;
    case 'tally':
      return <TallyScreen />;
    case 'attention':
      return <AttentionScreen />;
    case 'account':
      return (
        <AccountPanel
          session={session}
          sync={sync}
          countAll={() => db.residents.count()}
          onLock={model.actions.lock}
          onErase={model.actions.eraseDevice}
        />
      );
    case 'consent':
      return <ConsentText />;
  }
}

/** Records the server put aside: always visible until fixed, one tap from the list of them. */
function AttentionBanner({ sync }: { sync: SyncController | null }) {
  const status = useSyncStatus(sync);
  if (!status || status.needsAttention === 0 || route.value.name === 'attention') return null;
  return (
    <p class="card notice-strong attention-banner" role="status">
      {t('nav.attentionBanner', { count: status.needsAttention })}{' '}
      <a href="#/attention" class="button-link">
        {t('nav.attentionOpen')}
      </a>
    </p>
  );
}

const TABS: { to: Route; label: MessageKey; icon: string; matches: Route['name'][] }[] = [
  {
    to: { name: 'roster' },
    label: 'nav.residents',
    icon: '👥',
    matches: ['roster', 'resident', 'resident-new', 'resident-edit', 'completion-new'],
  },
  {
    to: { name: 'sessions' },
    label: 'nav.sessions',
    icon: '📚',
    matches: ['sessions', 'session', 'session-new'],
  },
  { to: { name: 'tally' }, label: 'nav.tally', icon: '📊', matches: ['tally'] },
  { to: { name: 'account' }, label: 'nav.account', icon: '👤', matches: ['account', 'attention', 'consent'] },
];

function BottomNav() {
  const current = route.value.name;
  return (
    <nav class="bottom-nav" aria-label={t('nav.label')}>
      <ul>
        {TABS.map((tab) => {
          const active = tab.matches.includes(current);
          return (
            <li key={tab.label}>
              <a
                href={`#${tab.to.name === 'roster' ? '/residents' : `/${tab.to.name}`}`}
                aria-current={active ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(tab.to);
                }}
              >
                <span aria-hidden="true" class="nav-icon">
                  {tab.icon}
                </span>
                <span class="nav-label">{t(tab.label)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
