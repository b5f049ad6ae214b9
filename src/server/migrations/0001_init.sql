-- First schema: wards, the synced tables (groups, residents) and quarantine.
-- Append-only: never edit this file once applied; add 0002_… instead (the migrator checks checksums).

-- Every write of a synced row takes the next value (docs/sync.md invariant 2).
create sequence sync_seq;

create table wards (
  code text primary key,
  name text not null,
  province_code text not null,
  created_at timestamptz not null default now()
);

-- Group ids are local to a ward ('tdp-01' exists in many wards), so the key includes the ward.
create table groups (
  id text not null,
  ward_code text not null references wards(code),
  doc jsonb not null,
  deleted boolean not null default false,
  seq bigint not null unique,
  received_at timestamptz not null default now(),
  primary key (ward_code, id)
);
create index groups_ward_seq on groups (ward_code, seq);

-- Resident ids are client-made UUIDs, unique across wards.
create table residents (
  id text primary key,
  ward_code text not null references wards(code),
  group_id text not null,
  doc jsonb not null,
  deleted boolean not null default false,
  seq bigint not null unique,
  received_at timestamptz not null default now(),
  foreign key (ward_code, group_id) references groups (ward_code, id)
);
create index residents_ward_seq on residents (ward_code, seq);

-- Pushed documents put aside (invalid or out of scope), kept so nothing is silently dropped.
-- payload is text, not jsonb: a bad document may contain \u0000, which jsonb refuses.
create table quarantine (
  id bigserial primary key,
  collection text not null,
  doc_id text not null,
  ward_code text not null,
  reason_code text not null,
  reason text not null,
  payload text not null,
  payload_hash text not null,
  received_at timestamptz not null default now(),
  unique (collection, payload_hash)
);
create index quarantine_ward on quarantine (ward_code, id);
