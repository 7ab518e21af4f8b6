//! # Resolution within a document: mentions -> entities
//!
//! People: full names group by (folded surname, given-name family), so "Andrey Doe" and
//! "Andrei Doe", "Pat Roe" and "Patrick Roe" are one person; initials ("A.R. Doe") join the person
//! with that surname and first initial; a lone surname joins the person of that surname mentioned
//! most recently (or, for family names written first, the person whose first word it is).
//! Institutions group by canonical label; an unqualified ministry ("the Defense Ministry") joins
//! the one qualified ministry of the same topic in the document; "the ministry" joins the last
//! ministry named before it. Places group by country or capital.
//!
//! Across documents, [`crate::graph`] merges these entities by the same keys.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::mentions::{Mention, MentionKind};
use crate::normalize::fold;
use crate::rules::Rules;
use crate::vecset::VecSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    Person,
    Institution,
}

/// How an institution entity came to be, carried to the node as `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstType {
    Named(String),
    Ministry,
    Body,
    Country,
    Capital,
}

impl InstType {
    pub fn as_str(&self) -> &str {
        match self {
            InstType::Named(k) => k,
            InstType::Ministry => "government",
            InstType::Body => "government",
            InstType::Country => "country",
            InstType::Capital => "capital",
        }
    }
}

/// An entity of one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    pub label: String,
    /// Surface forms (full names, surnames, initials forms; institution labels).
    pub surfaces: VecSet<String>,
    /// Institution and place names as the text wrote them ("Moscow's defense ministry", "UN").
    pub written: VecSet<String>,
    pub titles: VecSet<String>,
    pub nationality: Option<usize>,
    /// Person keys: folded surname, given family, first initial.
    pub surname: String,
    pub family: Option<String>,
    pub initial: Option<char>,
    /// For family names written first ("Dong Jun"): the folded first word.
    pub first_word_surname: Option<String>,
    pub inst_type: Option<InstType>,
    pub country: Option<usize>,
    pub topic: Option<String>,
    pub mentions: Vec<usize>,
}

impl Entity {
    /// An institution entity (a country added for an affiliation, say).
    pub fn new_institution(label: String, inst_type: InstType, country: Option<usize>) -> Self {
        let mut e = Entity::new(EntityKind::Institution, label.clone());
        e.surfaces.insert(label);
        e.inst_type = Some(inst_type);
        e.country = country;
        e
    }

    fn new(kind: EntityKind, label: String) -> Self {
        Entity {
            kind,
            label,
            surfaces: VecSet::new(),
            written: VecSet::new(),
            titles: VecSet::new(),
            nationality: None,
            surname: String::new(),
            family: None,
            initial: None,
            first_word_surname: None,
            inst_type: None,
            country: None,
            topic: None,
            mentions: Vec::new(),
        }
    }
}

/// The entities of one document and which entity each mention refers to.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub entities: Vec<Entity>,
    /// mention index -> entity index (None for pronouns and unresolved anaphors)
    pub entity_of: Vec<Option<usize>>,
}

/// Group a document's mentions into entities.
pub fn entities(text: &str, mentions: &[Mention], rules: &Rules) -> Resolved {
    let mut r = Resolved { entities: Vec::new(), entity_of: vec![None; mentions.len()] };
    // people: full names first, then initials, then lone surnames
    for (mi, m) in mentions.iter().enumerate() {
        let MentionKind::Person(p) = &m.kind else {
            continue;
        };
        let Some(given) = p.given() else { continue };
        let surname = fold(p.surname());
        let family = rules.given_family(given);
        let found = r
            .entities
            .iter()
            .position(|e| e.kind == EntityKind::Person && e.surname == surname && e.family.as_deref() == Some(&family));
        let ei = found.unwrap_or_else(|| {
            let mut e = Entity::new(EntityKind::Person, String::new());
            e.surname = surname.clone();
            e.family = Some(family.clone());
            // the initial as written: "B. Roe" is Bill Roe, whose family is William
            e.initial = fold(given).chars().next();
            if p.words.len() == 2 && rules.east_asian.contains(&p.words[0]) {
                e.first_word_surname = Some(fold(&p.words[0]));
            }
            r.entities.push(e);
            r.entities.len() - 1
        });
        r.entity_of[mi] = Some(ei);
    }
    for (mi, m) in mentions.iter().enumerate() {
        let MentionKind::Person(p) = &m.kind else {
            continue;
        };
        let Some(initial) = p.initial() else { continue };
        let surname = fold(p.surname());
        let found = r
            .entities
            .iter()
            .position(|e| e.kind == EntityKind::Person && e.surname == surname && e.initial == Some(initial));
        let ei = found.unwrap_or_else(|| {
            let mut e = Entity::new(EntityKind::Person, String::new());
            e.surname = surname.clone();
            e.initial = Some(initial);
            r.entities.push(e);
            r.entities.len() - 1
        });
        r.entity_of[mi] = Some(ei);
    }
    for (mi, m) in mentions.iter().enumerate() {
        let MentionKind::Person(p) = &m.kind else {
            continue;
        };
        if !p.is_surname_only() {
            continue;
        }
        let w = fold(p.surname());
        let candidates: Vec<usize> = (0..r.entities.len())
            .filter(|&e| {
                let e = &r.entities[e];
                e.kind == EntityKind::Person
                    && (e.family.is_some() || e.initial.is_some())
                    && (e.surname == w || e.first_word_surname.as_deref() == Some(&w))
            })
            .collect();
        // "Sir Keir", "Dame Jane": a lone given name of a person named in full
        let candidates = if candidates.is_empty() {
            let by_given: Vec<usize> = (0..r.entities.len())
                .filter(|&e| {
                    let e = &r.entities[e];
                    e.kind == EntityKind::Person
                        && e.family.as_deref() == Some(rules.given_family(p.surname()).as_str())
                })
                .collect();
            if by_given.len() == 1 { by_given } else { candidates }
        } else {
            candidates
        };
        let ei = match candidates.len() {
            0 => {
                let mut e = Entity::new(EntityKind::Person, String::new());
                e.surname = w.clone();
                r.entities.push(e);
                r.entities.len() - 1
            }
            1 => candidates[0],
            _ => {
                // the one named most recently before this mention, else the first
                let last_before =
                    |e: usize| (0..mi).rev().find(|&k| r.entity_of[k] == Some(e)).map(|k| mentions[k].span.start);
                *candidates.iter().max_by_key(|&&e| (last_before(e), std::cmp::Reverse(e))).unwrap_or(&candidates[0])
            }
        };
        r.entity_of[mi] = Some(ei);
    }
    // "the Secretary-General": the last person named before with that title (and country)
    for (mi, m) in mentions.iter().enumerate() {
        let MentionKind::RoleRef { title, country } = &m.kind else { continue };
        let want = fold(title);
        let holder = (0..mi).rev().find_map(|k| {
            let x = &mentions[k];
            let e = r.entity_of[k]?;
            let holds = matches!(x.kind, MentionKind::Person(_))
                && x.titles.iter().any(|t| {
                    let t = fold(t);
                    t == want || t.ends_with(&format!(" {want}"))
                })
                && (country.is_none() || x.nationality == *country);
            holds.then_some(e)
        });
        r.entity_of[mi] = holder;
    }
    // institutions and places
    for (mi, m) in mentions.iter().enumerate() {
        let (label, inst_type, country, topic) = match &m.kind {
            MentionKind::Institution { anaphoric: true, label: head, .. } => {
                // the last ministry (directorate, agency...) named before
                let prev = (0..mi).rev().find_map(|k| match &mentions[k].kind {
                    MentionKind::Institution { topic, anaphoric: false, label, .. }
                        if label.split(' ').any(|w| w == head) || (head == "Ministry" && topic.is_some()) =>
                    {
                        r.entity_of[k]
                    }
                    _ => None,
                });
                r.entity_of[mi] = prev;
                continue;
            }
            MentionKind::Institution { label, country, topic, .. } => {
                let t = if topic.is_some() {
                    InstType::Ministry
                } else {
                    match rules.institutions.iter().find(|e| &e.canonical == label) {
                        Some(e) => InstType::Named(e.kind.clone()),
                        None => InstType::Body,
                    }
                };
                (label.clone(), t, *country, topic.clone())
            }
            MentionKind::Place { country, capital } => match capital {
                Some(c) => (c.clone(), InstType::Capital, Some(*country), None),
                None => (rules.countries[*country].name.clone(), InstType::Country, Some(*country), None),
            },
            _ => continue,
        };
        let found = r.entities.iter().position(|e| e.kind == EntityKind::Institution && e.label == label);
        let ei = found.unwrap_or_else(|| {
            let mut e = Entity::new(EntityKind::Institution, label.clone());
            e.inst_type = Some(inst_type);
            e.country = country;
            e.topic = topic;
            r.entities.push(e);
            r.entities.len() - 1
        });
        r.entity_of[mi] = Some(ei);
    }
    merge_unqualified_ministries(&mut r);
    merge_middle_names(&mut r, mentions, rules);
    // surfaces, titles, nationality, labels
    for (mi, m) in mentions.iter().enumerate() {
        let Some(ei) = r.entity_of[mi] else { continue };
        let e = &mut r.entities[ei];
        e.mentions.push(mi);
        match &m.kind {
            MentionKind::Person(p) => {
                e.surfaces.insert(p.surface());
                e.titles.extend(m.titles.iter().cloned());
                if e.nationality.is_none() {
                    e.nationality = m.nationality;
                }
            }
            MentionKind::Institution { anaphoric: false, label, .. } => {
                e.surfaces.insert(label.clone());
                e.written.extend(written_forms(text, m));
            }
            MentionKind::Place { .. } => {
                e.written.insert(written(text, m));
            }
            _ => {}
        }
    }
    for e in &mut r.entities {
        if e.kind == EntityKind::Person {
            e.label = best_person_label(e.surfaces.iter().map(|s| (s, 1)), e.family.as_deref());
        }
    }
    compact(r)
}

/// Drop the entities that were merged into others, re-pointing `entity_of`.
fn compact(r: Resolved) -> Resolved {
    let mut new_index = vec![usize::MAX; r.entities.len()];
    let mut entities = Vec::new();
    for (i, e) in r.entities.into_iter().enumerate() {
        if !e.mentions.is_empty() {
            new_index[i] = entities.len();
            entities.push(e);
        }
    }
    let entity_of = r.entity_of.into_iter().map(|x| x.map(|i| new_index[i]).filter(|&i| i != usize::MAX)).collect();
    Resolved { entities, entity_of }
}

/// A mention's words as written, white space collapsed, a leading "the" dropped.
fn written(text: &str, m: &Mention) -> String {
    written_forms(text, m).into_iter().next().unwrap_or_default()
}

/// The forms a mention was written in: as written, and without a country in front ("China's
/// Ministry of National Defence" is also "Ministry of National Defence").
fn written_forms(text: &str, m: &Mention) -> Vec<String> {
    let full = written_one(text, m);
    let mut out = vec![full.clone()];
    if let Some((first, rest)) = full.split_once(' ') {
        let modifier = first.ends_with("'s") || first.ends_with("\u{2019}s") || m.nationality.is_some();
        if (modifier || matches!(&m.kind, MentionKind::Institution { country: Some(_), .. }))
            && rest.chars().next().is_some_and(char::is_uppercase)
        {
            out.push(rest.to_string());
        }
    }
    out
}

fn written_one(text: &str, m: &Mention) -> String {
    let s = text[m.full.clone()].split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.strip_suffix("'s").or_else(|| s.strip_suffix("\u{2019}s")).unwrap_or(&s).to_string();
    match s.strip_prefix("the ").or_else(|| s.strip_prefix("The ")) {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}

/// "Ishaq Dar" is "Mohammad Ishaq Dar": a person named by a middle name and the surname joins the
/// person named in full, when exactly one such person is in the document.
fn merge_middle_names(r: &mut Resolved, mentions: &[Mention], rules: &Rules) {
    // (entity, folded middle names) of every full name of three words or more
    let mut long: Vec<(usize, Vec<String>)> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        let (MentionKind::Person(p), Some(e)) = (&m.kind, r.entity_of[mi]) else { continue };
        let core: Vec<&String> = p.words.iter().filter(|w| !is_particle(w)).collect();
        if core.len() >= 3 {
            long.push((e, core[1..core.len() - 1].iter().map(|w| rules.given_family(w)).collect()));
        }
    }
    for b in 0..r.entities.len() {
        let eb = &r.entities[b];
        let Some(family) = eb.family.clone() else { continue };
        let hosts: BTreeSet<usize> = long
            .iter()
            .filter(|(a, middles)| *a != b && r.entities[*a].surname == eb.surname && middles.contains(&family))
            .map(|(a, _)| *a)
            .collect();
        if hosts.len() == 1 {
            let a = *hosts.iter().next().unwrap_or(&b);
            for x in r.entity_of.iter_mut() {
                if *x == Some(b) {
                    *x = Some(a);
                }
            }
        }
    }
}

fn is_particle(w: &str) -> bool {
    crate::mentions::NAME_PARTICLES.contains(&w.to_lowercase().as_str())
}

/// "Defense Ministry" (no country) joins the one "X Defense Ministry" of the document.
fn merge_unqualified_ministries(r: &mut Resolved) {
    for i in 0..r.entities.len() {
        let e = &r.entities[i];
        if e.kind != EntityKind::Institution || e.country.is_some() || e.topic.is_none() {
            continue;
        }
        let same: Vec<usize> = (0..r.entities.len())
            .filter(|&j| j != i && r.entities[j].topic == e.topic && r.entities[j].country.is_some())
            .collect();
        if same.len() == 1 {
            for x in r.entity_of.iter_mut() {
                if *x == Some(i) {
                    *x = Some(same[0]);
                }
            }
        }
    }
}

/// The label of a person from the forms the text used, with how many documents used each: a
/// full name, preferring the family's canonical given name (Patrick over Pat), then two words over
/// more, then the longer given name (Antony over Tony), then the form more documents use, then
/// byte order. Without a full name, the most used and longest form.
pub fn best_person_label<'a>(surfaces: impl Iterator<Item = (&'a String, usize)>, family: Option<&str>) -> String {
    let all: Vec<(&String, usize)> = surfaces.collect();
    let is_full = |s: &str| s.split(' ').count() >= 2 && !s.split(' ').next().is_some_and(crate::mentions::is_initials);
    let full: Vec<&(&String, usize)> = all.iter().filter(|(s, _)| is_full(s)).collect();
    if full.is_empty() {
        return all
            .iter()
            .max_by_key(|(s, n)| (*n, s.len(), std::cmp::Reverse(*s)))
            .map(|(s, _)| (*s).clone())
            .unwrap_or_default();
    }
    let canonical = |s: &str| family == Some(fold(s.split(' ').next().unwrap_or("")).as_str());
    full.iter()
        .max_by_key(|(s, n)| {
            let given = s.split(' ').next().unwrap_or("").chars().count();
            (canonical(s), s.split(' ').count() == 2, given, *n, std::cmp::Reverse(*s))
        })
        .map(|(s, _)| (*s).clone())
        .unwrap_or_default()
}
