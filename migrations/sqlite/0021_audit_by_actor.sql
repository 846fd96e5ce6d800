-- The audit log page finds what one person did, newest first, without reading the whole log.
CREATE INDEX audit_events_by_actor ON audit_events (actor_id, id) WHERE actor_id IS NOT NULL;
