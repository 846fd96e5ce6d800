//! Dates and times as the portal stores (epoch milliseconds, UTC) and shows them. Written
//! out here (Howard Hinnant's civil-date algorithms) so the browser bundle needs no date crate.

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day number (days since 1970-01-01).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2026-11-29 14:03 UTC`.
pub fn format_time(ms: i64) -> String {
    let (year, month, day) = civil_from_days(ms.div_euclid(DAY_MS));
    let minutes = ms.rem_euclid(DAY_MS) / 60_000;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        minutes / 60,
        minutes % 60
    )
}

/// `2026-11-29`: the UTC date of an instant.
pub fn iso_date(ms: i64) -> String {
    let (year, month, day) = civil_from_days(ms.div_euclid(DAY_MS));
    format!("{year:04}-{month:02}-{day:02}")
}

/// The first millisecond of an ISO date (`YYYY-MM-DD`, UTC); `None` if it is not one.
pub fn start_of_day_ms(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let year = parts.next()?.parse::<i64>().ok()?;
    let month = parts.next()?.parse::<i64>().ok()?;
    let day = parts.next()?.parse::<i64>().ok()?;
    // Four-digit years only: a year of 10^15 would overflow the milliseconds.
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day) * DAY_MS)
}

/// The length of a span in words: "3 h 20 min", "2 d 4 h", "45 min".
pub fn format_span(ms: i64) -> String {
    let minutes = ms.abs() / 60_000;
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    if days > 0 {
        format!("{days} d {hours} h")
    } else if hours > 0 {
        format!("{hours} h {mins} min")
    } else {
        format!("{mins} min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_utc() {
        assert_eq!(format_time(0), "1970-01-01 00:00 UTC");
        // 2026-11-29 14:03:00 UTC
        assert_eq!(format_time(1_795_960_980_000), "2026-11-29 14:03 UTC");
        assert_eq!(iso_date(951_782_400_000), "2000-02-29");
    }

    #[test]
    fn dates_round_trip_through_day_numbers() {
        for date in ["1970-01-01", "2000-02-29", "2026-11-29", "2099-12-31"] {
            let ms = start_of_day_ms(date).expect("date");
            assert_eq!(iso_date(ms), date);
        }
        assert_eq!(start_of_day_ms("2026-13-01"), None);
        assert_eq!(start_of_day_ms("yesterday"), None);
    }

    #[test]
    fn spans_read_in_the_largest_units() {
        assert_eq!(format_span(45 * 60_000), "45 min");
        assert_eq!(format_span((3 * 60 + 20) * 60_000), "3 h 20 min");
        assert_eq!(format_span((52 * 60) * 60_000), "2 d 4 h");
    }
}
