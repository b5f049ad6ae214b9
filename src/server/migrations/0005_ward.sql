-- The ward (issue 6, docs/ward.md): coverage computed in SQL, duplicate merges, period closes.
-- Append-only: never edit this file once applied; add 0006_… instead (the migrator checks checksums).

-- The fields coverage reads, derived from the stored document by the database itself, so they can never
-- disagree with it. A value of the wrong type becomes null instead of failing the write (push validates
-- documents first; this only keeps a sync write from ever failing here).
create function json_small_int(value jsonb) returns int language sql immutable as $$
  select case when jsonb_typeof(value) = 'number' and value::numeric between -100000 and 100000
              then value::numeric::int end
$$;
create function json_text(value jsonb) returns text language sql immutable as $$
  select case when jsonb_typeof(value) = 'string' then value #>> '{}' end
$$;
-- 'YYYY-MM-DD' → YYYYMMDD as an integer (coverage compares days as integers: B7), else null.
create function day_number(value text) returns int language sql immutable as $$
  select case when value ~ '^\d{4}-\d{2}-\d{2}$' then replace(value, '-', '')::int end
$$;

-- k_first / v_first: the earliest day (YYYYMMDD as an integer) this resident RECORD (not person) counts for K (any completion, or
-- attendance at a session) and for V (a VNeID confirmation), over live rows. Kept on the resident row so
-- coverage is one scan of one index (B7); maintained by the triggers below in the same transaction as every
-- write of completions and sessions (and computed when a resident row is first inserted, for records that
-- arrive before their resident). rebuild_resident_progress(ward) is the definition; the tests check that
-- store.progressDrift(ward) = 0 (maintained = rebuilt). Merges are applied at query time, so a merge or its
-- undo never touches these columns.
alter table residents
  add column birth_year int generated always as (json_small_int(doc->'birthYear')) stored,
  add column birth_date text generated always as (json_text(doc->'birthDate')) stored,
  add column sex text generated always as (json_text(doc->'sex')) stored,
  add column merged_into text generated always as (json_text(doc->'mergedInto')) stored,
  -- month and day of birth as MMDD, when the birth date is known
  add column birth_mmdd int generated always as (day_number(json_text(doc->'birthDate')) % 10000) stored,
  add column k_first int,
  add column v_first int;
create index residents_coverage on residents (ward_code, group_id)
  include (id, birth_year, birth_mmdd, sex, merged_into, k_first, v_first) where not deleted;
create index residents_merged on residents (ward_code, merged_into) include (id, k_first, v_first)
  where merged_into is not null and not deleted;

alter table completions
  add column resident_id text generated always as (json_text(doc->'residentId')) stored,
  add column kind text generated always as (json_text(doc->'kind')) stored,
  add column done_on text generated always as (json_text(doc->'date')) stored;
create index completions_progress on completions (ward_code, resident_id) include (kind, done_on)
  where not deleted;

alter table training_sessions
  add column held_on text generated always as (json_text(doc->'date')) stored;
create index training_sessions_attendees on training_sessions using gin ((doc->'attendeeIds'));

create function array_of(value jsonb) returns jsonb language sql immutable as $$
  select case when jsonb_typeof(value) = 'array' then value else '[]'::jsonb end
$$;

-- The earliest K and V days of one resident record, from the live completions and sessions.
create function resident_progress_of(w text, r text, out k int, out v int) language plpgsql stable as $$
declare
  s int;
begin
  select min(day_number(done_on)), min(day_number(done_on)) filter (where kind = 'vneid') into k, v
    from completions where ward_code = w and resident_id = r and not deleted;
  select min(day_number(held_on)) into s
    from training_sessions where doc->'attendeeIds' ? r and ward_code = w and not deleted;
  k := least(k, s);
end $$;

create function refresh_resident_progress(w text, r text) returns void language plpgsql as $$
declare
  p record;
begin
  if w is null or r is null then return; end if;
  p := resident_progress_of(w, r);
  update residents set k_first = p.k, v_first = p.v
    where id = r and ward_code = w and (k_first, v_first) is distinct from (p.k, p.v);
end $$;

-- A resident row inserted after its completions or sessions (another phone synced them first).
create function residents_progress() returns trigger language plpgsql as $$
declare
  p record;
begin
  p := resident_progress_of(new.ward_code, new.id);
  new.k_first := p.k;
  new.v_first := p.v;
  return new;
end $$;
create trigger residents_progress before insert on residents
  for each row execute function residents_progress();

create function completions_progress() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    perform refresh_resident_progress(old.ward_code, old.resident_id);
  end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and (new.ward_code, new.resident_id) is distinct from (old.ward_code, old.resident_id)) then
    perform refresh_resident_progress(new.ward_code, new.resident_id);
  end if;
  return null;
end $$;
create trigger completions_progress after insert or update or delete on completions
  for each row execute function completions_progress();

-- A session's write refreshes its attendees: all of them when its date or liveness changed, else those
-- added or removed.
create function sessions_progress() returns trigger language plpgsql as $$
declare
  r text;
begin
  for r in
    with o as (
      select jsonb_array_elements_text(array_of(old.doc->'attendeeIds')) as id where tg_op <> 'INSERT'
    ), n as (
      select jsonb_array_elements_text(array_of(new.doc->'attendeeIds')) as id where tg_op <> 'DELETE'
    )
    select id from o union select id from n
    except (
      select o.id from o join n using (id)
      where tg_op = 'UPDATE' and old.held_on is not distinct from new.held_on
        and old.deleted = new.deleted and old.ward_code = new.ward_code
    )
  loop
    if tg_op <> 'INSERT' then perform refresh_resident_progress(old.ward_code, r); end if;
    if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.ward_code <> old.ward_code) then
      perform refresh_resident_progress(new.ward_code, r);
    end if;
  end loop;
  return null;
end $$;
create trigger sessions_progress after insert or update or delete on training_sessions
  for each row execute function sessions_progress();

-- Every resident's progress in a ward from scratch, set-based: the definition the triggers maintain
-- incrementally. Used after bulk loads (the benchmark loads with triggers off) and by the drift check.
create function ward_progress(w text) returns table (rid text, k int, v int) language sql stable as $$
  select rid, min(d), min(d) filter (where v)
  from (
    select resident_id as rid, day_number(done_on) as d, kind = 'vneid' as v
      from completions where ward_code = w and not deleted and resident_id is not null
    union all
    select a.rid, day_number(s.held_on), false
      from training_sessions s, jsonb_array_elements_text(array_of(s.doc->'attendeeIds')) as a(rid)
      where s.ward_code = w and not s.deleted
  ) x
  where d is not null
  group by rid
$$;

create function rebuild_resident_progress(w text) returns void language sql as $$
  update residents r set k_first = p.k, v_first = p.v
    from residents r0 left join ward_progress(w) p on p.rid = r0.id
    where r0.ward_code = w and r.id = r0.id
      and (r.k_first, r.v_first) is distinct from (p.k, p.v);
$$;

-- Duplicate merges (docs/ward.md "Duplicates"): the decision and its undo, for the audit trail. The merge
-- itself is the field mergedInto on the merged record, written through the sync path so it reaches
-- devices; this table says who decided it, when, on which signal, and who undid it.
create table resident_merges (
  id bigserial primary key,
  ward_code text not null references wards(code),
  from_id text not null,
  into_id text not null,
  reason text not null,
  merged_by text not null references accounts(id),
  merged_at timestamptz not null default now(),
  undone_by text references accounts(id),
  undone_at timestamptz
);
create index resident_merges_ward on resident_merges (ward_code, id);
create unique index resident_merges_open on resident_merges (ward_code, from_id) where undone_at is null;

-- "Not the same person": a proposed pair an officer or leader dismissed (a_id < b_id).
create table duplicate_dismissals (
  ward_code text not null references wards(code),
  a_id text not null,
  b_id text not null,
  dismissed_by text not null references accounts(id),
  dismissed_at timestamptz not null default now(),
  primary key (ward_code, a_id, b_id),
  check (a_id < b_id)
);

-- Period close (chốt số liệu): the coverage answer as reported, kept unchanged; later records for the
-- period are compared against it as late corrections (docs/ward.md "Period close").
create table period_closes (
  id bigserial primary key,
  ward_code text not null references wards(code),
  period_end text not null,
  label text not null,
  figures jsonb not null,
  closed_by text not null references accounts(id),
  closed_at timestamptz not null default now(),
  unique (ward_code, period_end)
);
