//! # Report: answers as text for people
//!
//! `--format text` for the query commands. Each function takes an answer from [`crate::query`]
//! and returns the text to print; nothing here reads the graph's structure beyond labels.

use std::fmt::Write;

use crate::query::{CallEntry, Neighbor, PathAnswer, Profile, Source};

fn sources(s: &[Source]) -> String {
    match s {
        [] => String::new(),
        [one] => format!(" ({}, sentence {})", one.doc, one.sentence),
        [first, rest @ ..] => format!(" ({}, sentence {}; +{} more)", first.doc, first.sentence, rest.len()),
    }
}

/// Paths, one numbered block each: a line a hop with its source.
pub fn paths(from: &str, to: &str, answers: &[PathAnswer]) -> String {
    let mut out = String::new();
    for (i, p) in answers.iter().enumerate() {
        if answers.len() > 1 {
            let _ = writeln!(out, "Path {} ({} hop{}):", i + 1, p.hops.len(), if p.hops.len() == 1 { "" } else { "s" });
        } else {
            let _ = writeln!(out, "{from} to {to}, {} hop{}:", p.hops.len(), if p.hops.len() == 1 { "" } else { "s" });
        }
        for (k, h) in p.hops.iter().enumerate() {
            let _ = writeln!(out, "  {}. {}{}", k + 1, h.text, sources(&h.sources));
        }
    }
    out
}

/// Neighbours by distance.
pub fn neighbors(center: &str, list: &[Neighbor]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for n in list {
        if n.distance != last {
            let _ = writeln!(out, "{} hop{} from {center}:", n.distance, if n.distance == 1 { "" } else { "s" });
            last = n.distance;
        }
        let via: Vec<&str> = n.via.iter().map(|k| k.as_str()).collect();
        let _ = writeln!(out, "  {} [{}] via {}", n.label, n.kind.as_str(), via.join(", "));
    }
    out
}

fn call_line(c: &CallEntry) -> String {
    let date = c.date.clone().unwrap_or_else(|| "date unknown".into());
    let status = if c.status == "held" { String::new() } else { format!(" [{}]", c.status) };
    let init = c.initiator.as_ref().map(|i| format!(", initiated by {i}")).unwrap_or_default();
    let disputed =
        if c.disputed.is_empty() { String::new() } else { format!(" (disputed: {})", c.disputed.join(", ")) };
    let mut line =
        format!("{date}  {}{init}{status}{disputed}  ({})", c.participants.join(" \u{2013} "), c.sources.join(", "));
    line.push_str(&accounts_table(c));
    line
}

/// The accounts of a disputed call side by side: a column a source, a row a field (a `*` marks
/// the disputed ones), then each source's sentences.
fn accounts_table(c: &CallEntry) -> String {
    if c.accounts.is_empty() {
        return String::new();
    }
    let none = || "-".to_string();
    let rows: Vec<(&str, Vec<String>)> = vec![
        (
            "account",
            c.accounts
                .iter()
                .map(|a| match &a.outlet {
                    Some(o) => format!("{} ({o})", a.source),
                    None => a.source.clone(),
                })
                .collect(),
        ),
        ("date", c.accounts.iter().map(|a| a.date.clone().unwrap_or_else(none)).collect()),
        ("initiator", c.accounts.iter().map(|a| a.initiator.clone().unwrap_or_else(none)).collect()),
        ("status", c.accounts.iter().map(|a| a.status.clone()).collect()),
    ];
    let widths: Vec<usize> = (0..c.accounts.len())
        .map(|k| rows.iter().map(|(_, cells)| cells[k].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for (name, cells) in &rows {
        let mark = if c.disputed.iter().any(|d| d == name) { "*" } else { " " };
        let _ = write!(out, "\n      {mark} {name:<9}");
        for (k, cell) in cells.iter().enumerate() {
            let _ = write!(out, "  {cell:<w$}", w = widths[k]);
        }
        // (no spaces at the end of a line)
        while out.ends_with(' ') {
            out.pop();
        }
    }
    for a in &c.accounts {
        for s in &a.sentences {
            let _ = write!(out, "\n        {}: {s}", a.source);
        }
    }
    out
}

/// A call timeline.
pub fn calls(list: &[CallEntry]) -> String {
    let mut out = String::new();
    for c in list {
        let _ = writeln!(out, "{}", call_line(c));
    }
    out
}

/// A profile: names, titles, institutions, calls, refusals, statements.
pub fn profile(p: &Profile) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} [{}]  {}", p.label, p.kind.as_str(), p.id);
    if !p.aliases.is_empty() {
        let _ = writeln!(out, "  also: {}", p.aliases.join("; "));
    }
    if !p.titles.is_empty() {
        let _ = writeln!(out, "  titles: {}", p.titles.join("; "));
    }
    if let Some(c) = &p.country {
        let _ = writeln!(out, "  country: {c}");
    }
    let section = |out: &mut String, name: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            let _ = writeln!(out, "{name}:");
            for l in lines {
                let _ = writeln!(out, "  {l}");
            }
        }
    };
    let membership = |m: &crate::query::Membership| {
        let title = m.title.as_ref().map(|t| format!(" as {t}")).unwrap_or_default();
        let when = match (&m.first_seen, &m.last_seen) {
            (Some(a), Some(b)) if a != b => format!("{a} to {b}  "),
            (Some(a), _) => format!("{a}  "),
            _ => String::new(),
        };
        format!("{when}{}{title}  ({})", m.label, m.sources.join(", "))
    };
    section(&mut out, "Institutions", p.institutions.iter().map(membership).collect());
    section(&mut out, "People", p.members.iter().map(membership).collect());
    section(&mut out, "Calls", p.calls.iter().map(call_line).collect());
    let refused = |r: &crate::query::RefusalEntry| format!("{} from {}{}", r.what, r.other, sources(&r.sources));
    let refused_by = |r: &crate::query::RefusalEntry| format!("{} refused {}{}", r.other, r.what, sources(&r.sources));
    section(&mut out, "Refused", p.refused.iter().map(refused).collect());
    section(&mut out, "Refused by", p.refused_by.iter().map(refused_by).collect());
    let statement = |s: &crate::query::StatementEntry, by: bool| {
        let who = match (by, s.other.is_empty(), s.role.as_str()) {
            (true, true, _) => String::new(),
            (true, false, "audience") => format!("to {}: ", s.other),
            (true, false, _) => format!("about {}: ", s.other),
            (false, _, _) => format!("{}: ", s.other),
        };
        let src = s.source.as_ref().map(|x| sources(std::slice::from_ref(x))).unwrap_or_default();
        format!(
            "{}{who}\u{201c}{}\u{201d}{src}",
            s.date.as_ref().map(|d| format!("{d}  ")).unwrap_or_default(),
            s.quote
        )
    };
    section(&mut out, "Said", p.said.iter().map(|s| statement(s, true)).collect());
    section(&mut out, "Spoken of by", p.spoken_of.iter().map(|s| statement(s, false)).collect());
    section(&mut out, "Succeeded", p.succeeded.clone());
    section(&mut out, "Succeeded by", p.succeeded_by.clone());
    section(&mut out, "Part of", p.part_of.clone());
    section(&mut out, "Institutions of it", p.parts.clone());
    let _ = writeln!(out, "Sources: {}", p.sources.join(", "));
    out
}
