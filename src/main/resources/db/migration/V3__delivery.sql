-- One row per (issue, reader), created when the issue starts sending: the database, not memory, knows who has
-- been sent what, so restarts, retries and extra instances cannot skip or repeat anyone.
create sequence delivery_seq start with 1 increment by 50;
create table delivery (
    id bigint primary key,
    issue_id bigint not null references digest_issue (id),
    subscriber_id bigint not null references subscriber (id) on delete cascade,
    status varchar(20) not null,
    attempts integer not null,
    next_attempt_at timestamp(6) with time zone not null,
    lease_owner varchar(100),
    lease_until timestamp(6) with time zone,
    message_id varchar(300),
    last_error varchar(500),
    sent_by varchar(100),
    sent_at timestamp(6) with time zone,
    updated_at timestamp(6) with time zone not null,
    constraint delivery_issue_subscriber_uk unique (issue_id, subscriber_id)
);
create index delivery_claim_idx on delivery (issue_id, status, next_attempt_at, id);
create index delivery_sent_at_idx on delivery (sent_at);

-- The shared send rate: a fixed one-second and one-hour window, counted under a row lock, so the limit holds
-- across instances and restarts.
create table send_rate (
    name varchar(50) primary key,
    second_start timestamp(6) with time zone not null,
    second_count integer not null,
    hour_start timestamp(6) with time zone not null,
    hour_count integer not null
);
insert into send_rate (name, second_start, second_count, hour_start, hour_count)
values ('digest', timestamp with time zone '1970-01-01 00:00:00+00', 0, timestamp with time zone '1970-01-01 00:00:00+00', 0);
