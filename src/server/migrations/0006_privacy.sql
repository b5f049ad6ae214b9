-- Privacy (issue 7, docs/privacy.md): consent withdrawal stops counting, data-subject requests, the audit log.
-- Append-only: never edit this file once applied; add 0007_… instead (the migrator checks checksums).

-- A resident record whose "registration" consent is not in force (withdrawn, or none: an erased tombstone)
-- is not processed any more: coverage, rosters, not-reached lists and exports leave it out
-- (src/shared/coverage.ts says the same for the equality test). Derived by the database from the
-- document, so it can never disagree with it.
alter table residents
  add column registration_withdrawn boolean generated always as (
    not jsonb_path_exists(doc, '$.consents[*] ? (@.purpose == "registration" && !(exists(@.withdrawnOn)))')
  ) stored;
drop index residents_coverage;
create index residents_coverage on residents (ward_code, group_id)
  include (id, birth_year, birth_mmdd, sex, merged_into, k_first, v_first)
  where not deleted and not registration_withdrawn;

-- Data-subject requests (see, correct, erase; Luật 91/2025/QH15): each one logged with the day the person
-- asked and when it was done. Rows are never updated or deleted (the trigger below refuses). An erasure
-- keeps only ids here: the person's name is gone with their records.
create table subject_requests (
  id bigserial primary key,
  ward_code text not null references wards(code),
  resident_id text not null,
  kind text not null check (kind in ('access', 'rectify', 'erase')),
  received_on date not null,
  done_at timestamptz not null default now(),
  handled_by text not null references accounts(id),
  device_id text,
  note text not null default '',
  -- what was done: the fields corrected (names only), the records erased (counts and ids)
  detail jsonb not null default '{}'
);
create index subject_requests_ward on subject_requests (ward_code, id);

-- The audit log: who read personal data (exports, rosters, a person's data) and who changed what, when,
-- from which device. Append-only: updates are refused; deletes only by the retention purge, which sets
-- bdhvs.audit_purge = 'on' for its own transaction (store: purgeAudit). Names are joined at read time
-- from accounts; the log itself holds ids, so an erased resident's name never stays behind in it.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  ward_code text,
  actor_id text,
  device_id text,
  action text not null,
  subject text not null default '',
  detail jsonb not null default '{}'
);
create index audit_log_ward on audit_log (ward_code, id);
create index audit_log_at on audit_log (at);

create function refuse_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and tg_table_name = 'audit_log'
     and coalesce(current_setting('bdhvs.audit_purge', true), '') = 'on' then
    return old;
  end if;
  raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'P0001';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function refuse_change();
create trigger subject_requests_append_only before update or delete on subject_requests
  for each row execute function refuse_change();
