// The officer's "Bản ghi" section: heavy groups, import of a phone's unsynced-records file, the ward's
// put-aside records, and a record's history. Any record in a list opens its history below.
import { useMemo, useState } from 'preact/hooks';
import { GroupLoad } from './group-load';
import { ImportUnsynced } from './import-unsynced';
import type { GroupsSlot } from './officer-console';
import { QuarantineList } from './quarantine-list';
import { RecordHistory, type HistoryRequest } from './record-history';
import type { RecordsApi } from './records-api';
import './records.css';

interface RecordsPanelProps {
  api: RecordsApi;
  ward: string;
  groups: GroupsSlot;
}

export function RecordsPanel({ api, ward, groups }: RecordsPanelProps) {
  const [imports, setImports] = useState(0);
  const [chosen, setChosen] = useState<(HistoryRequest & { nonce: number }) | null>(null);
  const groupNames = useMemo(
    () => new Map(Array.isArray(groups) ? groups.map((g) => [g.id, g.name] as const) : []),
    [groups],
  );
  const open = (request: HistoryRequest) => setChosen({ ...request, nonce: Date.now() + Math.random() });
  return (
    <div class="records-panel">
      <GroupLoad api={api} ward={ward} version={imports} />
      <ImportUnsynced
        api={api}
        ward={ward}
        onImported={() => setImports((n) => n + 1)}
        onOpenHistory={open}
      />
      <QuarantineList api={api} ward={ward} version={imports} onOpenHistory={open} />
      <RecordHistory api={api} ward={ward} request={chosen} groupNames={groupNames} />
    </div>
  );
}
