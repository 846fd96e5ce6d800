-- Tier figures as running counts. Every decision and instant takedown recomputes its brand's
-- figures (decided items in the window, by status and rejection code) inside its
-- transaction. Counting the items themselves grew with the brand: a Joint-Force brand's
-- takedowns add thousands, and at 8,000 items the count took a millisecond of the single
-- writer's turn (bench/run.sh). These rows count the items per brand, UTC day, status and
-- rejection code ('' for none), kept in step by a trigger on report_items, so the figures read
-- at most a row per day and code however many items there are. The window is therefore
-- counted in whole days (from midnight UTC of its first day).
--
-- Unlike SQLite, PostgreSQL runs a brand's takedowns side by side, and one counter row per
-- brand, day and status would make each wait for the other's commit from its item's insert
-- on (the row stays locked until then): the takedown fell from 200 to 107 req/s. So each row
-- is split into shards by the writing connection (backend process id modulo 16); a change
-- adds +1 or -1 to its own connection's shard, and readers add the shards up.
CREATE TABLE decided_item_days (
    brand_id       BIGINT   NOT NULL,
    day            BIGINT   NOT NULL,
    status         TEXT     NOT NULL,
    rejection_code TEXT     NOT NULL,
    shard          SMALLINT NOT NULL,
    items          BIGINT   NOT NULL,
    PRIMARY KEY (brand_id, day, status, rejection_code, shard)
);

INSERT INTO decided_item_days (brand_id, day, status, rejection_code, shard, items)
SELECT brand_id, decided_at / 86400000, status, COALESCE(rejection_code, ''), 0, COUNT(*)
FROM report_items
WHERE decided_at IS NOT NULL
  AND status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands')
GROUP BY brand_id, decided_at / 86400000, status, COALESCE(rejection_code, '');

-- An update takes the item out of its old row and puts it into its new one (the same row
-- when nothing counted changed).
CREATE FUNCTION count_decided_item_days() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    my_shard SMALLINT := pg_backend_pid() % 16;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.decided_at IS NOT NULL
       AND OLD.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands') THEN
        INSERT INTO decided_item_days (brand_id, day, status, rejection_code, shard, items)
        VALUES (OLD.brand_id, OLD.decided_at / 86400000, OLD.status,
                COALESCE(OLD.rejection_code, ''), my_shard, -1)
        ON CONFLICT (brand_id, day, status, rejection_code, shard)
        DO UPDATE SET items = decided_item_days.items - 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.decided_at IS NOT NULL
       AND NEW.status IN ('removed', 'rejected', 'restored', 'counter_noticed', 'removal_stands') THEN
        INSERT INTO decided_item_days (brand_id, day, status, rejection_code, shard, items)
        VALUES (NEW.brand_id, NEW.decided_at / 86400000, NEW.status,
                COALESCE(NEW.rejection_code, ''), my_shard, 1)
        ON CONFLICT (brand_id, day, status, rejection_code, shard)
        DO UPDATE SET items = decided_item_days.items + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER decided_item_days_count
AFTER INSERT OR DELETE OR UPDATE OF brand_id, status, rejection_code, decided_at ON report_items
FOR EACH ROW EXECUTE FUNCTION count_decided_item_days();
