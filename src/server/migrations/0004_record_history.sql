-- Every replaced state of a synced record, appended in the same transaction that replaced it, so the
-- losing side of a conflict (and any overwritten or deleted state) can always be shown and restored.
-- Append-only: nothing deletes from it (docs/sync.md invariant 10).
create table record_history (
  id bigserial primary key,
  collection text not null,
  doc_id text not null,
  ward_code text not null,
  doc jsonb not null,
  deleted boolean not null,
  -- the replaced state's sequence value, and the one of the state that replaced it
  seq bigint not null,
  replaced_by_seq bigint not null,
  replaced_at timestamptz not null default now()
);
create index record_history_doc on record_history (collection, doc_id, id);
create index record_history_ward on record_history (ward_code, id);
