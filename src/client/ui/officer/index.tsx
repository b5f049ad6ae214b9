// The officer's and administrator's screens (a lazily loaded chunk): sign-in, then the ward console
// (people and devices, invitations) or, for an administrator, the wards.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ApiError, ApiHttp } from '../../api';
import type { OfficerSession, SessionStore } from '../../session';
import { t, type MessageKey } from '../i18n';
import { AdminConsole } from './admin-console';
import { ChangePassword } from './change-password';
import { LoginScreen } from './login-screen';
import { OfficerConsole } from './officer-console';
import { createOfficerApi } from './officer-api';

export interface OfficerAppProps {
  sessions: SessionStore;
  api(getToken?: () => string | null): ApiHttp;
  onExit(): void;
  /** For tests: the origin the invitation QR code points to. */
  origin?: string;
}

export function OfficerApp({ sessions, api, onExit, origin }: OfficerAppProps) {
  const [session, setSession] = useState<OfficerSession | null | 'loading'>('loading');
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const signInPassword = useRef('');

  useEffect(() => {
    sessions.loadOfficer().then(
      (stored) => {
        const expired = stored !== null && Date.parse(stored.expiresAt) <= Date.now();
        if (expired) void sessions.forgetOfficer().catch(() => undefined);
        setNotice(expired ? 'officer.sessionExpired' : null);
        setSession(expired ? null : stored);
      },
      () => setSession(null),
    );
  }, [sessions]);

  const officerApi = useMemo(() => {
    if (session === null || session === 'loading') return null;
    const sessionOver = (err: ApiError) => {
      void sessions.forgetOfficer().catch(() => undefined);
      setNotice(err.code === 'session_expired' ? 'officer.sessionExpired' : 'officer.signedOut');
      setSession(null);
    };
    return createOfficerApi(
      api(() => session.token),
      sessionOver,
    );
  }, [session, sessions, api]);

  if (session === 'loading') return <p class="loading">{t('app.loading')}</p>;
  if (session === null || !officerApi) {
    return (
      <LoginScreen
        http={api()}
        notice={notice}
        onBack={onExit}
        onSignedIn={(signedIn, password) => {
          signInPassword.current = signedIn.mustChangePassword ? password : '';
          void sessions.saveOfficer(signedIn).catch(() => undefined);
          setNotice(null);
          setSession(signedIn);
        }}
      />
    );
  }
  const logout = async () => {
    await officerApi.logout().catch(() => undefined);
    await sessions.forgetOfficer().catch(() => undefined);
    setSession(null);
  };
  if (session.mustChangePassword) {
    const changed = () => {
      const next = { token: session.token, expiresAt: session.expiresAt, account: session.account };
      signInPassword.current = '';
      void sessions.saveOfficer(next).catch(() => undefined);
      setSession(next);
    };
    return (
      <ChangePassword
        name={session.account.fullName}
        api={officerApi}
        currentPassword={signInPassword.current}
        onChanged={changed}
        onLogout={logout}
      />
    );
  }
  return session.account.role === 'admin' ? (
    <AdminConsole session={session} api={officerApi} onLogout={logout} />
  ) : (
    <OfficerConsole session={session} api={officerApi} onLogout={logout} origin={origin ?? location.origin} />
  );
}
