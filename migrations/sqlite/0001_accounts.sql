-- Brands, sellers and the people who sign in.
-- Times are epoch milliseconds and flags are integers so the same queries decode on
-- SQLite and PostgreSQL through sqlx's Any driver.

CREATE TABLE brands (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL UNIQUE,
    tier                 TEXT    NOT NULL DEFAULT 'standard'
                                 CHECK (tier IN ('standard', 'good_faith', 'joint_force')),
    joint_force_enrolled INTEGER NOT NULL DEFAULT 0 CHECK (joint_force_enrolled IN (0, 1)),
    manager_id           INTEGER REFERENCES users (id),
    status               TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at           INTEGER NOT NULL
);
-- Serves the account manager's home: brands assigned to one manager.
CREATE INDEX brands_by_manager ON brands (manager_id);

CREATE TABLE sellers (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    country    TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL
                          CHECK (role IN ('brand_staff', 'account_manager', 'admin', 'seller')),
    brand_id      INTEGER REFERENCES brands (id),
    seller_id     INTEGER REFERENCES sellers (id),
    created_at    INTEGER NOT NULL,
    -- Brand staff belong to exactly one brand, sellers to one seller account, staff to neither.
    CHECK ((role = 'brand_staff') = (brand_id IS NOT NULL)),
    CHECK ((role = 'seller') = (seller_id IS NOT NULL))
);
