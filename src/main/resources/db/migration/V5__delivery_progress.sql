-- A sent issue keeps its final counters, so that lists and pages do not count a million delivery rows per issue.
alter table digest_issue add column sent_count bigint;
alter table digest_issue add column failed_count bigint;
alter table digest_issue add column skipped_count bigint;

-- The rate of a send is now taken from its successive counts, so no index on sent_at is kept up for every message.
drop index delivery_sent_at_idx;
