-- Editor accounts with one role each (admin, editor, viewer), a second factor, API tokens and recovery codes; the
-- approval of an issue by a second account; and the audit log of every change made through the API or the desk.

-- The first account is the admin (api-contract "Accounts and roles"); any other was an editor.
update editor set roles = 'editor';
update editor set roles = 'admin' where id = (select min(id) from editor);
alter table editor add column disabled boolean default false not null;
alter table editor add column last_login_at timestamp(6) with time zone;
-- The TOTP secret, sealed with AES-GCM under a key derived from the session encryption key.
alter table editor add column totp_secret varchar(200);
alter table editor add column totp_enabled_at timestamp(6) with time zone;
-- The last time step whose code was accepted: a code is good once.
alter table editor add column totp_last_step bigint default 0 not null;

-- API tokens and recovery codes, stored as the SHA-256 of their high-entropy value, shown once.
create sequence editor_credential_seq start with 1 increment by 50;
create table editor_credential (
    id bigint primary key,
    editor_id bigint not null,
    kind varchar(20) not null,
    label varchar(100),
    secret_hash varchar(64) not null,
    created_at timestamp(6) with time zone not null,
    used_at timestamp(6) with time zone,
    constraint editor_credential_editor_fk foreign key (editor_id) references editor (id) on delete cascade,
    constraint editor_credential_hash_uk unique (secret_hash)
);
create index editor_credential_editor_idx on editor_credential (editor_id, kind);

-- A send waits for a second account's approval when DIGEST_SEND_APPROVAL is on.
alter table digest_issue add column send_requested_by varchar(100);
alter table digest_issue add column send_requested_at timestamp(6) with time zone;
alter table digest_issue add column approved_by varchar(100);
alter table digest_issue add column approved_at timestamp(6) with time zone;
-- What was approved (the SHA-256 of the composed issue), and who curated it last: neither may go unnoticed.
alter table digest_issue add column approved_content_sha256 varchar(64);
alter table digest_issue add column curated_by varchar(100);

create sequence audit_entry_seq start with 1 increment by 50;
create table audit_entry (
    id bigint primary key,
    at timestamp(6) with time zone not null,
    account varchar(100),
    client varchar(64),
    action varchar(40) not null,
    target varchar(200),
    detail varchar(500)
);
create index audit_entry_at_idx on audit_entry (at);
create index audit_entry_account_idx on audit_entry (account, at);
create index audit_entry_action_idx on audit_entry (action, at);
