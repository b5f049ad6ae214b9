// Vietnamese catalogue of the officer's ward screens (merged into vi.ts). Keys: 'ward.*'. Each part of the
// ward work adds its own catalogue (vi-dashboard.ts, vi-ward-admin.ts, vi-import.ts, vi-reports.ts).
export const viWard = {
  'ward.tabDashboard': 'Tổng quan',
  'ward.tabGroups': 'Tổ dân phố',
  'ward.tabResidents': 'Người dân',
  'ward.tabReports': 'Báo cáo',
  'ward.duplicatesTitle': 'Có thể trùng người',
  'ward.importTitle': 'Nhập danh sách từ Excel',
  'ward.reportTitle': 'Báo cáo số liệu',
  'ward.reportDate': 'Số liệu tính đến ngày',
  'ward.periodsTitle': 'Chốt số liệu',
} as const;
