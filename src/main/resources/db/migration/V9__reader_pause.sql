-- A reader who is away pauses the digest for four weeks from their own page: no issue starts sending to them before
-- until_at. The row goes with the reader.
create table reader_pause (
    subscriber_id bigint primary key references subscriber (id) on delete cascade,
    until_at timestamp(6) with time zone not null
);
