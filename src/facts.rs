//! # Facts: what extraction produces and graph, store, query and export consume
//!
//! The facts of one document ([`DocFacts`]), each with the [`Evidence`] it was read from. Entities
//! are numbered per document; [`crate::graph`] joins them across documents.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::PartialDate;
use crate::resolve::{Entity, EntityKind};

/// Where a fact was read: the document, the sentence, the byte span and the rule that fired.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// Shared by the evidence of one document.
    pub doc: Arc<str>,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// Shared by the evidence from one sentence.
    pub text: Arc<str>,
    pub rule: Arc<str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CallStatus {
    Held,
    Planned,
    /// A text denies that the call took place.
    Denied,
}

impl CallStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            CallStatus::Held => "held",
            CallStatus::Planned => "planned",
            CallStatus::Denied => "denied",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocCall {
    pub participants: BTreeSet<usize>,
    pub date: Option<PartialDate>,
    pub initiator: Option<usize>,
    pub status: CallStatus,
    pub medium: Option<String>,
    /// Evidence, with the participants named in that sentence.
    pub evidence: Vec<(Evidence, Vec<usize>)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocRefusal {
    pub refuser: usize,
    pub requester: usize,
    pub what: String,
    /// The day (or week, month) the text dates the refusal to, where it does.
    pub date: Option<PartialDate>,
    pub evidence: Vec<Evidence>,
}

/// `&'static str` under a name serde does not take for a string borrowed from its input
/// (serde-rs/serde#2665), so `DocStatement` deserialises from any input.
pub type StaticStr = &'static str;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocStatement {
    pub speaker: usize,
    pub target: Option<usize>,
    /// "audience", "target" (warned/accused), "subject" (named in the words), "none" (a new value
    /// goes into `target_role::VALUES` too)
    #[serde(with = "target_role")]
    pub target_role: StaticStr,
    pub quote: String,
    pub direct: bool,
    pub cue: String,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocAffiliation {
    pub person: usize,
    pub institution: usize,
    pub title: Option<String>,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocPartOf {
    pub part: usize,
    pub country: usize,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocSuccession {
    pub successor: usize,
    pub predecessor: usize,
    /// When, where the text says ("in May").
    pub date: Option<PartialDate>,
    pub evidence: Evidence,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DocFacts {
    pub doc: String,
    pub published: Option<NaiveDate>,
    pub entities: Vec<Entity>,
    pub calls: Vec<DocCall>,
    pub refusals: Vec<DocRefusal>,
    pub statements: Vec<DocStatement>,
    pub affiliations: Vec<DocAffiliation>,
    pub successions: Vec<DocSuccession>,
    /// Institutions and capitals of a country, by their names ("Russian Defense Ministry").
    pub part_of: Vec<DocPartOf>,
    pub sentences: usize,
    /// The document's second reading, where it has lone capitalised words that no list knows
    /// ("Roe spoke with Petrov"): its facts with those words as people ([`Entity::tentative`]).
    /// The merge takes it instead of this reading when another document names one of them in
    /// full ([`DocFacts::second_reading`]); it is kept whole, events and all, beside this one.
    pub alt: Option<Box<DocFacts>>,
}

impl DocFacts {
    /// Let evidence that repeats a string share one copy (its document name, span text and rule
    /// name), as extraction makes it: facts read back from a file come with a copy each.
    pub fn share_strings(&mut self) {
        let mut seen: rustc_hash::FxHashSet<Arc<str>> = Default::default();
        let mut share = |s: &mut Arc<str>| match seen.get(&**s) {
            Some(x) => *s = x.clone(),
            None => {
                seen.insert(s.clone());
            }
        };
        for e in self.evidence_mut() {
            share(&mut e.doc);
            share(&mut e.text);
            share(&mut e.rule);
        }
        if let Some(a) = &mut self.alt {
            a.share_strings();
        }
    }

    /// Every piece of evidence of the document.
    fn evidence_mut(&mut self) -> impl Iterator<Item = &mut Evidence> {
        self.calls
            .iter_mut()
            .flat_map(|c| c.evidence.iter_mut().map(|(e, _)| e))
            .chain(self.refusals.iter_mut().flat_map(|r| r.evidence.iter_mut()))
            .chain(self.statements.iter_mut().map(|s| &mut s.evidence))
            .chain(self.affiliations.iter_mut().map(|a| &mut a.evidence))
            .chain(self.successions.iter_mut().map(|s| &mut s.evidence))
            .chain(self.part_of.iter_mut().map(|p| &mut p.evidence))
    }

    /// Move every evidence offset through `f` (from decoded text back to the bytes read).
    pub fn map_offsets(&mut self, f: impl Fn(usize) -> usize) {
        for e in self.evidence_mut() {
            e.start = f(e.start);
            e.end = f(e.end);
        }
        if let Some(a) = &mut self.alt {
            let f: &dyn Fn(usize) -> usize = &f;
            a.map_offsets(f);
        }
    }

    /// Give the document another name, in its evidence too.
    pub fn rename(&mut self, name: &str) {
        self.doc = name.to_string();
        let shared: Arc<str> = Arc::from(name);
        for e in self.evidence_mut() {
            e.doc = shared.clone();
        }
        if let Some(a) = &mut self.alt {
            a.rename(name);
        }
    }

    /// Release what the merge does not need: spare capacity, and each entity's list of
    /// mentions (indices into a document's mentions, which are gone by then). A large build
    /// holds every document's facts until the merge, so this bounds its memory.
    pub fn compact(&mut self) {
        for e in &mut self.entities {
            e.mentions = Vec::new();
            e.surfaces.shrink_to_fit();
            e.written.shrink_to_fit();
            e.titles.shrink_to_fit();
        }
        self.entities.shrink_to_fit();
        for c in &mut self.calls {
            c.evidence.shrink_to_fit();
        }
        self.calls.shrink_to_fit();
        self.refusals.shrink_to_fit();
        self.statements.shrink_to_fit();
        self.affiliations.shrink_to_fit();
        self.successions.shrink_to_fit();
        self.part_of.shrink_to_fit();
        if let Some(a) = &mut self.alt {
            a.compact();
        }
    }

    /// The second reading ([`Self::alt`]) with only the tentative people `known` accepts: the
    /// others and every fact that names one are dropped (a call keeps its other participants
    /// when two are left). `None` when it accepts none, and the first reading stands.
    pub fn second_reading(&self, known: impl Fn(&Entity) -> bool) -> Option<DocFacts> {
        let alt = self.alt.as_deref()?;
        let keep: Vec<bool> = alt.entities.iter().map(|e| !e.tentative || known(e)).collect();
        if !alt.entities.iter().zip(&keep).any(|(e, k)| e.tentative && *k) {
            return None;
        }
        let mut at = vec![usize::MAX; keep.len()];
        let mut n = 0;
        for (i, k) in keep.iter().enumerate() {
            if *k {
                at[i] = n;
                n += 1;
            }
        }
        let to = |i: usize| at.get(i).copied().filter(|&x| x != usize::MAX);
        let mut f = DocFacts {
            doc: alt.doc.clone(),
            published: alt.published,
            sentences: alt.sentences,
            alt: None,
            ..Default::default()
        };
        f.entities = alt.entities.iter().zip(&keep).filter(|(_, k)| **k).map(|(e, _)| e.clone()).collect();
        f.calls = alt
            .calls
            .iter()
            .filter_map(|c| {
                let participants: BTreeSet<usize> = c.participants.iter().filter_map(|&p| to(p)).collect();
                (participants.len() >= 2).then(|| DocCall {
                    participants,
                    date: c.date,
                    initiator: c.initiator.and_then(to),
                    status: c.status,
                    medium: c.medium.clone(),
                    evidence: c
                        .evidence
                        .iter()
                        .map(|(e, named)| (e.clone(), named.iter().filter_map(|&p| to(p)).collect()))
                        .collect(),
                })
            })
            .collect();
        f.refusals = alt
            .refusals
            .iter()
            .filter_map(|r| Some(DocRefusal { refuser: to(r.refuser)?, requester: to(r.requester)?, ..r.clone() }))
            .collect();
        f.statements = alt
            .statements
            .iter()
            .filter_map(|s| {
                let target = match s.target {
                    Some(t) => Some(to(t)?),
                    None => None,
                };
                Some(DocStatement { speaker: to(s.speaker)?, target, ..s.clone() })
            })
            .collect();
        f.affiliations = alt
            .affiliations
            .iter()
            .filter_map(|a| {
                Some(DocAffiliation { person: to(a.person)?, institution: to(a.institution)?, ..a.clone() })
            })
            .collect();
        f.successions = alt
            .successions
            .iter()
            .filter_map(|s| {
                Some(DocSuccession { successor: to(s.successor)?, predecessor: to(s.predecessor)?, ..s.clone() })
            })
            .collect();
        f.part_of = alt
            .part_of
            .iter()
            .filter_map(|p| Some(DocPartOf { part: to(p.part)?, country: to(p.country)?, ..p.clone() }))
            .collect();
        Some(f)
    }

    /// One line a fact, sorted: what a reviewer reads to see what the extractor found.
    /// `entity N: kind label [titles]` lines first, then calls, refusals, statements,
    /// affiliations and successions with the rule and sentence of their evidence.
    pub fn dump(&self) -> String {
        let name = |e: usize| self.entities.get(e).map(|x| x.label.as_str()).unwrap_or("?");
        let mut lines = Vec::new();
        for e in &self.entities {
            let kind = match e.kind {
                EntityKind::Person => "person",
                EntityKind::Institution => "institution",
            };
            let titles: Vec<&str> = e.titles.iter().map(String::as_str).collect();
            lines.push(format!("{kind}: {} [{}]", e.label, titles.join("; ")));
        }
        for c in &self.calls {
            let mut parts: Vec<&str> = c.participants.iter().map(|&p| name(p)).collect();
            parts.sort();
            let sentences: Vec<String> = c.evidence.iter().map(|(e, _)| format!("{}@{}", e.rule, e.sentence)).collect();
            lines.push(format!(
                "call: {} @ {} initiator {} status {} <- {}",
                parts.join(" + "),
                c.date.map(|d| d.to_string()).unwrap_or_else(|| "none".into()),
                c.initiator.map(name).unwrap_or("none"),
                c.status.as_str(),
                sentences.join(", ")
            ));
        }
        for r in &self.refusals {
            let ev: Vec<String> = r.evidence.iter().map(|e| format!("{}@{}", e.rule, e.sentence)).collect();
            lines.push(format!(
                "refusal: {} -> {} ({}) @ {} <- {}",
                name(r.refuser),
                name(r.requester),
                r.what,
                r.date.map(|d| d.to_string()).unwrap_or_else(|| "none".into()),
                ev.join(", ")
            ));
        }
        for s in &self.statements {
            lines.push(format!(
                "statement: {} -> {} ({}) ~ {} <- {}@{}",
                name(s.speaker),
                s.target.map(name).unwrap_or("none"),
                s.target_role,
                s.quote,
                s.evidence.rule,
                s.evidence.sentence
            ));
        }
        for a in &self.affiliations {
            lines.push(format!(
                "affiliation: {} -> {} ({}) <- {}@{}",
                name(a.person),
                name(a.institution),
                a.title.as_deref().unwrap_or(""),
                a.evidence.rule,
                a.evidence.sentence
            ));
        }
        for p in &self.part_of {
            lines.push(format!(
                "part of: {} -> {} <- {}@{}",
                name(p.part),
                name(p.country),
                p.evidence.rule,
                p.evidence.sentence
            ));
        }
        for s in &self.successions {
            lines.push(format!(
                "succeeded: {} -> {}{} <- {}@{}",
                name(s.successor),
                name(s.predecessor),
                s.date.map(|d| format!(" @ {d}")).unwrap_or_default(),
                s.evidence.rule,
                s.evidence.sentence
            ));
        }
        lines.sort();
        let mut out = lines.join("\n");
        out.push('\n');
        out
    }

    /// [`Self::dump`], then the second reading's ([`Self::alt`]) under a line that names its
    /// tentative people.
    pub fn dump_readings(&self) -> String {
        let mut out = self.dump();
        if let Some(a) = &self.alt {
            let tentative: Vec<&str> = a.entities.iter().filter(|e| e.tentative).map(|e| e.label.as_str()).collect();
            out.push_str(&format!(
                "-- second reading, taken where another article names in full: {}\n",
                tentative.join(", ")
            ));
            out.push_str(&a.dump());
        }
        out
    }
}

/// serde for `DocStatement::target_role`, a `&'static str`: written as the string, read back as
/// the one of [`VALUES`](target_role::VALUES) it equals (any other string is an error).
pub mod target_role {
    use serde::de::{Error, Visitor};
    use serde::{Deserializer, Serializer};

    /// Every value `events` gives `target_role`.
    pub const VALUES: [&str; 4] = ["audience", "target", "subject", "none"];

    pub fn serialize<S: Serializer>(v: &&'static str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        struct Role;
        impl Visitor<'_> for Role {
            type Value = &'static str;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "one of {}", VALUES.join(", "))
            }
            fn visit_str<E: Error>(self, v: &str) -> Result<&'static str, E> {
                VALUES.iter().find(|r| **r == v).copied().ok_or_else(|| E::custom(format!("unknown target role {v:?}")))
            }
        }
        d.deserialize_str(Role)
    }
}
