-- Thresholds admins changed on the Policy page, over the environment's defaults: the value in
-- force per setting (a setting without a row keeps its default), and every change with who,
-- when, why, and the value before and after. Every instance reloads the rules when a change
-- appears (the newest change's id tells them).
CREATE TABLE policy_settings (
    key        TEXT PRIMARY KEY,
    value      INTEGER NOT NULL,
    updated_by INTEGER NOT NULL REFERENCES users (id),
    updated_at INTEGER NOT NULL
);

CREATE TABLE policy_changes (
    id         INTEGER PRIMARY KEY,
    key        TEXT    NOT NULL,
    old_value  INTEGER NOT NULL,
    new_value  INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    changed_by INTEGER NOT NULL REFERENCES users (id),
    changed_at INTEGER NOT NULL
);
