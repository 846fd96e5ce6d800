-- When each periodic sweep last ran, on any instance. Every instance ticks once an hour; the
-- first to claim the hour runs the sweep and the others skip it, so several instances on one
-- database sweep once an hour, not once each (see `db::sweeps::claim`).
CREATE TABLE sweeps (
    name        TEXT    PRIMARY KEY,
    last_run_at BIGINT  NOT NULL
);
INSERT INTO sweeps (name, last_run_at) VALUES ('hourly', 0);
