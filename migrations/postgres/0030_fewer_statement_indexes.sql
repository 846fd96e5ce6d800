-- Statements of reasons (0027) are written by every instant takedown's transaction, and every
-- index they carry is a page more that commit writes to the log (the finding behind 0012).
-- The benchmark measured the takedown's p99 at 500 a second rising from 5.2 to 7.2 ms with
-- four indexes on them (bench/results/sqlite-2026-12-07-statements-1.md). One partial index
-- is left, over the statements not yet accepted: the submitter's claim and the admins'
-- waiting and failed lists read it, and a statement leaves it once the database accepts it.
-- The export by date and the list by listing read the table in id order instead: statements
-- are written when their decision is made, so ids follow decision times.
DROP INDEX dsa_statements_due;
DROP INDEX dsa_statements_by_date;
DROP INDEX dsa_statements_by_state;
DROP INDEX dsa_statements_by_item;
CREATE INDEX dsa_statements_open ON dsa_statements (state, next_attempt_at, id)
    WHERE state <> 'submitted';
