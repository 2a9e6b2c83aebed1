-- Runs unchanged on PostgreSQL and on H2 (in its PostgreSQL mode).
-- Sequences follow Hibernate's implicit naming (<entity>_seq, allocation size 50).

create sequence editor_seq start with 1 increment by 50;
create table editor (
    id bigint primary key,
    username varchar(100) not null,
    password varchar(100) not null,
    roles varchar(100) not null,
    created_at timestamp(6) with time zone not null,
    constraint editor_username_uk unique (username)
);

create sequence subscriber_seq start with 1 increment by 50;
create table subscriber (
    id bigint primary key,
    email varchar(254) not null,
    email_key varchar(254) not null,
    name varchar(200),
    status varchar(20) not null,
    confirm_token_hash varchar(64),
    confirm_token_expires_at timestamp(6) with time zone,
    unsubscribe_token varchar(64) not null,
    created_at timestamp(6) with time zone not null,
    confirmed_at timestamp(6) with time zone,
    unsubscribed_at timestamp(6) with time zone,
    constraint subscriber_email_key_uk unique (email_key),
    constraint subscriber_confirm_token_uk unique (confirm_token_hash),
    constraint subscriber_unsubscribe_token_uk unique (unsubscribe_token)
);
create index subscriber_status_idx on subscriber (status, id);

create table subscriber_section (
    subscriber_id bigint not null references subscriber (id) on delete cascade,
    section varchar(100) not null,
    primary key (subscriber_id, section)
);

create sequence consent_event_seq start with 1 increment by 50;
create table consent_event (
    id bigint primary key,
    subscriber_id bigint not null references subscriber (id) on delete cascade,
    type varchar(20) not null,
    occurred_at timestamp(6) with time zone not null,
    channel varchar(20) not null,
    ip varchar(64),
    user_agent varchar(500),
    consent_version varchar(50)
);
create index consent_event_subscriber_idx on consent_event (subscriber_id);

create sequence suppression_seq start with 1 increment by 50;
create table suppression (
    id bigint primary key,
    email_hash varchar(64) not null,
    reason varchar(30) not null,
    created_at timestamp(6) with time zone not null,
    constraint suppression_email_hash_uk unique (email_hash)
);

create sequence article_seq start with 1 increment by 50;
create table article (
    id bigint primary key,
    url varchar(2048) not null,
    title varchar(500) not null,
    summary varchar(4000),
    author varchar(200),
    section varchar(100),
    image_url varchar(2048),
    published_at timestamp(6) with time zone not null,
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    constraint article_url_uk unique (url)
);
create index article_published_at_idx on article (published_at);
