-- Running counts for the brand page as well as the tier figures. The page's tables by reason
-- and by staff member, its weekly chart and its "reports filed" per staff member counted the
-- brand's decided items in the window, each joined to its report, and its reports: a
-- Joint-Force brand's page grew with its takedowns (at 25,000 of them the five counts took
-- some 110 ms and the page served 33 a second; bench/run.sh measures it).
--
-- brand_day_counts replaces decided_item_days (0011). Per brand, UTC day, status, rejection
-- code ('' for none), the report's reason and its submitter it keeps:
--   * decided items, under their status (the day they were decided), as before;
--   * reports filed, under the status 'filed' (the day they were submitted).
-- Both kinds live in one table so that an instant takedown, which files a report and decides
-- its item on the same day, updates two neighbouring rows of one page: the pages a commit
-- touches are what SQLite writes to its log, and at 500 takedowns a second the log is what the
-- disk keeps up with. For the same reason reports_by_brand goes: only the filed count read it.
DROP TRIGGER decided_item_days_insert;
DROP TRIGGER decided_item_days_update_old;
DROP TRIGGER decided_item_days_update_new;
DROP TRIGGER decided_item_days_delete;
DROP TABLE decided_item_days;
DROP INDEX reports_by_brand;

CREATE TABLE brand_day_counts (
    brand_id       INTEGER NOT NULL,
    day            INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    rejection_code TEXT    NOT NULL,
    reason         TEXT    NOT NULL,
    submitted_by   INTEGER NOT NULL,
    tally          INTEGER NOT NULL,
    PRIMARY KEY (brand_id, day, status, rejection_code, reason, submitted_by)
) WITHOUT ROWID;

INSERT INTO brand_day_counts (brand_id, day, status, rejection_code, reason, submitted_by, tally)
SELECT i.brand_id, i.decided_at / 86400000, i.status, COALESCE(i.rejection_code, ''),
       r.reason, r.submitted_by, COUNT(*)
FROM report_items i JOIN reports r ON r.id = i.report_id
WHERE i.decided_at IS NOT NULL
  AND i.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
GROUP BY i.brand_id, i.decided_at / 86400000, i.status, COALESCE(i.rejection_code, ''),
         r.reason, r.submitted_by;

INSERT INTO brand_day_counts (brand_id, day, status, rejection_code, reason, submitted_by, tally)
SELECT brand_id, submitted_at / 86400000, 'filed', '', reason, submitted_by, COUNT(*)
FROM reports
GROUP BY brand_id, submitted_at / 86400000, reason, submitted_by;

-- Decided items. A report's reason and submitter never change, so the item's report gives
-- them. An update takes the item out of its old row and puts it into its new one (the same
-- row when nothing counted changed).
CREATE TRIGGER brand_day_counts_item_insert AFTER INSERT ON report_items
WHEN NEW.decided_at IS NOT NULL
 AND NEW.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    INSERT INTO brand_day_counts (brand_id, day, status, rejection_code, reason, submitted_by, tally)
    SELECT NEW.brand_id, NEW.decided_at / 86400000, NEW.status, COALESCE(NEW.rejection_code, ''),
           r.reason, r.submitted_by, 1
    FROM reports r WHERE r.id = NEW.report_id
    ON CONFLICT (brand_id, day, status, rejection_code, reason, submitted_by)
    DO UPDATE SET tally = tally + 1;
END;

CREATE TRIGGER brand_day_counts_item_update_old
AFTER UPDATE OF brand_id, status, rejection_code, decided_at, report_id ON report_items
WHEN OLD.decided_at IS NOT NULL
 AND OLD.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    UPDATE brand_day_counts SET tally = tally - 1
    WHERE brand_id = OLD.brand_id AND day = OLD.decided_at / 86400000 AND status = OLD.status
      AND rejection_code = COALESCE(OLD.rejection_code, '')
      AND (reason, submitted_by) = (SELECT reason, submitted_by FROM reports WHERE id = OLD.report_id);
END;

CREATE TRIGGER brand_day_counts_item_update_new
AFTER UPDATE OF brand_id, status, rejection_code, decided_at, report_id ON report_items
WHEN NEW.decided_at IS NOT NULL
 AND NEW.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    INSERT INTO brand_day_counts (brand_id, day, status, rejection_code, reason, submitted_by, tally)
    SELECT NEW.brand_id, NEW.decided_at / 86400000, NEW.status, COALESCE(NEW.rejection_code, ''),
           r.reason, r.submitted_by, 1
    FROM reports r WHERE r.id = NEW.report_id
    ON CONFLICT (brand_id, day, status, rejection_code, reason, submitted_by)
    DO UPDATE SET tally = tally + 1;
END;

CREATE TRIGGER brand_day_counts_item_delete AFTER DELETE ON report_items
WHEN OLD.decided_at IS NOT NULL
 AND OLD.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    UPDATE brand_day_counts SET tally = tally - 1
    WHERE brand_id = OLD.brand_id AND day = OLD.decided_at / 86400000 AND status = OLD.status
      AND rejection_code = COALESCE(OLD.rejection_code, '')
      AND (reason, submitted_by) = (SELECT reason, submitted_by FROM reports WHERE id = OLD.report_id);
END;

-- Reports filed.
CREATE TRIGGER brand_day_counts_report_insert AFTER INSERT ON reports
BEGIN
    INSERT INTO brand_day_counts (brand_id, day, status, rejection_code, reason, submitted_by, tally)
    VALUES (NEW.brand_id, NEW.submitted_at / 86400000, 'filed', '', NEW.reason, NEW.submitted_by, 1)
    ON CONFLICT (brand_id, day, status, rejection_code, reason, submitted_by)
    DO UPDATE SET tally = tally + 1;
END;

CREATE TRIGGER brand_day_counts_report_update
AFTER UPDATE OF brand_id, submitted_at, reason, submitted_by ON reports
BEGIN
    UPDATE brand_day_counts SET tally = tally - 1
    WHERE brand_id = OLD.brand_id AND day = OLD.submitted_at / 86400000 AND status = 'filed'
      AND rejection_code = '' AND reason = OLD.reason AND submitted_by = OLD.submitted_by;
    INSERT INTO brand_day_counts (brand_id, day, status, rejection_code, reason, submitted_by, tally)
    VALUES (NEW.brand_id, NEW.submitted_at / 86400000, 'filed', '', NEW.reason, NEW.submitted_by, 1)
    ON CONFLICT (brand_id, day, status, rejection_code, reason, submitted_by)
    DO UPDATE SET tally = tally + 1;
END;

CREATE TRIGGER brand_day_counts_report_delete AFTER DELETE ON reports
BEGIN
    UPDATE brand_day_counts SET tally = tally - 1
    WHERE brand_id = OLD.brand_id AND day = OLD.submitted_at / 86400000 AND status = 'filed'
      AND rejection_code = '' AND reason = OLD.reason AND submitted_by = OLD.submitted_by;
END;

-- The staff table lists the brand's users; with ten thousand brands, reading every user for
-- it took a millisecond.
CREATE INDEX users_by_brand ON users (brand_id, display_name);
