-- Tier figures as running counts. Every decision and instant takedown recomputes its brand's
-- figures (decided items in the window, by status and rejection code) inside its
-- transaction. Counting the items themselves grew with the brand: a Joint-Force brand's
-- takedowns add thousands, and at 8,000 items the count took a millisecond of the single
-- writer's turn (bench/run.sh). These rows count the items per brand, UTC day, status and
-- rejection code ('' for none), kept in step by triggers on report_items, so the figures read
-- at most a row per day and code however many items there are. The window is therefore
-- counted in whole days (from midnight UTC of its first day).
CREATE TABLE decided_item_days (
    brand_id       INTEGER NOT NULL,
    day            INTEGER NOT NULL,
    status         TEXT    NOT NULL,
    rejection_code TEXT    NOT NULL,
    items          INTEGER NOT NULL,
    PRIMARY KEY (brand_id, day, status, rejection_code)
) WITHOUT ROWID;

INSERT INTO decided_item_days (brand_id, day, status, rejection_code, items)
SELECT brand_id, decided_at / 86400000, status, COALESCE(rejection_code, ''), COUNT(*)
FROM report_items
WHERE decided_at IS NOT NULL
  AND status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
GROUP BY brand_id, decided_at / 86400000, status, COALESCE(rejection_code, '');

CREATE TRIGGER decided_item_days_insert AFTER INSERT ON report_items
WHEN NEW.decided_at IS NOT NULL
 AND NEW.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    INSERT INTO decided_item_days (brand_id, day, status, rejection_code, items)
    VALUES (NEW.brand_id, NEW.decided_at / 86400000, NEW.status, COALESCE(NEW.rejection_code, ''), 1)
    ON CONFLICT (brand_id, day, status, rejection_code) DO UPDATE SET items = items + 1;
END;

-- An update takes the item out of its old row and puts it into its new one (the same row
-- when nothing counted changed).
CREATE TRIGGER decided_item_days_update_old
AFTER UPDATE OF brand_id, status, rejection_code, decided_at ON report_items
WHEN OLD.decided_at IS NOT NULL
 AND OLD.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    UPDATE decided_item_days SET items = items - 1
    WHERE brand_id = OLD.brand_id AND day = OLD.decided_at / 86400000 AND status = OLD.status
      AND rejection_code = COALESCE(OLD.rejection_code, '');
END;

CREATE TRIGGER decided_item_days_update_new
AFTER UPDATE OF brand_id, status, rejection_code, decided_at ON report_items
WHEN NEW.decided_at IS NOT NULL
 AND NEW.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    INSERT INTO decided_item_days (brand_id, day, status, rejection_code, items)
    VALUES (NEW.brand_id, NEW.decided_at / 86400000, NEW.status, COALESCE(NEW.rejection_code, ''), 1)
    ON CONFLICT (brand_id, day, status, rejection_code) DO UPDATE SET items = items + 1;
END;

CREATE TRIGGER decided_item_days_delete AFTER DELETE ON report_items
WHEN OLD.decided_at IS NOT NULL
 AND OLD.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
BEGIN
    UPDATE decided_item_days SET items = items - 1
    WHERE brand_id = OLD.brand_id AND day = OLD.decided_at / 86400000 AND status = OLD.status
      AND rejection_code = COALESCE(OLD.rejection_code, '');
END;
