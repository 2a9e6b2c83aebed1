-- Sends started before V5 have deliveries but no counters; they are counted once from their rows, so that every send
-- is read from delivery_tally alone.
insert into delivery_tally (issue_id, recipients, sent, failed, skipped)
select d.issue_id, count(*),
       sum(case when d.status = 'SENT' then 1 else 0 end),
       sum(case when d.status = 'FAILED' then 1 else 0 end),
       sum(case when d.status = 'SKIPPED' then 1 else 0 end)
from delivery d
where not exists (select 1 from delivery_tally t where t.issue_id = d.issue_id)
group by d.issue_id;
