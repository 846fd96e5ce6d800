//! Write statements sent together: one round trip on SQLite, one per statement on PostgreSQL.
//!
//! On SQLite every statement is a hand-off to the connection's own thread and back, and a
//! write transaction holds the one write turn throughout, so inside the turn those hand-offs
//! are what every other writer waits for (see "Where a takedown's time goes now" in the
//! bench/results/history.md). SQLite runs a multi-statement query in one hand-off, binding each statement's
//! `$n` from the query's one argument list. PostgreSQL's extended protocol binds one
//! statement at a time, so there the statements run one by one. The SQL text is the same on
//! both engines.

use std::borrow::Cow;
use std::fmt::Write;

use sqlx::AnyConnection;

/// SQLite refuses queries with more than 32,766 parameters; a script with more is sent in
/// parts that stay below this.
const MOST_ARGS: usize = 30_000;

/// One value bound to a statement of a [`Script`].
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// An integer.
    Int(i64),
    /// An integer or NULL.
    MaybeInt(Option<i64>),
    /// Text.
    Text(&'a str),
    /// Text or NULL.
    MaybeText(Option<&'a str>),
}

/// Statements whose results the caller does not need, run in order by [`Script::run`].
#[derive(Debug, Default)]
pub struct Script<'a> {
    statements: Vec<(Cow<'static, str>, Vec<Arg<'a>>)>,
}

impl<'a> Script<'a> {
    /// Adds a statement whose placeholders are `$1`…`$n` for its `n` arguments, in order.
    /// Its text must hold no `$` but in placeholders (values are bound, never spliced).
    pub fn push(&mut self, sql: impl Into<Cow<'static, str>>, args: Vec<Arg<'a>>) {
        self.statements.push((sql.into(), args));
    }

    /// Runs the statements in order on `conn`, in the caller's transaction.
    pub async fn run(self, conn: &mut AnyConnection) -> sqlx::Result<()> {
        if conn.backend_name() != "SQLite" {
            for (sql, args) in &self.statements {
                bound(sqlx::query(sqlx::AssertSqlSafe(sql.as_ref())), args)
                    .execute(&mut *conn)
                    .await?;
            }
            return Ok(());
        }
        let mut text = String::new();
        let mut args: Vec<Arg<'a>> = Vec::new();
        for (sql, own) in &self.statements {
            if !args.is_empty() && args.len() + own.len() > MOST_ARGS {
                bound(sqlx::query(sqlx::AssertSqlSafe(text.as_str())), &args)
                    .execute(&mut *conn)
                    .await?;
                text.clear();
                args.clear();
            }
            renumbered(sql, args.len(), &mut text);
            text.push_str(";\n");
            args.extend_from_slice(own);
        }
        if !text.is_empty() {
            bound(sqlx::query(sqlx::AssertSqlSafe(text.as_str())), &args)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }
}

/// Runs one statement built from placeholders only (`$1`…), binding `args` in order, and
/// returns the rows it changed.
pub async fn execute(conn: &mut AnyConnection, sql: &str, args: &[Arg<'_>]) -> sqlx::Result<u64> {
    Ok(bound(sqlx::query(sqlx::AssertSqlSafe(sql)), args)
        .execute(conn)
        .await?
        .rows_affected())
}

fn bound<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    args: &[Arg<'q>],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for arg in args {
        query = match *arg {
            Arg::Int(value) => query.bind(value),
            Arg::MaybeInt(value) => query.bind(value),
            Arg::Text(value) => query.bind(value),
            Arg::MaybeText(value) => query.bind(value),
        };
    }
    query
}

/// Appends `sql` to `out` with each placeholder `$n` written as `$(n + offset)`.
fn renumbered(sql: &str, offset: usize, out: &mut String) {
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits].parse::<usize>() {
            Ok(number) => {
                let _ = write!(out, "${}", number + offset);
            }
            Err(_) => out.push('$'),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::renumbered;

    #[test]
    fn placeholders_are_shifted_past_the_statements_before() {
        let mut out = String::new();
        renumbered(
            "VALUES ($1, $2, (SELECT x FROM t WHERE id = $2), $10)",
            7,
            &mut out,
        );
        assert_eq!(out, "VALUES ($8, $9, (SELECT x FROM t WHERE id = $9), $17)");
        let mut untouched = String::new();
        renumbered("SELECT 'a $ b'", 3, &mut untouched);
        assert_eq!(untouched, "SELECT 'a $ b'");
    }
}
