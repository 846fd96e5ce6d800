-- The brand page's tables by reason and by staff member, and its weekly chart, counted every
-- decided item of the brand in its window, each joined to its report for the reason and the
-- submitter: a Joint-Force brand's page grew with its takedowns (four such counts took some
-- 100 ms at 25,000 items on SQLite; bench/run.sh measures the page). The running counts of
-- 0011 now also keep the report's reason and submitter, so all of them read at most a row per
-- day, status, code, reason, staff member and shard. A takedown still writes one row here.
DROP TRIGGER decided_item_days_count ON report_items;
DROP FUNCTION count_decided_item_days();
DROP TABLE decided_item_days;

CREATE TABLE decided_item_days (
    brand_id       BIGINT   NOT NULL,
    day            BIGINT   NOT NULL,
    status         TEXT     NOT NULL,
    rejection_code TEXT     NOT NULL,
    reason         TEXT     NOT NULL,
    submitted_by   BIGINT   NOT NULL,
    shard          SMALLINT NOT NULL,
    items          BIGINT   NOT NULL,
    PRIMARY KEY (brand_id, day, status, rejection_code, reason, submitted_by, shard)
);

INSERT INTO decided_item_days
    (brand_id, day, status, rejection_code, reason, submitted_by, shard, items)
SELECT i.brand_id, i.decided_at / 86400000, i.status, COALESCE(i.rejection_code, ''),
       r.reason, r.submitted_by, 0, COUNT(*)
FROM report_items i JOIN reports r ON r.id = i.report_id
WHERE i.decided_at IS NOT NULL
  AND i.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
GROUP BY i.brand_id, i.decided_at / 86400000, i.status, COALESCE(i.rejection_code, ''),
         r.reason, r.submitted_by;

-- An update takes the item out of its old row and puts it into its new one (the same row
-- when nothing counted changed). A report's reason and submitter never change, so the
-- item's report gives them. Rows are sharded by connection as in 0011.
CREATE FUNCTION count_decided_item_days() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    my_shard SMALLINT := pg_backend_pid() % 16;
    of_report reports%ROWTYPE;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.decided_at IS NOT NULL
       AND OLD.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands') THEN
        SELECT * INTO of_report FROM reports WHERE id = OLD.report_id;
        INSERT INTO decided_item_days
            (brand_id, day, status, rejection_code, reason, submitted_by, shard, items)
        VALUES (OLD.brand_id, OLD.decided_at / 86400000, OLD.status,
                COALESCE(OLD.rejection_code, ''), of_report.reason, of_report.submitted_by,
                my_shard, -1)
        ON CONFLICT (brand_id, day, status, rejection_code, reason, submitted_by, shard)
        DO UPDATE SET items = decided_item_days.items - 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.decided_at IS NOT NULL
       AND NEW.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands') THEN
        SELECT * INTO of_report FROM reports WHERE id = NEW.report_id;
        INSERT INTO decided_item_days
            (brand_id, day, status, rejection_code, reason, submitted_by, shard, items)
        VALUES (NEW.brand_id, NEW.decided_at / 86400000, NEW.status,
                COALESCE(NEW.rejection_code, ''), of_report.reason, of_report.submitted_by,
                my_shard, 1)
        ON CONFLICT (brand_id, day, status, rejection_code, reason, submitted_by, shard)
        DO UPDATE SET items = decided_item_days.items + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER decided_item_days_count
AFTER INSERT OR DELETE OR UPDATE OF brand_id, status, rejection_code, decided_at, report_id
ON report_items
FOR EACH ROW EXECUTE FUNCTION count_decided_item_days();

-- The staff table's "reports filed" counted the brand's reports in the window from the
-- table's rows; this index holds all it reads, in place of reports_by_brand (brand_id, id),
-- which only that count used.
DROP INDEX reports_by_brand;
CREATE INDEX reports_by_brand ON reports (brand_id, submitted_at, submitted_by);

-- The staff table lists the brand's users; with ten thousand brands, reading every user for
-- it took a millisecond.
CREATE INDEX users_by_brand ON users (brand_id, display_name);
