-- An import of an existing list: the uploaded file (kept on disk under DIGEST_IMPORTS_DIRECTORY while it is needed),
-- where its job stands, and its counters. Each batch of rows and the counters it adds commit together, so a job
-- interrupted by a restart goes on from the last row counted.
create sequence subscriber_import_seq start with 1 increment by 50;
create table subscriber_import (
    id bigint primary key,
    mode varchar(20) not null,
    dry_run boolean not null,
    status varchar(20) not null,
    file_name varchar(255) not null,
    content_sha256 varchar(64) not null,
    stored_file varchar(500),
    size_bytes bigint not null,
    account varchar(100) not null,
    rows_read bigint not null,
    bytes_read bigint not null,
    line_reached bigint not null,
    created bigint not null,
    updated bigint not null,
    unchanged bigint not null,
    skipped bigint not null,
    error_count bigint not null,
    errors text,
    emails_scheduled bigint not null,
    emails_from timestamp(6) with time zone,
    failure varchar(500),
    lease_owner varchar(100),
    lease_until timestamp(6) with time zone,
    created_at timestamp(6) with time zone not null,
    finished_at timestamp(6) with time zone
);
create index subscriber_import_status_idx on subscriber_import (status);

-- The addresses a dry run has seen, so that a later row with the same address counts as a duplicate as it would in a
-- real run; emptied when the dry run ends.
create table subscriber_import_seen (
    import_id bigint not null references subscriber_import (id) on delete cascade,
    email_key varchar(254) not null,
    primary key (import_id, email_key)
);

-- What a consent event was based on, beyond its channel: for an import, the file's source, the importing account, the
-- file's name and the SHA-256 of its content.
alter table consent_event add column detail varchar(500);

-- Starting an import takes this row's lock, so that two uploads at once cannot both start.
insert into job_run (name, last_run_at) values ('subscriber-import', timestamp with time zone '1970-01-01 00:00:00+00');
