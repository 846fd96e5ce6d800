-- The brand page's tables by reason and by staff member, and its weekly chart, counted every
-- decided item of the brand in its window, each joined to its report for the reason and the
-- submitter: a Joint-Force brand's page grew with its takedowns (four such counts took some
-- 100 ms at 25,000 items; bench/run.sh measures the page). The running counts of 0011 now
-- also keep the report's reason and submitter, so all of them read at most a row per day,
-- status, code, reason and staff member. An instant takedown still writes one row here.
DROP TRIGGER decided_item_days_insert;
DROP TRIGGER decided_item_days_update_old;
DROP TRIGGER decided_item_days_update_new;
DROP TRIGGER decided_item_days_delete;
DROP TABLE decided_item_days;

CREATE TABLE decided_item_days (
    brand_id       INTEGER NOT NULL,
    day            INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    rejection_code TEXT    NOT NULL,
    reason         TEXT    NOT NULL,
    submitted_by   INTEGER NOT NULL,
    items          INTEGER NOT NULL,
    PRIMARY KEY (brand_id, day, status, rejection_code, reason, submitted_by)
) WITHOUT ROWID;

INSERT INTO decided_item_days (brand_id, day, status, rejection_code, reason, submitted_by, items)
SELECT i.brand_id, i.decided_at / 86400000, i.status, COALESCE(i.rejection_code, ''),
       r.reason, r.submitted_by, COUNT(*)
FROM report_items i JOIN reports r ON r.id = i.report_id
WHERE i.decided_at IS NOT NULL
  AND i.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
GROUP BY i.brand_id, i.decided_at / 86400000, i.status, COALESCE(i.rejection_code, ''),
         r.reason, r.submitted_by;

-- A report's reason and submitter never change, so the item's report gives them.
CREATE TRIGGER decided_item_days_insert AFTER INSERT ON report_items
WHEN NEW.decided_at IS NOT NULL
 AND NEW.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    INSERT INTO decided_item_days (brand_id, day, status, rejection_code, reason, submitted_by, items)
    SELECT NEW.brand_id, NEW.decided_at / 86400000, NEW.status, COALESCE(NEW.rejection_code, ''),
           r.reason, r.submitted_by, 1
    FROM reports r WHERE r.id = NEW.report_id
    ON CONFLICT (brand_id, day, status, rejection_code, reason, submitted_by)
    DO UPDATE SET items = items + 1;
END;

-- An update takes the item out of its old row and puts it into its new one (the same row
-- when nothing counted changed).
CREATE TRIGGER decided_item_days_update_old
AFTER UPDATE OF brand_id, status, rejection_code, decided_at, report_id ON report_items
WHEN OLD.decided_at IS NOT NULL
 AND OLD.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    UPDATE decided_item_days SET items = items - 1
    WHERE brand_id = OLD.brand_id AND day = OLD.decided_at / 86400000 AND status = OLD.status
      AND rejection_code = COALESCE(OLD.rejection_code, '')
      AND (reason, submitted_by) = (SELECT reason, submitted_by FROM reports WHERE id = OLD.report_id);
END;

CREATE TRIGGER decided_item_days_update_new
AFTER UPDATE OF brand_id, status, rejection_code, decided_at, report_id ON report_items
WHEN NEW.decided_at IS NOT NULL
 AND NEW.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    INSERT INTO decided_item_days (brand_id, day, status, rejection_code, reason, submitted_by, items)
    SELECT NEW.brand_id, NEW.decided_at / 86400000, NEW.status, COALESCE(NEW.rejection_code, ''),
           r.reason, r.submitted_by, 1
    FROM reports r WHERE r.id = NEW.report_id
    ON CONFLICT (brand_id, day, status, rejection_code, reason, submitted_by)
    DO UPDATE SET items = items + 1;
END;

CREATE TRIGGER decided_item_days_delete AFTER DELETE ON report_items
WHEN OLD.decided_at IS NOT NULL
 AND OLD.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    UPDATE decided_item_days SET items = items - 1
    WHERE brand_id = OLD.brand_id AND day = OLD.decided_at / 86400000 AND status = OLD.status
      AND rejection_code = COALESCE(OLD.rejection_code, '')
      AND (reason, submitted_by) = (SELECT reason, submitted_by FROM reports WHERE id = OLD.report_id);
END;

-- The staff table's "reports filed" counted the brand's reports in the window from the
-- table's rows; this index holds all it reads, in place of reports_by_brand (brand_id, id),
-- which only that count used.
DROP INDEX reports_by_brand;
CREATE INDEX reports_by_brand ON reports (brand_id, submitted_at, submitted_by);

-- The staff table lists the brand's users; with ten thousand brands, reading every user for
-- it took a millisecond.
CREATE INDEX users_by_brand ON users (brand_id, display_name);
