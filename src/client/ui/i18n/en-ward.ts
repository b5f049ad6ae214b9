// English catalogue of the officer's ward screens (merged into en.ts). Same keys as vi-ward.ts.
import type { viWard } from './vi-ward';

export const enWard: Record<keyof typeof viWard, string> = {
  'ward.tabDashboard': 'Overview',
  'ward.tabGroups': 'Residential groups',
  'ward.tabResidents': 'Residents',
  'ward.tabReports': 'Reports',
  'ward.duplicatesTitle': 'Possible duplicates',
  'ward.importTitle': 'Import a list from Excel',
  'ward.reportTitle': 'Coverage report',
  'ward.reportDate': 'Figures as of',
  'ward.periodsTitle': 'Period close',
};
