// "Yêu cầu của người dân": find the person, open their card, answer their request. While their data
// export is shown it takes the whole section (and the printed page); "Quay lại" returns to the card with
// the search as it was.
import { useState } from 'preact/hooks';
import type { AccessResponse, ResidentHit } from '../../../../shared/privacy-api';
import type { OfficerApi } from '../officer-api';
import { ResidentCard, type CardAction } from './resident-card';
import { ResidentSearch } from './resident-search';
import { SubjectExportView } from './subject-export-view';

/** The person on the card, the request to start with, and which opening of a card this is. */
export interface Chosen {
  hit: ResidentHit;
  rootName: string | undefined;
  start: CardAction | null;
  opened: number;
}

interface ResidentDeskProps {
  api: OfficerApi;
  ward: string;
  chosen: Chosen | null;
  /** Opens a card (a new one, even for the same person), or closes it with null. */
  onChoose(chosen: Omit<Chosen, 'opened'> | null): void;
  /** The same card with the person as corrected. */
  onChange(chosen: Chosen): void;
}

export function ResidentDesk({ api, ward, chosen, onChoose, onChange }: ResidentDeskProps) {
  const [exported, setExported] = useState<AccessResponse | null>(null);
  const [erased, setErased] = useState<string[]>([]);
  return (
    <>
      <div class="privacy-desk" hidden={exported !== null}>
        <ResidentSearch
          api={api}
          ward={ward}
          erased={erased}
          onChoose={(hit, rootName) => onChoose({ hit, rootName, start: null })}
        />
        {chosen ? (
          <ResidentCard
            key={chosen.opened}
            api={api}
            ward={ward}
            hit={chosen.hit}
            rootName={chosen.rootName}
            start={chosen.start}
            onExported={setExported}
            onRectified={(hit) => onChange({ ...chosen, hit })}
            onErased={(hit) => setErased((ids) => [...ids, hit.id])}
            onClose={() => onChoose(null)}
          />
        ) : null}
      </div>
      {exported && chosen ? (
        <SubjectExportView
          data={exported.export}
          ward={ward}
          residentId={chosen.hit.id}
          onBack={() => setExported(null)}
        />
      ) : null}
    </>
  );
}
