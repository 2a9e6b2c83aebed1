-- What mail systems reported after they had accepted a message: one row per event that matched a reader, under the
-- SHA-256 of the event's key, so that an event delivered twice (webhooks retry, mailboxes are read again) is applied
-- once. Unmatched reports are not kept: they would be addresses of people who are not readers.
create sequence bounce_report_seq start with 1 increment by 50;
create table bounce_report (
    id bigint primary key,
    event_hash varchar(64) not null,
    source varchar(20) not null,
    kind varchar(20) not null,
    subscriber_id bigint not null references subscriber (id) on delete cascade,
    delivery_id bigint references delivery (id) on delete set null,
    issue_id bigint references digest_issue (id) on delete set null,
    matched_by varchar(20) not null,
    reason varchar(500),
    reported_at timestamp(6) with time zone,
    received_at timestamp(6) with time zone not null,
    constraint bounce_report_event_uk unique (event_hash)
);
create index bounce_report_received_idx on bounce_report (received_at);
create index bounce_report_subscriber_idx on bounce_report (subscriber_id, kind);

-- A copy that bounced or was reported as spam after it was sent keeps its status SENT and says so here.
alter table delivery add column report varchar(20);
alter table delivery add column report_reason varchar(500);
alter table delivery add column reported_at timestamp(6) with time zone;
create index delivery_message_id_idx on delivery (message_id);

alter table delivery_tally add column bounced bigint not null default 0;
alter table delivery_tally add column complaints bigint not null default 0;


insert into job_run (name, last_run_at) values ('bounce-mailbox', timestamp with time zone '1970-01-01 00:00:00+00');

-- One-time tokens of signed webhook calls already taken (Mailgun signs its token, not its events), kept an hour.
create table webhook_token (
    token_hash varchar(64) primary key,
    seen_at timestamp(6) with time zone not null
);
