// A new invitation: the code in large letters (XXXX-XXXX), a QR code of the enrollment link, and
// when it expires. Shown once: the server keeps only a hash of the code.
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatInvitationCode, type InvitationResponse } from '../../../shared';
import { formatDateTime, t } from '../i18n';

interface InvitationCardProps {
  invitation: InvitationResponse;
  origin: string;
  onDone(): void;
}

export function enrollUrl(origin: string, code: string): string {
  return `${origin}/?enroll=${encodeURIComponent(code)}`;
}

export function InvitationCard({ invitation, origin, onDone }: InvitationCardProps) {
  const [qr, setQr] = useState<string | null>(null);
  const name = invitation.person.fullName;
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  useEffect(() => {
    let current = true;
    QRCode.toString(enrollUrl(origin, invitation.code), {
      type: 'svg',
      margin: 2,
      errorCorrectionLevel: 'M',
    }).then(
      (svg) => current && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [origin, invitation.code]);

  return (
    <section class="card invitation" aria-labelledby="invitation-title">
      <h2 id="invitation-title" ref={titleRef} tabIndex={-1}>
        {t('invite.codeFor', { name })}
      </h2>
      <p class="invitation-code">{formatInvitationCode(invitation.code)}</p>
      {qr ? (
        <img class="invitation-qr" src={qr} alt={t('invite.qrAlt', { name })} width={240} height={240} />
      ) : null}
      <p>{t('invite.expires', { when: formatDateTime(invitation.expiresAt) })}</p>
      <p class="notice notice-strong">{t('invite.shownOnce')}</p>
      <p class="hint">{t('invite.howTo')}</p>
      <button type="button" class="button-primary" onClick={onDone}>
        {t('invite.done')}
      </button>
    </section>
  );
}
