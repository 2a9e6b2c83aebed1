-- Each send's settled outcomes, counted as they are recorded and once more from the rows when the issue is sent, so
-- that a look at the progress does not count every delivery row of the issue.
create table delivery_tally (
    issue_id bigint primary key references digest_issue (id),
    recipients bigint not null,
    sent bigint not null,
    failed bigint not null,
    skipped bigint not null
);

-- The rate of a send is now taken from its successive counts, so no index on sent_at is kept up for every message.
drop index delivery_sent_at_idx;
