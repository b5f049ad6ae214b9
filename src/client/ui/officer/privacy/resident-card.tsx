// The chosen resident's card: who they are (name, birth year, sex, group, short id, badges) and the three
// requests they can make — see and take their data, correct it, erase it. Seeing opens a dialog then the
// readable export; correcting opens the form here; erasing opens the danger dialog, then says what went.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccessResponse, EraseResponse, ResidentHit } from '../../../../shared/privacy-api';
import { t } from '../../i18n';
import type { OfficerApi } from '../officer-api';
import { AccessDialog } from './access-dialog';
import { EraseDialog } from './erase-dialog';
import { HitBadges, hitMeta } from './hit-badges';
import { shortId } from './privacy-words';
import { RectifyForm } from './rectify-form';

export type CardAction = 'access' | 'rectify' | 'erase';

interface ResidentCardProps {
  api: OfficerApi;
  ward: string;
  hit: ResidentHit;
  /** The name of the record this one is merged into, when known. */
  rootName: string | undefined;
  /** The request to start with (the withdrawn list opens the card on "erase"). */
  start: CardAction | null;
  onExported(answer: AccessResponse): void;
  onRectified(hit: ResidentHit): void;
  onErased(hit: ResidentHit, answer: EraseResponse): void;
  onClose(): void;
}

export function ResidentCard(props: ResidentCardProps) {
  const { api, ward, hit, rootName } = props;
  const [action, setAction] = useState<CardAction | null>(props.start);
  const [erased, setErased] = useState<EraseResponse['erased'] | null>(null);
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (props.start === null) titleRef.current?.focus();
  }, [hit.id]);
  // After an erasure the actions are gone: focus comes back to the card, whose message says what went.
  useEffect(() => {
    if (erased) titleRef.current?.focus();
  }, [erased]);

  const button = (kind: CardAction, danger = false) => (
    <button
      type="button"
      class={danger ? 'button-danger-outline' : 'button-secondary'}
      aria-pressed={kind === 'rectify' ? action === kind : undefined}
      onClick={() => setAction(kind === 'rectify' && action === 'rectify' ? null : kind)}
    >
      {t(`privacy.card.${kind}`)}
    </button>
  );

  return (
    <section class="card privacy-card" aria-labelledby="privacy-card-title">
      <div class="section-head">
        <h2 id="privacy-card-title" ref={titleRef} tabIndex={-1}>
          {hit.fullName}
        </h2>
        <button type="button" class="button-link" onClick={props.onClose}>
          {t('privacy.card.close')}
        </button>
      </div>
      <p class="privacy-hit-meta">
        {hitMeta(hit)} · {t('privacy.card.id', { id: shortId(hit.id) })}
      </p>
      <HitBadges hit={hit} rootName={rootName} />
      {erased ? (
        <p class="notice-done ok" role="status">
          {t('privacy.erase.done', {
            name: hit.fullName,
            residents: erased.residents,
            completions: erased.completions,
          })}
        </p>
      ) : (
        <>
          <h3 class="privacy-card-ask">{t('privacy.card.ask')}</h3>
          <div class="privacy-actions">
            {button('access')}
            {button('rectify')}
            {button('erase', true)}
          </div>
          {action === 'rectify' ? (
            <section aria-labelledby="privacy-rectify-title">
              <h3 id="privacy-rectify-title">{t('privacy.rectify.title')}</h3>
              <RectifyForm
                api={api}
                ward={ward}
                hit={hit}
                onDone={(answer) => props.onRectified(renamed(hit, answer.resident))}
              />
            </section>
          ) : null}
        </>
      )}
      {action === 'access' ? (
        <AccessDialog
          api={api}
          ward={ward}
          hit={hit}
          onCancel={() => setAction(null)}
          onDone={(answer) => {
            setAction(null);
            props.onExported(answer);
          }}
        />
      ) : null}
      {action === 'erase' ? (
        <EraseDialog
          api={api}
          ward={ward}
          hit={hit}
          onCancel={() => setAction(null)}
          onDone={(answer) => {
            setAction(null);
            setErased(answer.erased);
            props.onErased(hit, answer);
          }}
        />
      ) : null}
    </section>
  );
}

/** The hit with the name, birth year and sex of the corrected record. */
function renamed(hit: ResidentHit, doc: Record<string, unknown>): ResidentHit {
  return {
    ...hit,
    ...(typeof doc['fullName'] === 'string' ? { fullName: doc['fullName'] } : {}),
    ...(typeof doc['birthYear'] === 'number' ? { birthYear: doc['birthYear'] } : {}),
    ...(doc['sex'] === 'female' || doc['sex'] === 'male' ? { sex: doc['sex'] } : {}),
  };
}
