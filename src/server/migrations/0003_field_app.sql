-- Field app: the synced tables of training sessions and completions, and each ward's coverage settings.
-- Append-only: never edit this file once applied; add 0004_… instead (the migrator checks checksums).

-- The sync collection "sessions" (buổi hướng dẫn). Named training_sessions because "sessions" already
-- holds officers' sign-ins (0002_accounts.sql). Ids are client-made UUIDs, unique across wards.
create table training_sessions (
  id text primary key,
  ward_code text not null references wards(code),
  group_id text not null,
  doc jsonb not null,
  deleted boolean not null default false,
  seq bigint not null unique,
  received_at timestamptz not null default now(),
  foreign key (ward_code, group_id) references groups (ward_code, id)
);
create index training_sessions_ward_seq on training_sessions (ward_code, seq);

-- Completions per resident (trained, passed, confirmed on VNeID); group_id is the resident's group.
create table completions (
  id text primary key,
  ward_code text not null references wards(code),
  group_id text not null,
  doc jsonb not null,
  deleted boolean not null default false,
  seq bigint not null unique,
  received_at timestamptz not null default now(),
  foreign key (ward_code, group_id) references groups (ward_code, id)
);
create index completions_ward_seq on completions (ward_code, seq);
create index completions_ward_resident on completions (ward_code, (doc->>'residentId'));

-- The ward's coverage settings (src/shared/schemas/ward-settings.ts); null = the defaults.
alter table wards add column settings jsonb;
