-- Publishers' RSS and Atom feeds whose entries become articles. Runs unchanged on PostgreSQL and on H2.

create sequence feed_seq start with 1 increment by 50;
create table feed (
    id bigint primary key,
    url varchar(2048) not null,
    section varchar(100),
    etag varchar(500),
    last_modified varchar(100),
    last_fetched_at timestamp(6) with time zone,
    last_status varchar(20),
    last_error varchar(1000),
    entries_imported integer not null,
    created_at timestamp(6) with time zone not null,
    constraint feed_url_uk unique (url)
);

-- Which article each entry of a feed became, by the entry's GUID (hashed, as GUIDs may be long): an entry whose link
-- changes still updates its article. The article is null when an editor deleted it, so it is not imported again.
create sequence feed_entry_seq start with 1 increment by 50;
create table feed_entry (
    id bigint primary key,
    feed_id bigint not null references feed (id) on delete cascade,
    guid_hash varchar(64) not null,
    article_id bigint references article (id) on delete set null,
    content_hash varchar(64) not null,
    updated_at timestamp(6) with time zone not null,
    constraint feed_entry_guid_uk unique (feed_id, guid_hash)
);
create index feed_entry_article_idx on feed_entry (article_id);
