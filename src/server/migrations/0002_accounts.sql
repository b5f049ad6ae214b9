-- Accounts, sessions, invitations and devices (docs/auth.md).
-- Append-only: never edit this file once applied; add 0003_… instead (the migrator checks checksums).
-- No secret is stored in clear: passwords as scrypt hashes, tokens and invitation codes as SHA-256.

create table accounts (
  id text primary key,
  role text not null check (role in ('admin', 'officer', 'leader', 'volunteer')),
  -- null only for administrators, who belong to no ward.
  ward_code text references wards(code),
  full_name text not null,
  phone text,
  -- Officers and administrators sign in with a username; leaders and volunteers enrol phones instead.
  username text unique,
  password_hash text,
  -- Leaders and volunteers: their residential groups. Officers and administrators: empty.
  group_ids text[] not null default '{}',
  must_change_password boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  created_by text references accounts(id),
  check ((role = 'admin') = (ward_code is null))
);
create index accounts_ward on accounts (ward_code);
create index accounts_admins on accounts (role) where role = 'admin';

-- Officer and administrator sign-ins. token_hash = hex SHA-256 of the bearer token.
create table sessions (
  token_hash text primary key,
  account_id text not null references accounts(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  last_seen_at timestamptz
);
create index sessions_account on sessions (account_id);

-- Enrollment codes: single use, replaced by a newer invitation for the same person.
create table invitations (
  id text primary key,
  account_id text not null references accounts(id),
  code_hash text not null unique,
  created_by text not null references accounts(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  replaced_at timestamptz
);
create index invitations_account on invitations (account_id, created_at);

-- Enrolled phones. token_hash = hex SHA-256 of the device token.
create table devices (
  id text primary key,
  account_id text not null references accounts(id),
  token_hash text not null unique,
  label text,
  app_version text,
  status text not null default 'active' check (status in ('active', 'retiring', 'retired', 'lost')),
  enrolled_at timestamptz not null default now(),
  last_seen_at timestamptz,
  last_sync_at timestamptz,
  revoked_at timestamptz,
  revoked_by text references accounts(id),
  -- Records the device still held unsynced when it reported its erasure.
  unsynced_at_erase integer,
  erased_at timestamptz
);
create index devices_account on devices (account_id);
