-- Large registers (issue 11): "Le mie pratiche" and the operators' queues over 1,000,000 applications
-- (bench/registers.bench.ts, seed --scale 1). Measured there before this migration: a citizen's list 3.2 s (a
-- sequential scan of the whole table), the first page of an office's open queue 0.9 s (all 100,000 of its open
-- applications fetched, joined and sorted for 25 rows). After it: 1.3 ms and 0.2 ms (EXPLAIN ANALYZE, same data).

-- 1. Row-level security that the planner can use. The policy of applications is an OR of four arms; PostgreSQL
-- can answer an OR from indexes (a BitmapOr) only if every arm can use one, and the first arm,
-- sportello_platform(), names no column: so a citizen's list read the whole table, whatever the indexes. The arm is
-- rewritten as a range on the primary key that holds for every row when the platform scope is on and for none when
-- it is off (`id >= NULL` is never true): exactly the same rows are visible. Two gains: in a citizen's scope the
-- platform and tenant arms are empty index ranges and the citizen's own index does the work; in the platform scope
-- (the operators' queues run there) the planner now estimates the arm as true for every row — it is folded at
-- planning time, as the other arms are — instead of as 0.5 % of them, so it knows an office's queue is 100,000
-- rows and not 8, and takes the ordered index below instead of sorting them all. The WITH CHECK part (writes) is
-- unchanged.
ALTER POLICY applications_access ON applications
  USING (id >= CASE WHEN sportello_platform() THEN '00000000-0000-0000-0000-000000000000'::uuid END
         OR tenant_id = sportello_tenant() OR citizen_id = sportello_citizen()
         OR (sportello_citizen() IS NOT NULL AND subject_fiscal_code = ANY (sportello_subject_codes())));

-- 2. Open applications in the operators' queue order (HandlingRepository.list: due date, those without one last,
-- then id). The queue is an OR of the operator's offices, visas and own applications, which no single index can
-- return in order; walking this one in order and keeping the rows that match stops after a page when the office
-- holds a good share of the open applications (the big backlog), while a small office's queue still uses
-- applications_office_queue_idx and sorts its few rows (the planner chooses, by the estimates of 1.).
CREATE INDEX applications_open_by_due_idx ON applications ((coalesce(due_date, '9999-12-31'::date)), id)
  WHERE status <> 'draft' AND status NOT IN ('approved', 'rejected', 'withdrawn');
