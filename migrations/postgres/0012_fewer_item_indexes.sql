-- Two indexes no query needs any more, dropped because every index is written by every
-- instant takedown: each commit writes the pages its rows touched to the write-ahead log,
-- whole, and on SQLite that log is what the disk has to keep up with at 500 takedowns a
-- second (about 26 pages, 106 KB, per commit; bench/run.sh).
--
-- report_items_removed_by_listing served the seller-strike rule's removals per listing,
-- which the strikes table (0009) now counts. The listing's removal and its statement of
-- reasons find their item through report_items_by_listing (listing_id, status): a listing
-- has a handful of items, so sorting them by decision time costs nothing.
DROP INDEX report_items_removed_by_listing;
-- report_items_decided_at served the figures of all brands at once, which read
-- decided_item_days (0011) now. Counting decided items reads report_items_figures, which
-- has the same condition.
DROP INDEX report_items_decided_at;
