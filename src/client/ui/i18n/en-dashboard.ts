// English catalogue of the officer's dashboard (merged into en.ts). Same keys as vi-dashboard.ts.
import type { viDashboard } from './vi-dashboard';

export const enDashboard: Record<keyof typeof viDashboard, string> = {
  'dashboard.title': 'Ward overview',
  'dashboard.date': 'Figures as of',
  'dashboard.dateHint':
    'Choose another day to see the figures on that day. Every table and chart is recounted.',
  'dashboard.reload': 'Reload figures',
  'dashboard.loading': 'Loading figures…',
  'dashboard.failed': 'Could not load the figures. {reason}',
  'dashboard.retry': 'Try again',
  'dashboard.asOf': 'Figures up to the end of {date}.',

  'dashboard.k.title': 'K — Trained in basic digital skills',
  'dashboard.v.title': 'V — Confirmed on VNeID',
  'dashboard.count': '{count} / {denominator} people',
  'dashboard.target': 'Target for {year}: {target}',
  'dashboard.gap': '{count} more people needed to reach the target',
  'dashboard.reached': 'Target reached',
  'dashboard.noGap': 'The target is a number of people for the whole ward.',
  'dashboard.overFull': 'Above 100 % — the denominator needs updating (the population figure may be old).',
  'dashboard.denominator': 'Denominator (adults): {count}',
  'dashboard.denominatorEntered': 'From the population figures entered on {date}.',
  'dashboard.denominatorEnteredRange': 'From the population figures entered between {from} and {to}.',
  'dashboard.denominatorRegistered': 'No population figures yet — using the number of registered people.',
  'dashboard.denominatorMixed':
    'Some groups have no population figure yet — those use the number of registered people.',
  'dashboard.registered': 'Registered: {count} adults',

  'dashboard.chart.groups': 'K and V by residential group',
  'dashboard.chart.groupsLabel':
    "Bar chart: each group's K and V percentage against the target. The figures are in the table after the chart.",
  'dashboard.chart.trend': 'The ward month by month',
  'dashboard.chart.trendLabel':
    "Line chart: the ward's K and V percentage at the end of each month. The figures are in the table after the chart.",
  'dashboard.chart.table': 'Figures of the chart',
  'dashboard.chart.noChart':
    'The chart cannot be drawn on this computer; the figures are in the table below.',
  'dashboard.chart.target': 'K target',
  'dashboard.chart.k': 'K (%)',
  'dashboard.chart.v': 'V (%)',
  'dashboard.chart.date': 'Date',

  'dashboard.col.group': 'Group',
  'dashboard.col.k': 'K',
  'dashboard.col.kGap': 'Still needed (K)',
  'dashboard.col.v': 'V',
  'dashboard.col.vGap': 'Still needed (V)',
  'dashboard.col.denominator': 'Denominator',
  'dashboard.col.source': 'Denominator source',
  'dashboard.source.entered': 'Population figure of {date}',
  'dashboard.source.registered': 'Registered people',
  'dashboard.stale': 'Denominator needs updating',
  'dashboard.noValue': '—',

  'dashboard.far.title': 'Groups furthest from the target',
  'dashboard.far.hint':
    'Sorted by how many people are still needed for the K target (most first), then V. Choose a group to see who is not reached yet.',
  'dashboard.far.empty': 'The ward has no residential groups yet.',
  'dashboard.far.open': 'See the residents of {group}',

  'dashboard.roster.title': 'Residents of {group}',
  'dashboard.roster.back': 'Back to the groups',
  'dashboard.roster.loading': 'Loading the residents…',
  'dashboard.roster.failed': 'Could not load the residents. {reason}',
  'dashboard.roster.counts':
    'Not reached: {notReached} · Trained: {trained} · Confirmed on VNeID: {confirmed}',
  'dashboard.roster.not_reached': 'Not reached yet ({count} people)',
  'dashboard.roster.trained': 'Trained, not yet confirmed on VNeID ({count} people)',
  'dashboard.roster.confirmed': 'Confirmed on VNeID ({count} people)',
  'dashboard.roster.none': 'Nobody.',
  'dashboard.roster.children': 'Under {age} (not counted for the target): {count} people.',
  'dashboard.roster.name': 'Full name',
  'dashboard.roster.birthYear': 'Born',
  'dashboard.roster.age': 'Age',
  'dashboard.roster.sex': 'Sex',
  'dashboard.roster.since': 'Since',
  'dashboard.roster.merged': '({count} duplicate records merged)',

  'dashboard.breakdown.title': 'By age band and sex',
  'dashboard.breakdown.hint':
    'Counted over registered adults, because population figures are not split by age or sex.',
  'dashboard.breakdown.group': 'Band',
  'dashboard.breakdown.registered': 'Registered',
  'dashboard.breakdown.kShare': 'K share',
  'dashboard.breakdown.vShare': 'V share',
  'dashboard.age.young': '{from} to 35',
  'dashboard.age.middle': '36 to 59',
  'dashboard.age.old': '60 and over',
  'dashboard.sex.female': 'Women',
  'dashboard.sex.male': 'Men',

  'dashboard.flagged.title': 'Records to review',
  'dashboard.flagged.quarantine': 'Records put aside',
  'dashboard.flagged.duplicates': 'Possible duplicates',
  'dashboard.flagged.pairs': '{count} pairs',
  'dashboard.flagged.unavailable': 'not available',
  'dashboard.flagged.openRecords': 'See the records put aside',
  'dashboard.flagged.openDuplicates': 'See the possible duplicates',

  'dashboard.activity.title': 'Work of the digital-technology team',
  'dashboard.activity.hint':
    'Training sessions each person logged, per week (weeks start on Monday), over the last 8 weeks.',
  'dashboard.activity.person': 'Logged by',
  'dashboard.activity.week': 'Week of {date}',
  'dashboard.activity.totalSessions': 'Sessions in all',
  'dashboard.activity.totalCompletions': 'Results recorded',
  'dashboard.activity.unknown': '(unknown)',
  'dashboard.activity.empty': 'No training session or result in these 8 weeks.',
  'dashboard.activity.failed': 'Could not load the team activity. {reason}',
};
