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

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use crate::identity;
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
    /// Every mention of it is tentative ([`crate::mentions::Mention::tentative`]): a person of
    /// the document's second reading only.
    pub tentative: bool,
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
            tentative: false,
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
///
/// Every lookup below goes through a map or a list kept in document order, never a scan of the
/// entities or of the mentions before: a document can name a hundred thousand people.
// (Long, kept whole: its passes (full names, initials, lone surnames, roles, institutions) each
// read the maps the passes before built, in that order; each pass is one commented block.)
pub fn entities(text: &str, mentions: &[Mention], rules: &Rules) -> Resolved {
    let mut r = Resolved { entities: Vec::new(), entity_of: vec![None; mentions.len()] };
    // people: full names first, then initials, then lone surnames
    // the first person of each (surname, given-name family)
    let mut by_family: FxHashMap<(String, String), usize> = FxHashMap::default();
    for (mi, m) in mentions.iter().enumerate() {
        let MentionKind::Person(p) = &m.kind else {
            continue;
        };
        let Some(given) = p.given() else { continue };
        let surname = identity::surname_key(p.surname(), rules);
        let family = identity::given_key(given, rules);
        let key = (surname, family);
        let found = by_family.get(&key).copied();
        let (surname, family) = key;
        let ei = found.unwrap_or_else(|| {
            let mut e = Entity::new(EntityKind::Person, String::new());
            e.surname = surname.clone();
            e.family = Some(family.clone());
            // the initial as written: "B. Roe" is Bill Roe, whose family is William
            e.initial = identity::initial_of(given);
            if p.words.len() == 2 && rules.east_asian.contains(&p.words[0]) {
                e.first_word_surname = Some(fold(&p.words[0]));
            }
            r.entities.push(e);
            by_family.insert((surname.clone(), family.clone()), r.entities.len() - 1);
            r.entities.len() - 1
        });
        r.entity_of[mi] = Some(ei);
    }
    // the first person of each (surname, initial): those named in full count too
    let mut by_initial: FxHashMap<(String, char), usize> = FxHashMap::default();
    for (i, e) in r.entities.iter().enumerate() {
        if let Some(c) = e.initial {
            by_initial.entry((e.surname.clone(), c)).or_insert(i);
        }
    }
    for (mi, m) in mentions.iter().enumerate() {
        let MentionKind::Person(p) = &m.kind else {
            continue;
        };
        let Some(initial) = p.initial() else { continue };
        let surname = identity::surname_key(p.surname(), rules);
        let found = by_initial.get(&(surname.clone(), initial)).copied();
        let ei = found.unwrap_or_else(|| {
            let mut e = Entity::new(EntityKind::Person, String::new());
            e.surname = surname.clone();
            e.initial = Some(initial);
            r.entities.push(e);
            by_initial.insert((surname, initial), r.entities.len() - 1);
            r.entities.len() - 1
        });
        r.entity_of[mi] = Some(ei);
    }
    lone_surnames(&mut r, mentions, rules);
    // "the Secretary-General": the last person named before with that title (and country).
    // Each person's mentions by the titles they hold: a title and every shorter title it ends
    // with ("defence minister" holds "minister"), with no country and with the nationality.
    let mut holders: FxHashMap<(String, Option<usize>), Vec<usize>> = FxHashMap::default();
    if mentions.iter().any(|m| matches!(m.kind, MentionKind::RoleRef { .. })) {
        for (k, x) in mentions.iter().enumerate() {
            if !matches!(x.kind, MentionKind::Person(_)) || r.entity_of[k].is_none() {
                continue;
            }
            for t in &x.titles {
                let t = fold(t);
                let ends = std::iter::once(0).chain(t.match_indices(' ').map(|(i, _)| i + 1));
                for at in ends {
                    for country in [None, x.nationality].into_iter().take(1 + usize::from(x.nationality.is_some())) {
                        let list = holders.entry((t[at..].to_string(), country)).or_default();
                        if list.last() != Some(&k) {
                            list.push(k);
                        }
                    }
                }
            }
        }
    }
    for (mi, m) in mentions.iter().enumerate() {
        let MentionKind::RoleRef { title, country } = &m.kind else { continue };
        let want = fold(title);
        let holder = holders.get(&(want.clone(), *country)).and_then(|list| {
            let before = list.partition_point(|&k| k < mi);
            before.checked_sub(1).and_then(|i| r.entity_of[list[i]])
        });
        // "the Latvian leader": the last person of that country with one of the epithet's titles
        let holder = holder.or_else(|| {
            let epithet = want.rsplit(' ').next().unwrap_or_default();
            let titles: Vec<&str> =
                rules.lexicon.epithets.iter().filter(|(e, _)| e == epithet).map(|(_, t)| t.as_str()).collect();
            if titles.is_empty() || country.is_none() {
                return None;
            }
            (0..mi).rev().find_map(|k| {
                let x = &mentions[k];
                let fits = matches!(x.kind, MentionKind::Person(_))
                    && x.nationality == *country
                    && x.titles.iter().any(|t| titles.iter().any(|w| fold(t).ends_with(w)));
                if fits { r.entity_of[k] } else { None }
            })
        });
        r.entity_of[mi] = holder;
    }
    // institutions and places
    // the first institution of each label; the last institution named with each word of its
    // label, and the last with a topic (for "the ministry")
    let mut by_label: FxHashMap<String, usize> = FxHashMap::default();
    let mut last_with_word: FxHashMap<&str, usize> = FxHashMap::default();
    let mut last_with_topic: Option<usize> = None;
    for (mi, m) in mentions.iter().enumerate() {
        let (label, inst_type, country, topic) = match &m.kind {
            MentionKind::Institution { anaphoric: true, label: head, .. } => {
                // the last ministry (directorate, agency...) named before
                let by_word = last_with_word.get(head.as_str()).copied();
                let by_topic = if head == "Ministry" { last_with_topic } else { None };
                let prev = by_word.max(by_topic);
                r.entity_of[mi] = prev.and_then(|k| r.entity_of[k]);
                continue;
            }
            MentionKind::Institution { label, country, topic, .. } => {
                for w in label.split(' ') {
                    last_with_word.insert(w, mi);
                }
                if topic.is_some() {
                    last_with_topic = Some(mi);
                }
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
        let found = by_label.get(&label).copied();
        let ei = found.unwrap_or_else(|| {
            let mut e = Entity::new(EntityKind::Institution, label.clone());
            e.inst_type = Some(inst_type);
            e.country = country;
            e.topic = topic;
            r.entities.push(e);
            by_label.insert(label, r.entities.len() - 1);
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

/// A lone surname joins the person of that surname (or family name written first) named most
/// recently before it, else the first; a lone given name ("Sir Jasper") the one person with that
/// given name; else it is a person of its own.
///
/// One pass in document order. The candidates of a word are the people named in full or by
/// initials (entities made before this pass) with that surname, in order; each word keeps its
/// candidate named last (a candidate's last mention only moves forward, so the best one changes
/// only when a candidate is named again), instead of looking back through the mentions for each
/// candidate.
fn lone_surnames(r: &mut Resolved, mentions: &[Mention], rules: &Rules) {
    let named = r.entities.len();
    let mut candidates: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut by_given: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, e) in r.entities.iter().enumerate() {
        // (every entity so far is a person with a family or an initial)
        candidates.entry(e.surname.clone()).or_default().push(i);
        if let Some(w) = e.first_word_surname.as_ref().filter(|w| **w != e.surname) {
            candidates.entry(w.clone()).or_default().push(i);
        }
        if let Some(f) = e.family.as_deref() {
            by_given.entry(f).or_default().push(i);
        }
    }
    // per word: (the start of the last mention of its best candidate, and that candidate)
    type Best = (Option<usize>, std::cmp::Reverse<usize>);
    let mut best: FxHashMap<&str, Best> =
        candidates.iter().map(|(w, list)| (w.as_str(), (None, std::cmp::Reverse(list[0])))).collect();
    let seen = |e: usize, mi: usize, best: &mut FxHashMap<&str, Best>, entities: &[Entity]| {
        if e >= named {
            return;
        }
        let key = (Some(mentions[mi].span.start), std::cmp::Reverse(e));
        let ent = &entities[e];
        for w in std::iter::once(ent.surname.as_str()).chain(ent.first_word_surname.as_deref()) {
            if let Some(b) = best.get_mut(w) {
                *b = (*b).max(key);
            }
        }
    };
    let mut made: Vec<Entity> = Vec::new();
    // a surname no one is named in full with is one person throughout ("President Doe" ... "Doe")
    let mut made_by_surname: FxHashMap<String, usize> = FxHashMap::default();
    for (mi, m) in mentions.iter().enumerate() {
        let lone = match &m.kind {
            MentionKind::Person(p) if p.is_surname_only() => Some(p),
            _ => None,
        };
        let Some(p) = lone else {
            if let Some(e) = r.entity_of[mi] {
                seen(e, mi, &mut best, &r.entities);
            }
            continue;
        };
        let w = identity::surname_key(p.surname(), rules);
        let list = candidates.get(&w).map_or(&[][..], Vec::as_slice);
        let ei = match list {
            [] => match by_given.get(identity::given_key(p.surname(), rules).as_str()).map(Vec::as_slice) {
                // "Sir Jasper", "Dame Jane": a lone given name of a person named in full
                Some(&[one]) => one,
                _ => *made_by_surname.entry(w.clone()).or_insert_with(|| {
                    let mut e = Entity::new(EntityKind::Person, String::new());
                    e.surname = w;
                    made.push(e);
                    named + made.len() - 1
                }),
            },
            [one] => *one,
            // the one named most recently before this mention, else the first
            _ => best.get(w.as_str()).map_or(list[0], |b| b.1.0),
        };
        r.entity_of[mi] = Some(ei);
        seen(ei, mi, &mut best, &r.entities);
    }
    r.entities.extend(made);
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
    let mut rest_form = None;
    if let Some((first, rest)) = full.split_once(' ') {
        let modifier = first.ends_with("'s") || first.ends_with("\u{2019}s") || m.nationality.is_some();
        if (modifier || matches!(&m.kind, MentionKind::Institution { country: Some(_), .. }))
            && rest.chars().next().is_some_and(char::is_uppercase)
        {
            rest_form = Some(rest.to_string());
        }
    }
    let mut out = Vec::with_capacity(1 + usize::from(rest_form.is_some()));
    out.push(full);
    out.extend(rest_form);
    out
}

/// The mention's full text with white space collapsed, without a possessive "'s" and a leading
/// "the " (built in one string).
fn written_one(text: &str, m: &Mention) -> String {
    let raw = &text[m.full.clone()];
    let mut s = String::with_capacity(raw.len());
    for (i, w) in raw.split_whitespace().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(w);
    }
    if let Some(stem) = s.strip_suffix("'s").or_else(|| s.strip_suffix("\u{2019}s")) {
        s.truncate(stem.len());
    }
    if (s.starts_with("the ") || s.starts_with("The ")) && s.len() > 4 {
        s.drain(..4);
    }
    s
}

/// "Ishaq Tarin" is "Mohammad Ishaq Tarin": a person named by a middle name and the surname joins the
/// person named in full, when exactly one such person is in the document.
fn merge_middle_names(r: &mut Resolved, mentions: &[Mention], rules: &Rules) {
    // (entity, folded middle names) of every full name of three words or more
    let mut long: Vec<(usize, Vec<String>)> = Vec::new();
    for (mi, m) in mentions.iter().enumerate() {
        let (MentionKind::Person(p), Some(e)) = (&m.kind, r.entity_of[mi]) else { continue };
        let middles = identity::middle_keys(&p.words, rules);
        if !middles.is_empty() {
            long.push((e, middles));
        }
    }
    // the people of each (surname, middle name's family)
    let mut hosts_of: FxHashMap<(&str, &str), BTreeSet<usize>> = FxHashMap::default();
    for (a, middles) in &long {
        for m in middles {
            hosts_of.entry((r.entities[*a].surname.as_str(), m.as_str())).or_default().insert(*a);
        }
    }
    // b -> a, in order of b; applied to the mentions below in one pass
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (b, eb) in r.entities.iter().enumerate() {
        let Some(family) = eb.family.as_deref() else { continue };
        let Some(hosts) = hosts_of.get(&(eb.surname.as_str(), family)) else { continue };
        let mut others = hosts.iter().filter(|&&a| a != b);
        if let (Some(&a), None) = (others.next(), others.next()) {
            moves.push((b, a));
        }
    }
    // the moves, made one after the other, send b's mentions to a, and on to where a's go when a
    // moves later: where each b ends up, from the last move back
    let mut dest: FxHashMap<usize, usize> = FxHashMap::default();
    for &(b, a) in moves.iter().rev() {
        let to = match dest.get(&a) {
            Some(&d) if a > b => d,
            _ => a,
        };
        dest.insert(b, to);
    }
    if !dest.is_empty() {
        for x in r.entity_of.iter_mut().flatten() {
            if let Some(&to) = dest.get(x) {
                *x = to;
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use crate::mentions::{self, MentionKind};
    use crate::rules::Rules;
    use crate::text;

    /// Each mention's words as written and the label of the entity it joined ("" for none).
    fn resolved(t: &str) -> Vec<(String, String)> {
        let rules = Rules::builtin();
        let seg = text::segment(t);
        let toks = mentions::tokens(t, &seg);
        let found = mentions::find(t, &seg, &toks, rules);
        let r = super::entities(t, &found, rules);
        found
            .iter()
            .enumerate()
            .filter(|(_, m)| !matches!(m.kind, MentionKind::Pronoun(_)))
            .map(|(mi, m)| {
                let label = r.entity_of[mi].map(|e| r.entities[e].label.clone()).unwrap_or_default();
                (t[m.span.clone()].to_string(), label)
            })
            .collect()
    }

    fn joined<'a>(r: &'a [(String, String)], words: &str) -> Vec<&'a str> {
        r.iter().filter(|(w, _)| w == words).map(|(_, l)| l.as_str()).collect()
    }

    #[test]
    fn a_lone_surname_joins_the_person_of_that_surname_named_last() {
        let r = resolved(
            "Minister Anna Kaloma met Minister Peter Kaloma. Kaloma spoke first. Minister Anna Kaloma \
             answered. Kaloma agreed. Minister Tomas Loravi left. Loravi waved.",
        );
        assert_eq!(joined(&r, "Kaloma"), ["Peter Kaloma", "Anna Kaloma"], "{r:?}");
        assert_eq!(joined(&r, "Loravi"), ["Tomas Loravi"], "{r:?}");
    }

    #[test]
    fn a_role_joins_the_last_person_named_with_that_title_and_country() {
        let r = resolved(
            "Defence Minister Anna Kaloma met Foreign Minister Peter Loravi. Later the defence minister \
             spoke. French Defence Minister Tomas Mirave and Italian Defence Minister Ivo Ravetu met. \
             Then the French defence minister left.",
        );
        let roles: Vec<&str> = r.iter().filter(|(w, _)| w.ends_with("minister")).map(|(_, l)| l.as_str()).collect();
        assert_eq!(roles, ["Anna Kaloma", "Tomas Mirave"], "{r:?}");
    }

    #[test]
    fn the_ministry_joins_the_ministry_named_last() {
        let r = resolved(
            "The French Defence Ministry and the Italian Foreign Ministry spoke. Later the ministry added \
             more. The Italian Defence Ministry agreed and the ministry said so.",
        );
        let anaphors: Vec<&str> = r.iter().filter(|(w, _)| w == "the ministry").map(|(_, l)| l.as_str()).collect();
        assert_eq!(anaphors, ["Italian Foreign Ministry", "Italian Defense Ministry"], "{r:?}");
    }

    #[test]
    fn a_name_by_its_middle_name_joins_the_one_full_name() {
        let r = resolved("Minister Anna Maria Kaloma spoke. Minister Maria Kaloma agreed.");
        assert_eq!(joined(&r, "Maria Kaloma"), ["Anna Maria Kaloma"], "{r:?}");
    }
}
