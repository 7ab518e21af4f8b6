//! # Dates: expressions in a sentence, resolved against the publication date
//!
//! News dates are relative: "on Tuesday" is the most recent Tuesday on or before publication (an
//! article published on a Tuesday about a call "on Tuesday" means that day), "on May 13" the most
//! recent May 13, "in May" a month, "yesterday" the day before. Explicit years win. A date whose
//! year cannot be known (no publication date) is kept only when the text gives the year.
//!
//! The tense moves the day: after a future cue of the clause ("will speak ... on Friday", the cues
//! are `[future-tense]` of event_words.tsv, found by the caller) a weekday or a month day is the
//! first one **on or after** publication. "next Tuesday" is the first Tuesday after publication,
//! "last Tuesday" the last one before it, "tomorrow" the day after.
//!
//! Ranges: "last week", "this week", "next week" and "a week ago" are ISO weeks (stored as
//! [`PartialDate::week`], written `2025-W06`); "last month", "earlier this month", "next month" are
//! months; "two days ago" is a day.

use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::text::{Tok, TokKind};

/// A date known to the year, month, ISO week or day. A week date has no month or day, and its
/// `year` is the ISO week-numbering year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// The ISO week ("last week"), when the date is a week.
    #[serde(default)]
    pub week: Option<u32>,
}

impl PartialDate {
    pub fn day(d: NaiveDate) -> Self {
        PartialDate { year: d.year(), month: Some(d.month()), day: Some(d.day()), week: None }
    }

    /// The month of a day.
    pub fn month_of(d: NaiveDate) -> Self {
        PartialDate { year: d.year(), month: Some(d.month()), day: None, week: None }
    }

    /// The ISO week of a day.
    pub fn week_of(d: NaiveDate) -> Self {
        let w = d.iso_week();
        PartialDate { year: w.year(), month: None, day: None, week: Some(w.week()) }
    }

    /// The days the date allows, first and last.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        if let Some(w) = self.week {
            let monday = NaiveDate::from_isoywd_opt(self.year, w, Weekday::Mon)?;
            return Some((monday, monday + Duration::days(6)));
        }
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d).map(|x| (x, x)),
            (Some(m), None) => {
                let first = NaiveDate::from_ymd_opt(self.year, m, 1)?;
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(self.year, m + 1, 1)
                }?;
                Some((first, next - Duration::days(1)))
            }
            _ => Some((NaiveDate::from_ymd_opt(self.year, 1, 1)?, NaiveDate::from_ymd_opt(self.year, 12, 31)?)),
        }
    }

    /// Do the two dates allow the same day? (2022-05 and 2022-05-13 do; 2022-W19 and 2022-05-13 do.)
    pub fn compatible(&self, other: &PartialDate) -> bool {
        if self.week.is_some() || other.week.is_some() {
            return match (self.span(), other.span()) {
                (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
                _ => false,
            };
        }
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }

    /// How precise: 0 year, 1 month, 2 week, 3 day.
    pub fn precision(&self) -> u8 {
        match (self.month, self.day, self.week) {
            (Some(_), Some(_), _) => 3,
            (_, _, Some(_)) => 2,
            (Some(_), None, _) => 1,
            _ => 0,
        }
    }

    /// Read a date as [`Display`](fmt::Display) writes it: "2024", "2024-05", "2024-05-13", "2025-W06".
    pub fn parse(s: &str) -> Option<PartialDate> {
        let mut parts = s.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let mut d = PartialDate { year, month: None, day: None, week: None };
        match parts.next() {
            Some(w) if w.starts_with('W') => d.week = Some(w[1..].parse().ok().filter(|w| (1..=53).contains(w))?),
            Some(m) => {
                d.month = Some(m.parse().ok().filter(|m| (1..=12).contains(m))?);
                d.day = match parts.next() {
                    Some(x) => Some(x.parse().ok()?),
                    None => None,
                };
            }
            None => {}
        }
        (parts.next().is_none() && d.span().is_some()).then_some(d)
    }

    /// The most precise of some dates, the earliest of those: what reports of one fact that
    /// disagree are dated by.
    pub fn most_precise(dates: impl IntoIterator<Item = PartialDate>) -> Option<PartialDate> {
        dates.into_iter().max_by_key(|d| (d.precision(), std::cmp::Reverse(*d)))
    }

    /// Is the date a single day?
    pub fn is_day(&self) -> bool {
        self.precision() == 3
    }

    /// The first day the date allows, for ordering and distances.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.span().map(|(first, _)| first)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(w) = self.week {
            return write!(f, "-W{w:02}");
        }
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
    /// A relative range ("last week", "earlier this month"): a call takes it only from the
    /// words right after its trigger (`[vague-times]`), where it dates that call.
    pub range: bool,
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

/// The first `weekday` on or after `pub_date`.
pub fn next_weekday(pub_date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() as i64 - pub_date.weekday().num_days_from_monday() as i64) % 7;
    pub_date + Duration::days(ahead)
}

/// The month `delta` months from the month of `d`.
fn month_from(d: NaiveDate, delta: i32) -> PartialDate {
    let m0 = d.year() * 12 + d.month0() as i32 + delta;
    PartialDate { year: m0.div_euclid(12), month: Some(m0.rem_euclid(12) as u32 + 1), day: None, week: None }
}

/// Is `w` a weekday, month, month abbreviation, "yesterday", "today", "tonight", "tomorrow", or
/// a word that ends a relative range ("week", "month", "ago"), as [`find`] reads them? By length
/// first: a quick no for most words.
pub fn is_date_word(w: &str) -> bool {
    match w.len() {
        3 => matches!(w, "May" | "Jan" | "Feb" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Oct" | "Nov" | "Dec" | "ago"),
        4 => matches!(w, "June" | "July" | "Sept" | "week"),
        5 => matches!(w, "March" | "April" | "today" | "Today" | "month"),
        6 => matches!(w, "Monday" | "Friday" | "Sunday" | "August"),
        7 => matches!(w, "Tuesday" | "January" | "October" | "tonight"),
        8 => matches!(w, "Thursday" | "Saturday" | "February" | "November" | "December" | "tomorrow" | "Tomorrow"),
        9 => matches!(w, "Wednesday" | "September" | "yesterday" | "Yesterday"),
        _ => false,
    }
}

/// A count word before "days ago" ("two", "3").
fn count_of(w: &str) -> Option<i64> {
    const WORDS: [&str; 10] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
    if let Some(i) = WORDS.iter().position(|x| x.eq_ignore_ascii_case(w)) {
        return Some(i as i64 + 1);
    }
    if matches!(w, "a" | "A") {
        return Some(1);
    }
    w.parse::<i64>().ok().filter(|n| (1..=60).contains(n))
}

/// Find the date expressions of a sentence. `future` tells a future-tense cue ("will",
/// "scheduled"): a date with one in the twelve tokens before it (and no ";" between) is read
/// forward from publication. (Asked only of the words before a date: most sentences have none.)
pub fn find(text: &str, ts: &[Tok], pub_date: Option<NaiveDate>, future: &dyn Fn(&str) -> bool) -> Vec<DateExpr> {
    let w = |i: usize| ts.get(i).map(|t| t.text(text)).unwrap_or("");
    let ahead = |i: usize| {
        for k in (i.saturating_sub(12)..i).rev() {
            match w(k) {
                ";" => return false,
                x if future(x) => return true,
                _ => {}
            }
        }
        false
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < ts.len() {
        // every expression below starts at an ISO date (ten bytes, a digit first) or at a weekday,
        // month or day word (an ASCII capital or "y"/"t" first), or ends at "week", "month" or "ago":
        // skip the rest (most tokens) by their first byte and length, before any comparison
        let t = &ts[i];
        let candidate = match text.as_bytes().get(t.start).filter(|_| t.end > t.start) {
            Some(b'0'..=b'9') => t.kind == TokKind::Word && t.end - t.start == 10,
            Some(b'A'..=b'Z' | b'y' | b't' | b'w' | b'm' | b'a') => is_date_word(&text[t.start..t.end]),
            _ => false,
        };
        if !candidate {
            i += 1;
            continue;
        }
        let word = w(i);
        let prev = if i > 0 { w(i - 1) } else { "" };
        let lead = usize::from(matches!(
            prev,
            "on" | "in" | "On" | "In" | "last" | "this" | "next" | "Last" | "This" | "Next"
        ));
        let start = i - lead;
        // relative ranges: "last week", "earlier this month", "next week", "two days ago"
        if matches!(word, "week" | "month" | "ago") {
            if let Some(p) = pub_date {
                let found = match (word, prev) {
                    ("week", "last" | "Last") => Some((PartialDate::week_of(p - Duration::days(7)), 2)),
                    ("week", "this" | "This") => Some((PartialDate::week_of(p), 2)),
                    ("week", "next" | "Next") => Some((PartialDate::week_of(p + Duration::days(7)), 2)),
                    ("month", "last" | "Last") => Some((month_from(p, -1), 2)),
                    ("month", "this" | "This") => Some((month_from(p, 0), 2)),
                    ("month", "next" | "Next") => Some((month_from(p, 1), 2)),
                    ("ago", "days" | "day") => {
                        count_of(w(i.wrapping_sub(2))).map(|n| (PartialDate::day(p - Duration::days(n)), 3))
                    }
                    ("ago", "weeks" | "week") => {
                        count_of(w(i.wrapping_sub(2))).map(|n| (PartialDate::week_of(p - Duration::days(7 * n)), 3))
                    }
                    ("ago", "months" | "month") => {
                        count_of(w(i.wrapping_sub(2))).map(|n| (month_from(p, -(n as i32)), 3))
                    }
                    _ => None,
                };
                if let Some((date, len)) = found.filter(|&(_, len)| i + 1 >= len) {
                    let s = i + 1 - len;
                    // "earlier this month", "late last week"
                    let s = if s > 0 && matches!(w(s - 1), "earlier" | "later" | "early" | "late") { s - 1 } else { s };
                    out.push(DateExpr { toks: s..i + 1, date, possessive: ts[i].possessive, range: !date.is_day() });
                }
            }
            i += 1;
            continue;
        }
        // ISO date
        if ts[i].kind == TokKind::Word && word.len() == 10 {
            if let Some(d) = parse_iso(word) {
                out.push(DateExpr { toks: start..i + 1, date: PartialDate::day(d), possessive: false, range: false });
                i += 1;
                continue;
            }
        }
        // weekday: "last Friday" before publication, "next Friday" after it, "on Friday" the most
        // recent one, or the coming one after a future cue
        if let Some((_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == word) {
            if let Some(p) = pub_date {
                let d = match prev {
                    "last" | "Last" => last_weekday(p - Duration::days(1), *wd),
                    "next" | "Next" => next_weekday(p + Duration::days(1), *wd),
                    _ if ahead(start) => next_weekday(p, *wd),
                    _ => last_weekday(p, *wd),
                };
                out.push(DateExpr {
                    toks: start..i + 1,
                    date: PartialDate::day(d),
                    possessive: ts[i].possessive,
                    range: false,
                });
            }
            i += 1;
            continue;
        }
        match word {
            "yesterday" | "Yesterday" | "today" | "Today" | "tonight" | "tomorrow" | "Tomorrow" => {
                if let Some(p) = pub_date {
                    let d = match word {
                        "yesterday" | "Yesterday" => p - Duration::days(1),
                        "tomorrow" | "Tomorrow" => p + Duration::days(1),
                        _ => p,
                    };
                    out.push(DateExpr {
                        toks: i..i + 1,
                        date: PartialDate::day(d),
                        possessive: ts[i].possessive,
                        range: false,
                    });
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
                (Some(y), _) => Some(PartialDate { year: y, month: Some(month), day, week: None }),
                (None, Some(p)) => {
                    // the most recent such day (or month) on or before publication; after a
                    // future cue, the first one on or after it
                    let mut y = p.year();
                    let this = PartialDate { year: y, month: Some(month), day, week: None };
                    let (later, earlier) = match day {
                        Some(d) => ((month, d) > (p.month(), p.day()), (month, d) < (p.month(), p.day())),
                        None => (month > p.month(), month < p.month()),
                    };
                    if ahead(start) {
                        if earlier {
                            y += 1;
                        }
                    } else if later {
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
                out.push(DateExpr { toks: start..j, date, possessive: poss, range: false });
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
        for d in find(line, &ts, None, &|_| false) {
            if d.date.is_day() {
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
        find(s, &ts, parse_iso(published), &|_| false).iter().map(|d| d.date.to_string()).collect()
    }

    /// The first date of `s` and the word it starts at.
    fn first_date<'s>(s: &'s str, published: &str) -> (String, &'s str) {
        let ts = tokenize(s, 0..s.len());
        let d = &find(s, &ts, parse_iso(published), &|_| false)[0];
        (d.date.to_string(), ts[d.toks.start].text(s))
    }

    /// The dates of `s` with the future cues `will` and `scheduled`.
    fn dates_ahead(s: &str, published: &str) -> Vec<String> {
        let ts = tokenize(s, 0..s.len());
        find(s, &ts, parse_iso(published), &|w| matches!(w, "will" | "scheduled"))
            .iter()
            .map(|d| d.date.to_string())
            .collect()
    }

    #[test]
    fn the_future_tense_reads_forward() {
        // published Tuesday 2024-05-14
        assert_eq!(dates_ahead("Roe will speak by telephone with Doe on Friday.", "2024-05-14"), vec!["2024-05-17"]);
        assert_eq!(dates_ahead("Roe spoke by telephone with Doe on Friday.", "2024-05-14"), vec!["2024-05-10"]);
        // on the day itself, and a month day ahead (into the next year)
        assert_eq!(dates_ahead("The call will be held on Tuesday.", "2024-05-14"), vec!["2024-05-14"]);
        assert_eq!(dates_ahead("Talks are scheduled for January 10.", "2024-12-20"), vec!["2025-01-10"]);
        assert_eq!(dates("They met on January 10.", "2024-12-20"), vec!["2024-01-10"]);
        // a cue after the date, or far before it, reads nothing forward
        assert_eq!(
            dates_ahead("Roe, who spoke with Doe on Friday, will travel to the summit.", "2024-05-14"),
            vec!["2024-05-10"]
        );
    }

    #[test]
    fn next_last_and_tomorrow() {
        // published Tuesday 2024-05-14
        assert_eq!(dates("They meet next Tuesday.", "2024-05-14"), vec!["2024-05-21"]);
        assert_eq!(dates("They meet next Friday.", "2024-05-14"), vec!["2024-05-17"]);
        assert_eq!(dates("They met last Tuesday.", "2024-05-14"), vec!["2024-05-07"]);
        assert_eq!(dates("They met last Monday.", "2024-05-14"), vec!["2024-05-13"]);
        assert_eq!(dates("They meet tomorrow.", "2024-05-14"), vec!["2024-05-15"]);
    }

    #[test]
    fn relative_ranges_are_weeks_months_and_days() {
        // published Tuesday 2025-02-11 (ISO week 7)
        assert_eq!(dates("They spoke last week.", "2025-02-11"), vec!["2025-W06"]);
        assert_eq!(dates("They spoke earlier this week.", "2025-02-11"), vec!["2025-W07"]);
        assert_eq!(dates("They will speak next week.", "2025-02-11"), vec!["2025-W08"]);
        assert_eq!(dates("They spoke two days ago.", "2025-02-11"), vec!["2025-02-09"]);
        assert_eq!(dates("They spoke a week ago.", "2025-02-11"), vec!["2025-W06"]);
        assert_eq!(dates("They spoke earlier this month.", "2025-02-11"), vec!["2025-02"]);
        assert_eq!(dates("They spoke last month.", "2025-01-11"), vec!["2024-12"]);
        assert_eq!(dates("They spoke three months ago.", "2025-02-11"), vec!["2024-11"]);
        // the expression starts at its first word
        assert_eq!(first_date("when they spoke earlier this month", "2025-02-11"), ("2025-02".into(), "earlier"));
        // a week across a month end is compatible with days of both months
        let w = dates_week("2025-01-30");
        assert!(w.compatible(&PartialDate::day(parse_iso("2025-02-01").unwrap())));
        assert!(!w.compatible(&PartialDate::day(parse_iso("2025-02-03").unwrap())));
        assert!(w.compatible(&PartialDate::month_of(parse_iso("2025-01-01").unwrap())));
        assert!(w.precision() > PartialDate::month_of(parse_iso("2025-01-01").unwrap()).precision());
    }

    #[test]
    fn dates_read_back_as_written() {
        for s in ["2024", "2024-05", "2024-05-13", "2025-W06", "2020-W53"] {
            assert_eq!(PartialDate::parse(s).map(|d| d.to_string()).as_deref(), Some(s));
        }
        for s in ["2024-13", "2024-02-30", "2025-W54", "x", "2024-05-13-1"] {
            assert!(PartialDate::parse(s).is_none(), "{s}");
        }
        assert_eq!(
            PartialDate::parse("2025-W06").and_then(|d| d.span()).map(|(a, _)| a.to_string()).as_deref(),
            Some("2025-02-03")
        );
    }

    fn dates_week(day: &str) -> PartialDate {
        PartialDate::week_of(parse_iso(day).unwrap())
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
        assert_eq!(first_date("their first call since 13 May", "2024-06-26"), ("2024-05-13".into(), "13"));
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
        let relative =
            ["yesterday", "Yesterday", "today", "Today", "tonight", "tomorrow", "Tomorrow", "week", "month", "ago"];
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
        words.extend(["", "M", "Ma", "Mayor", "Tues", "Thu", "Fri", "weeks", "Sun", "2024-06-26"].map(String::from));
        for w in &words {
            assert_eq!(is_date_word(w), slow(w), "{w}");
        }
        let distinct: std::collections::BTreeSet<&String> = words.iter().filter(|w| is_date_word(w)).collect();
        assert_eq!(distinct.len(), 7 + 12 + 10 + 11);
    }

    #[test]
    fn compatibility_allows_less_precise_dates() {
        let may = PartialDate { year: 2022, month: Some(5), day: None, week: None };
        let may13 = PartialDate { year: 2022, month: Some(5), day: Some(13), week: None };
        let oct21 = PartialDate { year: 2022, month: Some(10), day: Some(21), week: None };
        assert!(may.compatible(&may13));
        assert!(!may13.compatible(&oct21));
    }
}
