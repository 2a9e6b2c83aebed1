-- What the limits count: failed sign-ins, sign-ups, confirmation emails. The subject is a SHA-256 of what is counted.
create sequence attempt_seq start with 1 increment by 50;
create table attempt (
    id bigint primary key,
    kind varchar(30) not null,
    subject varchar(64) not null,
    at timestamp(6) with time zone not null
);
create index attempt_count_idx on attempt (kind, subject, at);
create index attempt_at_idx on attempt (at);

-- The editors' signed-in browsers, so that signing out or a password change ends a session on every instance.
create table editor_session (
    id_hash varchar(64) primary key,
    username varchar(100) not null,
    created_at timestamp(6) with time zone not null
);
create index editor_session_username_idx on editor_session (username);

-- Secrets the service makes for itself, such as the login cookies' key; created before the migrations run when the
-- key is not configured (SessionKeySource), hence "if not exists".
create table if not exists service_secret (
    name varchar(100) primary key,
    secret varchar(200) not null
);

-- Jobs that run once across instances: the one that moves last_run_at on runs.
create table job_run (
    name varchar(50) primary key,
    last_run_at timestamp(6) with time zone not null
);
insert into job_run (name, last_run_at) values ('retention', timestamp with time zone '1970-01-01 00:00:00+00');

-- Room for the ids of every article a curation may name (1,000 of them), so that no valid form overflows a column.
alter table digest_issue alter column pinned set data type varchar(20000);
alter table digest_issue alter column excluded set data type varchar(20000);
