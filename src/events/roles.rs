//! Roles: a person's institution (from the title before the name), the country of an
//! institution or capital (from its name), and successions ("X replaced Y").

use std::collections::BTreeSet;

use crate::facts::{DocAffiliation, DocPartOf, DocSuccession};
use crate::mentions::MentionKind;
use crate::resolve::{Entity, EntityKind, InstType};

use super::context::Subject;
use super::{Ctx, MAX_FACTS_PER_SENTENCE};
use crate::rules::phrases::UNKNOWN;

/// Does `t` hold "of " right before `w` (`t.contains(&format!("of {w}"))`, with no string made)?
pub(super) fn follows_of(t: &str, w: &str) -> bool {
    let t = t.as_bytes();
    (0..t.len().saturating_sub(2)).any(|i| t[i..].starts_with(b"of ") && t[i + 3..].starts_with(w.as_bytes()))
}

impl<'a> Ctx<'a> {
    pub(super) fn affiliations(&mut self) {
        let mut seen = BTreeSet::new();
        for (mi, m) in self.mentions.iter().enumerate() {
            let (Some(p), Some(a)) = (self.entity(mi), m.affiliation) else {
                continue;
            };
            let Some(inst) = self.entity(a) else { continue };
            if seen.insert((p, inst)) {
                let title = m.titles.iter().find(|t| {
                    let MentionKind::Institution { label, .. } = &self.mentions[a].kind else {
                        return false;
                    };
                    t.contains(label.as_str()) || t.contains(self.text[self.mentions[a].span.clone()].trim())
                });
                let am = &self.mentions[a];
                let span = if am.sentence == m.sentence {
                    m.full.start.min(am.full.start)..m.full.end.max(am.full.end)
                } else {
                    m.full.clone()
                };
                let ev = self.evidence(m.sentence, span, "affiliation.title");
                self.facts.affiliations.push(DocAffiliation {
                    person: p,
                    institution: inst,
                    title: title.cloned().or_else(|| m.titles.first().cloned()),
                    evidence: ev,
                });
            }
        }
        // offices of well-known bodies named in the document: "US Defense Secretary" -> the Pentagon
        // (the bodies with offices looked up once, not for every person named)
        let rules = self.rules;
        let bodies: Vec<(usize, Option<usize>, &crate::rules::InstitutionEntry)> = (self.res.entities.iter())
            .enumerate()
            // (the kind first: most entities are people and places, and the list is long)
            .filter(|(_, e)| e.kind == EntityKind::Institution)
            .filter_map(|(inst, e)| {
                let entry = rules.institutions.iter().find(|x| x.canonical == e.label)?;
                (!entry.offices.is_empty()).then_some((inst, e.country, entry))
            })
            .collect();
        for (mi, m) in self.mentions.iter().enumerate() {
            let Some(p) = self.entity(mi) else { continue };
            if !m.is_person() || m.titles.is_empty() {
                continue;
            }
            let nationality = self.res.entities[p].nationality;
            // (the titles lower-cased once, not once per body)
            let lower: Vec<String> =
                if bodies.is_empty() { Vec::new() } else { m.titles.iter().map(|t| t.to_lowercase()).collect() };
            for &(inst, country, entry) in &bodies {
                let country_ok = nationality.is_none() || nationality == country;
                // a title that is an office or ends with one (" defense secretary")
                let title = m
                    .titles
                    .iter()
                    .zip(&lower)
                    .find(|(_, t)| {
                        entry
                            .offices
                            .iter()
                            .any(|o| *t == o || t.strip_suffix(o.as_str()).is_some_and(|r| r.ends_with(' ')))
                    })
                    .map(|(t, _)| t);
                if let (true, Some(title)) = (country_ok, title) {
                    if seen.insert((p, inst)) {
                        let ev = self.evidence(m.sentence, m.full.clone(), "affiliation.office");
                        self.facts.affiliations.push(DocAffiliation {
                            person: p,
                            institution: inst,
                            title: Some(title.clone()),
                            evidence: ev,
                        });
                    }
                }
            }
        }
        // titles that name a ministry of the document: "Russian Defense Minister" -> the Russian Defense Ministry
        // (the institutions of each topic, in order, found once)
        let mut by_topic: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
        for (i, e) in self.res.entities.iter().enumerate() {
            if let (EntityKind::Institution, Some(topic)) = (e.kind, e.topic.as_deref()) {
                by_topic.entry(topic).or_default().push(i);
            }
        }
        for (mi, m) in self.mentions.iter().enumerate() {
            let Some(p) = self.entity(mi) else { continue };
            if !m.is_person() || m.titles.is_empty() {
                continue;
            }
            let nationality = self.res.entities[p].nationality;
            let ew = &self.rules.event_words;
            for t in &m.titles {
                // (a title of no minister or secretary is passed over before its topic is looked for)
                if !ew.minister_titles.iter().any(|w| t.contains(w.as_str())) {
                    continue;
                }
                let words: Vec<&str> = t.split(' ').collect();
                let Some((_, topic)) =
                    self.rules.topics.iter().find(|(w, _)| words.contains(&w.as_str()) || follows_of(t, w))
                else {
                    continue;
                };
                // the ministry of the person's country; without a stated country only a minister
                // joins the one ministry of that topic in the document
                let same_topic: &[usize] = by_topic.get(topic.as_str()).map_or(&[], Vec::as_slice);
                let inst = match nationality {
                    Some(c) => same_topic.iter().copied().find(|&i| self.res.entities[i].country == Some(c)),
                    None if same_topic.len() == 1 && ew.ministry_head_titles.iter().any(|w| t.contains(w.as_str())) => {
                        Some(same_topic[0])
                    }
                    None => None,
                };
                if let Some(inst) = inst {
                    if seen.insert((p, inst)) {
                        let ev = self.evidence(m.sentence, m.full.clone(), "affiliation.office");
                        self.facts.affiliations.push(DocAffiliation {
                            person: p,
                            institution: inst,
                            title: Some(t.clone()),
                            evidence: ev,
                        });
                    }
                }
            }
        }
    }

    /// The country entity of the document, made when it is missing. `known`: the first
    /// institution entity of each label.
    pub(super) fn country_entity(&mut self, c: usize, known: &mut rustc_hash::FxHashMap<String, usize>) -> usize {
        let name = &self.rules.countries[c].name;
        if let Some(&i) = known.get(name.as_str()) {
            return i;
        }
        let mut e = Entity::new_institution(name.clone(), InstType::Country, Some(c));
        e.mentions.clear();
        self.res.entities.push(e);
        known.insert(name.clone(), self.res.entities.len() - 1);
        self.res.entities.len() - 1
    }

    /// Ties to countries, so that paths run through them: an institution or capital named for a
    /// country is part of it ("Russian Defense Ministry", "Moscow"); a person with a known
    /// country and no institution in the document is affiliated with the country.
    pub(super) fn countries(&mut self) {
        let n = self.res.entities.len();
        let mut known: rustc_hash::FxHashMap<String, usize> = Default::default();
        for (i, e) in self.res.entities.iter().enumerate() {
            if e.kind == EntityKind::Institution {
                known.entry(e.label.clone()).or_insert(i);
            }
        }
        for e in 0..n {
            let ent = &self.res.entities[e];
            let Some(c) = ent.country else { continue };
            let Some(&mi) = ent.mentions.first() else { continue };
            if ent.kind != EntityKind::Institution || matches!(ent.inst_type, Some(InstType::Country)) {
                continue;
            }
            let m = &self.mentions[mi];
            let ev = self.evidence(m.sentence, m.full.clone(), "part-of.name");
            let country = self.country_entity(c, &mut known);
            if country != e {
                self.facts.part_of.push(DocPartOf { part: e, country, evidence: ev });
            }
        }
        let affiliated: BTreeSet<usize> = self.facts.affiliations.iter().map(|a| a.person).collect();
        for e in 0..n {
            if self.res.entities[e].kind != EntityKind::Person || affiliated.contains(&e) {
                continue;
            }
            let Some(c) = self.country_of(e) else { continue };
            // the mention that says so: one with the nationality, else the first
            let mentions = self.res.entities[e].mentions.clone();
            let Some(&mi) = mentions.iter().find(|&&k| self.mentions[k].nationality == Some(c)).or(mentions.first())
            else {
                continue;
            };
            let m = &self.mentions[mi];
            let ev = self.evidence(m.sentence, m.full.clone(), "affiliation.country");
            let title = m.titles.first().cloned();
            let country = self.country_entity(c, &mut known);
            self.facts.affiliations.push(DocAffiliation { person: e, institution: country, title, evidence: ev });
        }
    }

    /// Successions: "X replaced Y", "X, who succeeded Y", "named X to replace Y", "X was
    /// appointed ..., replacing Y" (`[succession-verbs]`, the successor before the verb: the
    /// name right before it or the clause's subject); "X took over from Y"
    /// (`[succession-phrases]`); "Y was replaced by X" (`[succession-passives]`, the successor
    /// after). Dated by the sentence's event date ("in May").
    pub(super) fn successions(&mut self) {
        let phrases = &self.rules.phrases;
        for si in 0..self.seg.sentences.len() {
            let lower = self.lower;
            let (words, ids) = (lower.words(si), lower.ids(si));
            let mut found = 0;
            // (most words are in no list: their id says so at once)
            for ti in (0..words.len()).filter(|&ti| ids[ti] != UNKNOWN) {
                if found == MAX_FACTS_PER_SENTENCE {
                    break;
                }
                // (where the other name starts, is the name after the cue the successor)
                let frame = if phrases.succession_verbs.contains(ids[ti]) {
                    Some((ti + 1, false))
                } else if let Some(p) = phrases.succession_phrases.matching_at(&ids[ti..]).next() {
                    Some((ti + phrases.succession_phrases.words(p), false))
                } else {
                    let passives = &phrases.succession_passives;
                    passives.matching_at(&ids[ti..]).next().map(|p| (ti + passives.words(p), true))
                };
                let Some((after, passive)) = frame else { continue };
                let Some(other) = self.mention_starting(si, after).and_then(|mi| self.entity(mi)) else {
                    continue;
                };
                // the name before the verb: "X replaced", "X, who replaced", "named X to replace"
                let mut k = ti;
                if k > 0 && matches!(words[k - 1], "who" | "to") {
                    k -= 1;
                }
                let before = if k > 0 && words[k - 1] == "," {
                    self.mention_ending(si, k - 1)
                } else {
                    self.mention_ending(si, k)
                };
                // else the clause's subject, or the first person named before the verb ("X was
                // appointed minister in March, succeeding Y")
                let first_person = || {
                    self.by_sentence[si]
                        .clone()
                        .take_while(|&mi| self.mentions[mi].toks.end <= k)
                        .filter_map(|mi| self.entity(mi))
                        .find(|&e| self.is_person_entity(e))
                };
                let before =
                    before.and_then(|mi| self.entity(mi)).or_else(|| match self.subject_before(si, k, false) {
                        Some(Subject::Actor { entity, .. }) => Some(entity),
                        _ => first_person(),
                    });
                let Some(before) = before else { continue };
                let (succ, pred) = if passive { (other, before) } else { (before, other) };
                if succ != pred && self.is_person_entity(succ) && self.is_person_entity(pred) {
                    let ev = self.sentence_evidence(si, "succession.replaced");
                    let date = self.event_date(si);
                    self.facts.successions.push(DocSuccession {
                        successor: succ,
                        predecessor: pred,
                        date,
                        evidence: ev,
                    });
                    found += 1;
                }
            }
        }
    }
}
