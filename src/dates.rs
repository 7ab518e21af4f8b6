//! # Dates: expressions in a sentence, resolved against the publication date
//!
//! News dates are relative: "on Tuesday" is the most recent Tuesday on or before publication (an
//! article published on a Tuesday about a call "on Tuesday" means that day), "on May 13" the most
//! recent May 13, "in May" a month, "yesterday" the day before. Explicit years win. A date whose
//! year cannot be known (no publication date) is kept only when the text gives the year.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::text::{Tok, TokKind};

/// A date known to the year, month or day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn day(d: NaiveDate) -> Self {
        PartialDate { year: d.year(), month: Some(d.month()), day: Some(d.day()) }
    }

    /// Do the two dates allow the same day? (2022-05 and 2022-05-13 do.)
    pub fn compatible(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }

    /// How precise: 0 year, 1 month, 2 day.
    pub fn precision(&self) -> u8 {
        match (self.month, self.day) {
            (Some(_), Some(_)) => 2,
            (Some(_), None) => 1,
            _ => 0,
        }
    }

    /// The first day the date allows, for ordering and distances.
    pub fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// A date expression found in a sentence.
#[derive(Debug, Clone)]
pub struct DateExpr {
    /// Token indices of the expression (including a leading "on"/"in").
    pub toks: std::ops::Range<usize>,
    pub date: PartialDate,
    /// A weekday or date used as a possessive ("Friday's call").
    pub possessive: bool,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("Monday", Weekday::Mon),
    ("Tuesday", Weekday::Tue),
    ("Wednesday", Weekday::Wed),
    ("Thursday", Weekday::Thu),
    ("Friday", Weekday::Fri),
    ("Saturday", Weekday::Sat),
    ("Sunday", Weekday::Sun),
];

fn month_of(w: &str) -> Option<u32> {
    if let Some(i) = MONTHS.iter().position(|m| *m == w) {
        return Some(i as u32 + 1);
    }
    const ABBR: [(&str, u32); 11] = [
        ("Jan", 1),
        ("Feb", 2),
        ("Apr", 4),
        ("Jun", 6),
        ("Jul", 7),
        ("Aug", 8),
        ("Sep", 9),
        ("Sept", 9),
        ("Oct", 10),
        ("Nov", 11),
        ("Dec", 12),
    ];
    ABBR.iter().find(|(a, _)| *a == w).map(|(_, m)| *m)
}

fn year_of(w: &str) -> Option<i32> {
    if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
        let y: i32 = w.parse().ok()?;
        (1900..=2100).contains(&y).then_some(y)
    } else {
        None
    }
}

fn day_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(|c: char| c.is_alphabetic());
    if (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit()) {
        let d: u32 = w.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    } else {
        None
    }
}

/// Parse an ISO date ("2024-06-26").
pub fn parse_iso(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// The most recent `weekday` on or before `pub_date`.
pub fn last_weekday(pub_date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + pub_date.weekday().num_days_from_monday() as i64 - weekday.num_days_from_monday() as i64) % 7;
    pub_date - Duration::days(back)
}

/// Is `w` a weekday, month, month abbreviation, "yesterday", "today" or "tonight" (as [`find`]
/// reads them)? By length first: a quick no for most words.
fn is_date_word(w: &str) -> bool {
    match w.len() {
        3 => matches!(w, "May" | "Jan" | "Feb" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Oct" | "Nov" | "Dec"),
        4 => matches!(w, "June" | "July" | "Sept"),
        5 => matches!(w, "March" | "April" | "today" | "Today"),
        6 => matches!(w, "Monday" | "Friday" | "Sunday" | "August"),
        7 => matches!(w, "Tuesday" | "January" | "October" | "tonight"),
        8 => matches!(w, "Thursday" | "Saturday" | "February" | "November" | "December"),
        9 => matches!(w, "Wednesday" | "September" | "yesterday" | "Yesterday"),
        _ => false,
    }
}

/// Find the date expressions of a sentence.
pub fn find(text: &str, ts: &[Tok], pub_date: Option<NaiveDate>) -> Vec<DateExpr> {
    let w = |i: usize| ts.get(i).map(|t| t.text(text)).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    while i < ts.len() {
        // every expression below starts at an ISO date (ten bytes, a digit first) or at a weekday,
        // month or day word (an ASCII capital or "y"/"t" first): skip the rest (most tokens) by
        // their first byte and length, before any comparison
        let t = &ts[i];
        let candidate = match text.as_bytes().get(t.start).filter(|_| t.end > t.start) {
            Some(b'0'..=b'9') => t.kind == TokKind::Word && t.end - t.start == 10,
            Some(b'A'..=b'Z' | b'y' | b't') => is_date_word(&text[t.start..t.end]),
            _ => false,
        };
        if !candidate {
            i += 1;
            continue;
        }
        let word = w(i);
        let lead = usize::from(i > 0 && matches!(w(i - 1), "on" | "in" | "On" | "In" | "last" | "this"));
        let start = i - lead;
        // ISO date
        if ts[i].kind == TokKind::Word && word.len() == 10 {
            if let Some(d) = parse_iso(word) {
                out.push(DateExpr { toks: start..i + 1, date: PartialDate::day(d), possessive: false });
                i += 1;
                continue;
            }
        }
        // weekday
        if let Some((_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == word) {
            if let Some(p) = pub_date {
                let d = last_weekday(p, *wd);
                out.push(DateExpr { toks: start..i + 1, date: PartialDate::day(d), possessive: ts[i].possessive });
            }
            i += 1;
            continue;
        }
        match word {
            "yesterday" | "Yesterday" | "today" | "Today" | "tonight" => {
                if let Some(p) = pub_date {
                    let d = if word.eq_ignore_ascii_case("yesterday") { p - Duration::days(1) } else { p };
                    out.push(DateExpr { toks: i..i + 1, date: PartialDate::day(d), possessive: ts[i].possessive });
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        // "May 13", "May 13, 2022", "13 May 2022", "May 2022", "in May"
        if let Some(month) = month_of(word) {
            // "Oct. 21": step over the abbreviation's dot
            let dot = usize::from(w(i + 1) == "." && MONTHS[month as usize - 1] != word);
            if MONTHS[month as usize - 1] != word && dot == 0 {
                i += 1;
                continue;
            }
            let (day, mut j) = match day_of(w(i + 1 + dot)) {
                Some(d) if ts.get(i + 1 + dot).is_some_and(|t| t.kind == TokKind::Word) => (Some(d), i + 2 + dot),
                _ => (None, i + 1 + dot),
            };
            let mut day = day;
            let mut start = start;
            // "(on) 13 May": the expression starts at the day (and its "on")
            if day.is_none() && i > 0 && lead == 0 {
                if let Some(d) = day_of(w(i - 1)) {
                    day = Some(d);
                    start = i - 1 - usize::from(i >= 2 && matches!(w(i - 2), "on" | "On"));
                }
            }
            let mut year = None;
            if w(j) == "," && year_of(w(j + 1)).is_some() {
                year = year_of(w(j + 1));
                j += 2;
            } else if let Some(y) = year_of(w(j)) {
                year = Some(y);
                j += 1;
            }
            // "May" alone is too often the verb: require "in May", a day or a year
            if day.is_none() && year.is_none() && lead == 0 {
                i += 1;
                continue;
            }
            if word == "May"
                && day.is_none()
                && year.is_none()
                && !matches!(w(i - 1), "in" | "In" | "since" | "Since" | "until" | "early" | "late" | "mid")
            {
                i += 1;
                continue;
            }
            let date = match (year, pub_date) {
                (Some(y), _) => Some(PartialDate { year: y, month: Some(month), day }),
                (None, Some(p)) => {
                    // the most recent such day (or month) on or before publication
                    let mut y = p.year();
                    let this = PartialDate { year: y, month: Some(month), day };
                    let later = match day {
                        Some(d) => (month, d) > (p.month(), p.day()),
                        None => month > p.month(),
                    };
                    if later {
                        y -= 1;
                    }
                    Some(PartialDate { year: y, ..this })
                }
                (None, None) => None,
            };
            // "February 30" is no day
            let date = date.filter(|d| d.day.is_none() || d.first_day().is_some());
            if let Some(date) = date {
                let poss = ts[j - 1].possessive;
                out.push(DateExpr { toks: start..j, date, possessive: poss });
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

/// A publication date from the first lines of an article ("2024-06-26 | 00:44", "June 26, 2024").
pub fn dateline(text: &str) -> Option<NaiveDate> {
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(4) {
        for word in line.split(|c: char| c.is_whitespace() || c == '|') {
            if let Some(d) = parse_iso(word) {
                return Some(d);
            }
        }
        let ts = crate::text::tokenize(line, 0..line.len());
        for d in find(line, &ts, None) {
            if d.date.precision() == 2 {
                return d.date.first_day();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn dates(s: &str, published: &str) -> Vec<String> {
        let ts = tokenize(s, 0..s.len());
        find(s, &ts, parse_iso(published)).iter().map(|d| d.date.to_string()).collect()
    }

    #[test]
    fn weekdays_resolve_to_the_most_recent_one() {
        // 2024-06-26 is a Wednesday
        assert_eq!(dates("They spoke on Tuesday.", "2024-06-26"), vec!["2024-06-25"]);
        assert_eq!(dates("They spoke on Wednesday.", "2024-06-26"), vec!["2024-06-26"]);
        // published on a Saturday, "on Friday" is the day before
        assert_eq!(dates("After Friday's call", "2022-10-22"), vec!["2022-10-21"]);
    }

    #[test]
    fn month_days_take_the_most_recent_year() {
        assert_eq!(dates("since a call on May 13.", "2022-10-21"), vec!["2022-05-13"]);
        assert_eq!(dates("on December 30", "2023-01-04"), vec!["2022-12-30"]);
        assert_eq!(dates("on May 13, 2021", "2022-10-21"), vec!["2021-05-13"]);
        assert_eq!(dates("since March 2023", "2024-06-26"), vec!["2023-03"]);
        assert_eq!(dates("in May", "2022-10-21"), vec!["2022-05"]);
    }

    #[test]
    fn day_first_dates_start_at_the_day() {
        let s = "their first call since 13 May";
        let ts = tokenize(s, 0..s.len());
        let d = &find(s, &ts, parse_iso("2024-06-26"))[0];
        assert_eq!(d.date.to_string(), "2024-05-13");
        assert_eq!(ts[d.toks.start].text(s), "13");
    }

    #[test]
    fn impossible_days_are_no_dates() {
        assert!(dates("on February 30", "2024-06-26").is_empty());
    }

    #[test]
    fn may_the_verb_is_no_date() {
        assert!(dates("He May not come; they may agree.", "2022-10-21").is_empty());
    }

    #[test]
    fn dateline_reads_iso_and_written_dates() {
        assert_eq!(dateline(" date 2024-06-26 Headline\n"), parse_iso("2024-06-26"));
        assert_eq!(dateline("Headline\nJune 26, 2024\nBody"), parse_iso("2024-06-26"));
        assert_eq!(dateline("Headline\nBody without a date"), None);
    }

    #[test]
    fn date_words_are_the_weekdays_months_and_relative_days() {
        let relative = ["yesterday", "Yesterday", "today", "Today", "tonight"];
        let slow = |w: &str| WEEKDAYS.iter().any(|(n, _)| *n == w) || relative.contains(&w) || month_of(w).is_some();
        let mut words: Vec<String> = WEEKDAYS.iter().map(|(n, _)| n.to_string()).collect();
        words.extend(MONTHS.iter().map(|m| m.to_string()));
        words.extend(relative.iter().map(|w| w.to_string()));
        words.extend(
            ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"].map(String::from),
        );
        // and near misses
        let near: Vec<String> =
            words.iter().flat_map(|w| [w.to_lowercase(), w.to_uppercase(), format!("{w}s")]).collect();
        words.extend(near);
        words.extend(["", "M", "Ma", "Mayor", "Tues", "Thu", "Fri", "tomorrow", "Sun", "2024-06-26"].map(String::from));
        for w in &words {
            assert_eq!(is_date_word(w), slow(w), "{w}");
        }
        let distinct: std::collections::BTreeSet<&String> = words.iter().filter(|w| is_date_word(w)).collect();
        assert_eq!(distinct.len(), 7 + 12 + 5 + 11);
    }

    #[test]
    fn compatibility_allows_less_precise_dates() {
        let may = PartialDate { year: 2022, month: Some(5), day: None };
        let may13 = PartialDate { year: 2022, month: Some(5), day: Some(13) };
        let oct21 = PartialDate { year: 2022, month: Some(10), day: Some(21) };
        assert!(may.compatible(&may13));
        assert!(!may13.compatible(&oct21));
    }
}
