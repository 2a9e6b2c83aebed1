-- One row per issue (send date); the snapshot freezes its content when sending starts.
create sequence digest_issue_seq start with 1 increment by 50;
create table digest_issue (
    id bigint primary key,
    send_date date not null,
    status varchar(20) not null,
    subject varchar(300),
    editor_note varchar(4000),
    pinned varchar(2000),
    excluded varchar(2000),
    snapshot varchar(1000000),
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    sending_started_at timestamp(6) with time zone,
    sent_at timestamp(6) with time zone,
    constraint digest_issue_send_date_uk unique (send_date)
);
create index digest_issue_status_idx on digest_issue (status, send_date);
