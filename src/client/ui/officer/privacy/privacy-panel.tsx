// The officer's privacy tab (docs/privacy.md): find a resident, answer their requests (see everything,
// correct, erase), the residents waiting to be erased, the request log, the audit log, and the printable
// consent wording — one section at a time. The request desk stays mounted (hidden) so the search and the
// open card survive a look at the logs; the other sections load when opened.
import { useState } from 'preact/hooks';
import type { ResidentialGroup } from '../../../../shared';
import { ConsentText } from '../../consent/consent-text';
import { t, type MessageKey } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import { AuditLog } from './audit-log';
import { RequestLog } from './request-log';
import { ResidentDesk, type Chosen } from './resident-desk';
import { WithdrawnList } from './withdrawn-list';
import './privacy.css';

interface PrivacyPanelProps {
  api: OfficerApi;
  ward: string;
  groups: ResidentialGroup[] | null | 'failed';
}

const SECTIONS = ['desk', 'withdrawn', 'requests', 'audit', 'consent'] as const;
type Section = (typeof SECTIONS)[number];

const SECTION_LABEL: Record<Section, MessageKey> = {
  desk: 'privacy.nav.desk',
  withdrawn: 'privacy.nav.withdrawn',
  requests: 'privacy.nav.requests',
  audit: 'privacy.nav.audit',
  consent: 'privacy.nav.consent',
};

export function PrivacyPanel({ api, ward }: PrivacyPanelProps) {
  const [section, setSection] = useState<Section>('desk');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const choose = (next: Omit<Chosen, 'opened'> | null) =>
    setChosen(next && { ...next, opened: (chosen?.opened ?? 0) + 1 });
  return (
    <div class="privacy-panel">
      <nav class="tabs privacy-nav" aria-label={t('privacy.nav.label')}>
        {SECTIONS.map((name) => (
          <button key={name} type="button" aria-pressed={section === name} onClick={() => setSection(name)}>
            {t(SECTION_LABEL[name])}
          </button>
        ))}
      </nav>
      <div class="privacy-section" hidden={section !== 'desk'}>
        <ResidentDesk api={api} ward={ward} chosen={chosen} onChoose={choose} onChange={setChosen} />
      </div>
      {section === 'withdrawn' ? (
        <WithdrawnList
          api={api}
          ward={ward}
          onErase={(hit) => {
            choose({ hit, rootName: undefined, start: 'erase' });
            setSection('desk');
          }}
        />
      ) : null}
      {section === 'requests' ? <RequestLog api={api} ward={ward} /> : null}
      {section === 'audit' ? <AuditLog api={api} ward={ward} /> : null}
      {section === 'consent' ? <ConsentText /> : null}
    </div>
  );
}
