-- Running counts for the brand page as well as the tier figures. The page's tables by reason
-- and by staff member, its weekly chart and its "reports filed" per staff member counted the
-- brand's decided items in the window, each joined to its report, and its reports: a
-- Joint-Force brand's page grew with its takedowns (at 25,000 of them the five counts took
-- some 110 ms on SQLite; bench/run.sh measures it).
--
-- brand_day_counts replaces decided_item_days (0011). Per brand, UTC day, status, rejection
-- code ('' for none), the report's reason and its submitter it keeps:
--   * decided items, under their status (the day they were decided), as before;
--   * reports filed, under the status 'filed' (the day they were submitted).
-- Rows are split into shards by the writing connection as in 0011, so a brand's takedowns
-- running side by side do not wait for each other's counter rows. reports_by_brand goes:
-- only the filed count read it.
DROP TRIGGER decided_item_days_count ON report_items;
DROP FUNCTION count_decided_item_days();
DROP TABLE decided_item_days;
DROP INDEX reports_by_brand;

CREATE TABLE brand_day_counts (
    brand_id       BIGINT   NOT NULL,
    day            BIGINT   NOT NULL,
    status         TEXT     NOT NULL,
    rejection_code TEXT     NOT NULL,
    reason         TEXT     NOT NULL,
    submitted_by   BIGINT   NOT NULL,
    shard          SMALLINT NOT NULL,
    tally          BIGINT   NOT NULL,
    PRIMARY KEY (brand_id, day, status, rejection_code, reason, submitted_by, shard)
);

INSERT INTO brand_day_counts
    (brand_id, day, status, rejection_code, reason, submitted_by, shard, tally)
SELECT i.brand_id, i.decided_at / 86400000, i.status, COALESCE(i.rejection_code, ''),
       r.reason, r.submitted_by, 0, COUNT(*)
FROM report_items i JOIN reports r ON r.id = i.report_id
WHERE i.decided_at IS NOT NULL
  AND i.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
GROUP BY i.brand_id, i.decided_at / 86400000, i.status, COALESCE(i.rejection_code, ''),
         r.reason, r.submitted_by;

INSERT INTO brand_day_counts
    (brand_id, day, status, rejection_code, reason, submitted_by, shard, tally)
SELECT brand_id, submitted_at / 86400000, 'filed', '', reason, submitted_by, 0, COUNT(*)
FROM reports
GROUP BY brand_id, submitted_at / 86400000, reason, submitted_by;

-- Adds `change` to one row of this connection's shard.
CREATE FUNCTION count_brand_day(
    of_brand BIGINT, of_day BIGINT, of_status TEXT, of_code TEXT, of_reason TEXT,
    of_submitter BIGINT, change BIGINT
) RETURNS void LANGUAGE sql AS $$
    INSERT INTO brand_day_counts
        (brand_id, day, status, rejection_code, reason, submitted_by, shard, tally)
    VALUES (of_brand, of_day, of_status, of_code, of_reason, of_submitter,
            pg_backend_pid() % 16, change)
    ON CONFLICT (brand_id, day, status, rejection_code, reason, submitted_by, shard)
    DO UPDATE SET tally = brand_day_counts.tally + change;
$$;

-- Decided items. A report's reason and submitter never change, so the item's report gives
-- them. An update takes the item out of its old row and puts it into its new one (the same
-- row when nothing counted changed).
CREATE FUNCTION count_decided_item() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    of_report reports%ROWTYPE;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.decided_at IS NOT NULL
       AND OLD.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands') THEN
        SELECT * INTO of_report FROM reports WHERE id = OLD.report_id;
        PERFORM count_brand_day(OLD.brand_id, OLD.decided_at / 86400000, OLD.status,
                                COALESCE(OLD.rejection_code, ''), of_report.reason,
                                of_report.submitted_by, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.decided_at IS NOT NULL
       AND NEW.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands') THEN
        SELECT * INTO of_report FROM reports WHERE id = NEW.report_id;
        PERFORM count_brand_day(NEW.brand_id, NEW.decided_at / 86400000, NEW.status,
                                COALESCE(NEW.rejection_code, ''), of_report.reason,
                                of_report.submitted_by, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER brand_day_counts_item
AFTER INSERT OR DELETE OR UPDATE OF brand_id, status, rejection_code, decided_at, report_id
ON report_items
FOR EACH ROW EXECUTE FUNCTION count_decided_item();

-- Reports filed.
CREATE FUNCTION count_filed_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM count_brand_day(OLD.brand_id, OLD.submitted_at / 86400000, 'filed', '',
                                OLD.reason, OLD.submitted_by, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM count_brand_day(NEW.brand_id, NEW.submitted_at / 86400000, 'filed', '',
                                NEW.reason, NEW.submitted_by, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER brand_day_counts_report
AFTER INSERT OR DELETE OR UPDATE OF brand_id, submitted_at, reason, submitted_by ON reports
FOR EACH ROW EXECUTE FUNCTION count_filed_report();

-- The staff table lists the brand's users; with ten thousand brands, reading every user for
-- it took a millisecond.
CREATE INDEX users_by_brand ON users (brand_id, display_name);
