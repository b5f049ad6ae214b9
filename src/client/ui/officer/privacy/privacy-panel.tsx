// The officer's privacy tab (docs/privacy.md): find a resident, answer their requests (see everything,
// correct, erase), the request log, the audit log, and the printable consent wording.
import type { ResidentialGroup } from '../../../../shared';
import type { OfficerApi } from '../officer-api';

interface PrivacyPanelProps {
  api: OfficerApi;
  ward: string;
  groups: ResidentialGroup[] | null | 'failed';
}

export function PrivacyPanel(_props: PrivacyPanelProps) {
  return <section />;
}
