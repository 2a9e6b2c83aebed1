-- Emails to readers outside the digest (confirmations, welcomes), written in the transaction of the change that calls
-- for them and sent by any instance under a lease, like deliveries: a crash or a relay outage delays them, loses none.
-- The bodies are blanked once sent, so the table keeps no live confirmation link.
create sequence outbox_mail_seq start with 1 increment by 50;
create table outbox_mail (
    id bigint primary key,
    kind varchar(30) not null,
    recipient varchar(320) not null,
    subject varchar(1000) not null,
    message_id varchar(255) not null,
    html_body text,
    text_body text,
    headers varchar(4000),
    status varchar(10) not null,
    attempts integer not null,
    next_attempt_at timestamp(6) with time zone not null,
    lease_owner varchar(100),
    lease_until timestamp(6) with time zone,
    created_at timestamp(6) with time zone not null,
    sent_at timestamp(6) with time zone,
    last_error varchar(500)
);
create index outbox_mail_due_idx on outbox_mail (status, next_attempt_at);

-- Jobs that one instance at a time runs, once per interval across all instances.
insert into job_run (name, last_run_at) values ('feed-poll', timestamp with time zone '1970-01-01 00:00:00+00');
insert into job_run (name, last_run_at) values ('unsubscribe-mailbox', timestamp with time zone '1970-01-01 00:00:00+00');
