//! Calls: who took part, when, who initiated, and whether it was held.
//!
//! Anchored on call nouns and verbs (`call_words.tsv`). Participants are the people of the
//! sentence who are not speakers, not in quotes and not in a relative clause. A mention with no
//! participants ("the call", "the two") refers to the document's current call; a participant-less
//! report fills with the next one ("spoke by telephone on Tuesday" ... "the conversation between X
//! and Y"). "since a call on May 13" reports an earlier call between the same people. Negated
//! reports are dropped; announced ones are `planned`.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use crate::dates::{DateExpr, PartialDate};
use crate::facts::{CallStatus, DocCall};
use crate::mentions::{MentionKind, Pronoun};
use crate::resolve::EntityKind;
use crate::rules::phrases::UNKNOWN;

use super::context::Subject;
use super::{Ctx, MAX_CALL_CLAUSES, MAX_FACTS_PER_SENTENCE};

/// The calls of a document by their participants, in order: each report looks up the first call
/// of its participants (a scan of every call made a document with many calls quadratic).
#[derive(Default)]
pub(super) struct CallsByParts(rustc_hash::FxHashMap<BTreeSet<usize>, Vec<usize>>);

impl CallsByParts {
    fn add(&mut self, parts: &BTreeSet<usize>, call: usize) {
        let list = self.0.entry(parts.clone()).or_default();
        let at = list.partition_point(|&c| c < call);
        list.insert(at, call);
    }
    fn remove(&mut self, parts: &BTreeSet<usize>, call: usize) {
        if let Some(list) = self.0.get_mut(parts) {
            list.retain(|&c| c != call);
        }
    }
    fn with(&self, parts: &BTreeSet<usize>) -> &[usize] {
        self.0.get(parts).map_or(&[], Vec::as_slice)
    }
}

/// The calls of a document as its reports are read, with what the next report needs to know.
#[derive(Default)]
pub(super) struct CallBook {
    calls: Vec<DocCall>,
    /// the calls by participants, kept up to date as they change
    by_parts: CallsByParts,
    /// has a call been reported with a medium, or held with a strong verb? (never undone)
    phone_context: bool,
    /// the call the document is about at this point
    current: Option<usize>,
    /// "X initiated both calls": the initiator of every held call of these participants
    every_call_of: Vec<(BTreeSet<usize>, usize)>,
}

impl CallBook {
    fn new_call(&mut self, participants: BTreeSet<usize>, status: CallStatus) -> usize {
        self.by_parts.add(&participants, self.calls.len());
        self.calls.push(DocCall {
            participants,
            date: None,
            initiator: None,
            status,
            medium: None,
            evidence: Vec::new(),
        });
        self.calls.len() - 1
    }

    /// The call a report of `parts` on `date` belongs to: one of theirs on a date that fits, the
    /// current call when the report fills or extends it, or a new call; `None` when the report is
    /// no call (a weak verb away from any medium, a reference to nobody, or a planned or denied
    /// call where a held one stands). `medium_near`: does the text near the report name a medium?
    fn call_for(
        &mut self,
        parts: &BTreeSet<usize>,
        date: Option<PartialDate>,
        status: CallStatus,
        weak: bool,
        group_ref: bool,
        medium_near: &dyn Fn() -> bool,
    ) -> Option<usize> {
        // a phone or video call reported with a strong verb ("spoke by phone", "X
        // called Y") makes the article's plain "spoke" a call too: `phone_context`
        let ci = if parts.len() >= 2 {
            let same = self.by_parts.with(parts).iter().copied().find(|&i| dates_fit(self.calls[i].date, date));
            match (same, self.current) {
                (Some(i), _) => Some(i),
                // a participant-less report is filled by the first one that names them
                (None, Some(c))
                    if self.calls[c].participants.len() < 2 && self.calls[c].participants.is_subset(parts) =>
                {
                    let old = std::mem::replace(&mut self.calls[c].participants, parts.clone());
                    self.by_parts.remove(&old, c);
                    self.by_parts.add(parts, c);
                    Some(c)
                }
                // "X and Y spoke on Friday" is a call only beside "phone", "video", "call",
                // or in an article that has already reported a phone or video call
                _ if weak && !(medium_near() || self.phone_context) => None,
                _ => Some(self.new_call(parts.clone(), status)),
            }
        } else {
            self.join_current(parts, date, status, weak, group_ref, medium_near)
        };
        // "open to further calls", "denied that they had spoken": not evidence of a call held
        match ci {
            Some(c) if status != CallStatus::Held && self.calls[c].status == CallStatus::Held => {
                (parts.len() >= 2 && status == CallStatus::Denied).then(|| self.new_call(parts.clone(), status))
            }
            other => other,
        }
    }

    /// A report that names fewer than two people: the current call, the same people's call of
    /// another day ("The pair last spoke by phone on 14 March"), or none.
    fn join_current(
        &mut self,
        parts: &BTreeSet<usize>,
        date: Option<PartialDate>,
        status: CallStatus,
        weak: bool,
        group_ref: bool,
        medium_near: &dyn Fn() -> bool,
    ) -> Option<usize> {
        let other_day = self.current.is_some_and(|c| {
            self.calls[c].participants.len() >= 2
                && group_ref
                && matches!((self.calls[c].date, date), (Some(a), Some(b)) if !a.compatible(&b))
        });
        match self.current {
            Some(c) if other_day => {
                let parts = self.calls[c].participants.clone();
                let same = self.by_parts.with(&parts).iter().copied().find(|&i| {
                    let x = &self.calls[i];
                    dates_fit(x.date, date) && x.date.is_some()
                });
                Some(same.unwrap_or_else(|| self.new_call(parts, status)))
            }
            // "We talked for an hour": a weak verb with nobody named joins the
            // current call only beside a medium or a reference to the pair
            _ if weak && parts.is_empty() && !group_ref && !medium_near() => None,
            Some(c)
                if parts.iter().all(|p| self.calls[c].participants.contains(p))
                    || self.calls[c].participants.len() < 2 =>
            {
                let old = self.calls[c].participants.clone();
                self.by_parts.remove(&old, c);
                self.calls[c].participants.extend(parts.iter().copied());
                self.by_parts.add(&self.calls[c].participants, c);
                Some(c)
            }
            _ if weak && !(medium_near() || self.phone_context) => None,
            _ => Some(self.new_call(parts.clone(), status)),
        }
    }

    /// The calls of the document: initiators of "both calls" spread, calls of fewer than two
    /// people dropped, an initiator who took no part dropped.
    fn finish(mut self) -> Vec<DocCall> {
        for (parts, ini) in std::mem::take(&mut self.every_call_of) {
            for &i in self.by_parts.with(&parts) {
                if self.calls[i].status == CallStatus::Held {
                    self.calls[i].initiator.get_or_insert(ini);
                }
            }
        }
        let mut calls = self.calls;
        calls.retain(|c| c.participants.len() >= 2);
        for c in &mut calls {
            if c.initiator.is_some_and(|i| !c.participants.contains(&i)) {
                c.initiator = None;
            }
        }
        calls
    }
}

/// A clause's call trigger and what the readers of its report share.
pub(super) struct Report<'a, 'w> {
    si: usize,
    words: &'a [&'w str],
    ids: &'a [u32],
    trigger: usize,
    kind: TriggerKind,
    /// where an "earlier call" phrase starts (the report is read before it)
    limit: usize,
    /// the tokens of side clauses
    excluded: &'a [bool],
    /// does the clause refer to a pair or group ("they", "the two", "both")?
    group_ref: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TriggerKind {
    Strong,
    /// "before the call", "during the phone call": the current call, no new participants
    Reference,
    Noun,
    Weak,
    Called {
        callee: usize,
    },
    /// "X was called by Y"
    CalledBy {
        caller: usize,
    },
    Earlier,
}

impl TriggerKind {
    fn rule(&self) -> &'static str {
        match self {
            TriggerKind::Strong => "call.verb",
            TriggerKind::Reference => "call.reference",
            TriggerKind::Noun => "call.noun",
            TriggerKind::Weak => "call.spoke",
            TriggerKind::Called { .. } | TriggerKind::CalledBy { .. } => "call.called",
            TriggerKind::Earlier => "call.earlier",
        }
    }
}

pub(super) fn dates_fit(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.compatible(&b),
        _ => true,
    }
}

pub(super) fn more_precise(a: Option<PartialDate>, b: Option<PartialDate>) -> Option<PartialDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.precision() > a.precision() { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The words of a sentence (and their ids) with those outside `keep` blanked (empty, and
/// [`UNKNOWN`]), so token indices stay valid; borrowed as they are when `keep` holds them all.
pub(super) fn mask<'a, 'w>(
    words: &'a [&'w str],
    ids: &'a [u32],
    keep: &Range<usize>,
) -> (Cow<'a, [&'w str]>, Cow<'a, [u32]>) {
    if keep.start == 0 && keep.end >= words.len() {
        return (Cow::Borrowed(words), Cow::Borrowed(ids));
    }
    let words = (words.iter().enumerate()).map(|(i, &w)| if keep.contains(&i) { w } else { "" }).collect();
    let ids = (ids.iter().enumerate()).map(|(i, &w)| if keep.contains(&i) { w } else { UNKNOWN }).collect();
    (Cow::Owned(words), Cow::Owned(ids))
}

impl<'a> Ctx<'a> {
    /// People of a sentence who can take part in a call there (`excluded`: the
    /// [`Self::clause_mask`] of `trigger`).
    pub(super) fn participants(
        &self,
        si: usize,
        words: &[&str],
        trigger: Option<usize>,
        excluded: &[bool],
    ) -> (Vec<usize>, Vec<usize>) {
        let call_nouns = &self.rules.event_words.possessive_call_words;
        // "During Friday's call, X told Y that ...": the speaker took part
        let framed = trigger.is_some_and(|t| t <= 5)
            && words.first().is_some_and(|w| matches!(*w, "in" | "during"))
            && words.iter().take(8).any(|w| *w == ",");
        // a speaker whose words hold the trigger ("X said Y spoke with Z") takes no part; one
        // who speaks after the call ("X spoke with Y and urged calm") does
        let trigger_at = trigger.and_then(|t| self.ts(si).get(t)).map(|t| t.start);
        let speaks_of_it = |mi: usize| {
            self.speaker_mentions[si]
                .iter()
                .any(|(m, said)| *m == mi && trigger_at.is_none_or(|at| said.is_some_and(|s| s <= at)))
        };
        // "A book by X claims that Y called Z", "The call followed an agreement between X and Y":
        // the people before a word that reports the call, or after one that tells what it came after
        let ew = &self.rules.event_words;
        let outside_quote = |v: usize| self.ts(si).get(v).is_some_and(|t| !self.seg.in_quote(t.start));
        let reported_from = trigger.and_then(|t| {
            (0..t).rev().find(|&v| {
                (ew.reported_before.contains(words[v]) || (t - v <= 3 && ew.topic_before.contains(words[v])))
                    && outside_quote(v)
            })
        });
        let bystanders_from = trigger
            .and_then(|t| (t + 1..words.len()).find(|&v| ew.bystanders_after.contains(words[v]) && outside_quote(v)));
        let mut people = Vec::new();
        let mut mentions = Vec::new();
        for mi in self.by_sentence[si].clone() {
            let m = &self.mentions[mi];
            let outside = words.get(m.toks.start).is_some_and(|w| w.is_empty());
            if outside
                || !m.is_person()
                || m.in_quote
                || excluded[m.toks.start]
                || (speaks_of_it(mi) && !framed)
                || reported_from.is_some_and(|v| m.toks.end <= v)
                || bystanders_from.is_some_and(|v| m.toks.start > v)
            {
                continue;
            }
            if m.possessive
                && !words[m.toks.end..(m.toks.end + 3).min(words.len())].iter().any(|w| call_nouns.contains(*w))
            {
                continue;
            }
            if let Some(e) = self.entity(mi) {
                if !people.contains(&e) {
                    // each participant is a contact edge with this sentence as its evidence
                    if people.len() == MAX_FACTS_PER_SENTENCE {
                        continue;
                    }
                    people.push(e);
                }
                mentions.push(mi);
            }
        }
        // "X said he had spoken to Y by phone": the pronoun's person takes part
        if people.len() == 1 {
            let pronoun = self.by_sentence[si].clone().find(|&mi| {
                let m = &self.mentions[mi];
                matches!(m.kind, MentionKind::Pronoun(Pronoun::He | Pronoun::She))
                    && !m.in_quote
                    && !excluded[m.toks.start]
                    && !words.get(m.toks.start).is_some_and(|w| w.is_empty())
            });
            if let Some(e) = pronoun.and_then(|mi| self.subject_entity(mi)) {
                if !people.contains(&e) && self.is_person_entity(e) {
                    people.push(e);
                }
            }
        }
        (people, mentions)
    }

    /// The date of the call at `trigger` (`excluded`: the [`Self::clause_mask`] of `trigger`).
    pub(super) fn call_date(
        &self,
        si: usize,
        words: &[&str],
        trigger: usize,
        limit: usize,
        excluded: &[bool],
    ) -> Option<PartialDate> {
        // "spoke by phone last week": a vague time, the week or month it means and no other date
        // (in the words after the trigger, up to a comma or a side clause)
        let after = &words[trigger..(trigger + 14).min(words.len())];
        let ew = &self.rules.event_words;
        let cut = after
            .iter()
            .position(|w| matches!(*w, "," | ";" | "who" | "which") || ew.date_boundaries.contains(*w))
            .unwrap_or(after.len());
        let after = &after[..cut.min(after.len())];
        if let Some(at) = self.rules.event_words.vague_times.iter().find_map(|v| Self::find_phrase(after, v)) {
            let at = trigger + at;
            // "Moscow's last week statement": the time of what the possessive owns
            if at > 0 && self.ts(si)[at - 1].possessive {
                return None;
            }
            return self.dates[si].iter().find(|d| d.toks.contains(&at)).map(|d| d.date);
        }
        let when_clause = |d: &DateExpr| {
            words.get(d.toks.end).is_some_and(|w| *w == ",")
                && words.get(d.toks.end + 1).is_some_and(|w| *w == "when")
                && trigger > d.toks.end
        };
        let boundary = |a: usize, b: usize| {
            words[a.min(b)..a.max(b)].iter().any(|w| *w == ";" || self.rules.event_words.date_boundaries.contains(*w))
        };
        self.dates[si]
            .iter()
            .filter(|d| {
                let s = d.toks.start;
                let far = boundary(d.toks.end.min(trigger), d.toks.start.max(trigger));
                if d.range || excluded[s] || s >= limit || words[s].is_empty() || (far && !when_clause(d)) {
                    return false;
                }
                // "since March 2023", "before May 13": the date of something else, unless a
                // "when" clause reports this call ("since March 2023, when Doe phoned Roe")
                let before = if s > 0 { words[s - 1] } else { "" };
                d.possessive || when_clause(d) || !self.rules.event_words.date_of_other_event.contains(before)
            })
            .min_by_key(|d| (d.toks.start as i64 - trigger as i64).abs())
            .map(|d| d.date)
    }

    /// The clauses of a sentence that each report a call, split at ", a day after", ", after",
    /// ", while", "; " (not ", when": "since March 2023, when X phoned Y" dates that call). One clause (the whole sentence) unless two clauses each hold a
    /// call trigger.
    pub(super) fn call_clauses(&self, si: usize, words: &[&str], ids: &[u32]) -> Vec<Range<usize>> {
        // (no buffer made for the sentences with no cut: most of them)
        let mut cuts = Vec::new();
        for i in 0..words.len() {
            let next = words.get(i + 1).copied().unwrap_or("");
            let after_comma = words[i] == ","
                && (self.rules.event_words.clause_cuts.contains(next)
                    || (next == "a" && words.get(i + 3).is_some_and(|w| *w == "after" || *w == "before")));
            if words[i] == ";" || after_comma {
                if cuts.is_empty() {
                    cuts.push(0);
                }
                cuts.push(i + 1);
            }
        }
        let whole = || std::iter::once(0..words.len()).collect();
        if cuts.is_empty() || cuts.len() > MAX_CALL_CLAUSES {
            return whole();
        }
        cuts.push(words.len());
        let clauses: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).filter(|r| !r.is_empty()).collect();
        let mut places = Vec::new();
        let with_trigger = clauses
            .iter()
            .filter(|r| {
                let (words, ids) = mask(words, ids, r);
                self.call_trigger(si, &words, &ids, &mut places).is_some()
            })
            .count();
        if with_trigger >= 2 { clauses } else { whole() }
    }

    /// Does the sentence, or one next to it, name the medium of a call (phone, video, call)?
    pub(super) fn medium_near(&self, si: usize) -> bool {
        let last = self.seg.sentences.len().saturating_sub(1);
        (si.saturating_sub(1)..=(si + 1).min(last)).any(|s| {
            let (words, ids) = (self.lower.words(s), self.lower.ids(s));
            words.iter().zip(ids).any(|(w, &id)| {
                self.rules.phrases.medium.contains(id) || self.rules.event_words.medium_plurals.contains(*w)
            })
        })
    }

    /// "The Secretary of State spoke with the Pakistani army chief", "X spoke with Y. The
    /// conversation ...": a `[remote-verbs]` verb between two people, of two countries or before
    /// a sentence that opens on the conversation, with no `[in-person]` word in the sentence or
    /// the next, reports a call.
    fn remote_pair(&self, si: usize, verb: &str, parts: &BTreeSet<usize>) -> bool {
        let ew = &self.rules.event_words;
        if parts.len() != 2 || !ew.remote_verbs.contains(verb) || !parts.iter().all(|&p| self.is_person_entity(p)) {
            return false;
        }
        let last = self.seg.sentences.len().saturating_sub(1);
        let next: &[&str] = if si < last { self.lower.words(si + 1) } else { &[] };
        let opens_on_it =
            next.len() >= 2 && ew.reference_determiners.contains(next[0]) && ew.determined_call_nouns.contains(next[1]);
        let countries: Vec<Option<usize>> = parts.iter().map(|&p| self.country_of(p)).collect();
        let two_countries = matches!((countries[0], countries[1]), (Some(a), Some(b)) if a != b);
        (two_countries || opens_on_it)
            && !(si..=(si + 1).min(last)).any(|s| self.lower.words(s).iter().any(|w| ew.in_person.contains(*w)))
    }

    /// Read the calls of the document, sentence by sentence and clause by clause, into
    /// `facts.calls`.
    pub(super) fn calls(&mut self) {
        let mut book = CallBook::default();
        // buffers kept for the next clause: where each `earlier` phrase first occurs in a clause,
        // and the tokens of side clauses
        let mut bufs = (Vec::new(), Vec::new());
        for si in 0..self.seg.sentences.len() {
            let lower = self.lower;
            let (full, full_ids) = (lower.words(si), lower.ids(si));
            // (a sentence with no word that can begin a call report reports none, in any clause)
            if !full_ids.iter().any(|&w| self.rules.phrases.call_starts.contains(w)) || self.has_refusal(si) {
                continue;
            }
            // call reports (evidence) taken from this sentence
            let mut reported = 0;
            // "X called Y on Tuesday, a day after Z spoke with W": each clause its own call
            for clause in self.call_clauses(si, full, full_ids) {
                if reported >= MAX_FACTS_PER_SENTENCE {
                    break;
                }
                let (words, ids) = mask(full, full_ids, &clause);
                self.call_clause(si, &words, &ids, &mut book, &mut bufs, &mut reported);
            }
        }
        self.facts.calls = book.finish();
    }

    /// One clause of a sentence: its call report, and the earlier call it recalls ("since a call
    /// on May 13").
    fn call_clause(
        &self,
        si: usize,
        words: &[&str],
        ids: &[u32],
        book: &mut CallBook,
        (places, excluded): &mut (Vec<Option<usize>>, Vec<bool>),
        reported: &mut usize,
    ) {
        // "since a call on May 13": an earlier call; what comes before it may report the current one
        // ("their first conversation since May 13": a phrase ending in "since" needs a date)
        let phrases = &self.rules.phrases;
        phrases.earlier.first_places(ids, places);
        let earlier = (places.iter().enumerate())
            .filter_map(|(k, &i)| {
                let i = i?;
                if !self.rules.calls.earlier[k].ends_with(" since") {
                    return Some(i);
                }
                let after = i + phrases.earlier.words(k);
                self.dates[si].iter().any(|d| (after..=after + 1).contains(&d.toks.start)).then_some(i)
            })
            .min();
        let limit = earlier.unwrap_or(words.len());
        let found = self.call_trigger(si, &words[..limit], &ids[..limit], places);
        self.clause_mask(si, words, found.map(|(t, _)| t), excluded);
        let (mut people, named) = self.participants(si, words, found.map(|(t, _)| t), excluded);
        let group_ref = words.iter().any(|w| self.rules.event_words.pair_references.contains(*w));
        if let Some((trigger, kind)) = found {
            let report = Report { si, words, ids, trigger, kind, limit, excluded, group_ref };
            self.call_report(&report, &mut people, &named, book, reported);
        }
        if let Some(at) = earlier {
            self.earlier_call(si, at, &people, group_ref, book, reported);
        }
    }

    /// The status of a report of a call: `None` when it reports no call (negated, only
    /// requested, or a meeting).
    fn report_status(&self, r: &Report<'_, '_>) -> Option<CallStatus> {
        let (words, ids, trigger, kind) = (r.words, r.ids, r.trigger, r.kind);
        let phrases = &self.rules.phrases;
        let requested = kind != TriggerKind::Reference && self.requested_before(words, ids, trigger);
        // "last met in person ..., when they also discussed": a meeting
        let meeting = kind == TriggerKind::Weak && phrases.meeting.any(ids);
        if self.negated_before(words, ids, trigger) || requested || meeting {
            return None;
        }
        let denied =
            phrases.denial.any(&ids[trigger.saturating_sub(8)..trigger]) || phrases.denial.any(&ids[trigger..]);
        Some(if denied {
            CallStatus::Denied
        } else if self.planned_before(ids, trigger) {
            CallStatus::Planned
        } else {
            CallStatus::Held
        })
    }

    /// The medium a clause names ("phone", "video"), if any.
    fn report_medium(&self, words: &[&str], ids: &[u32]) -> Option<String> {
        // (a clause with no medium word is passed over by id)
        if !ids.iter().any(|&w| self.rules.phrases.medium.contains(w)) {
            return None;
        }
        let unnamed = &self.rules.event_words.unnamed_media;
        self.rules
            .calls
            .medium
            .iter()
            .filter(|m| !unnamed.contains(m.as_str()))
            .find(|m| words.contains(&m.as_str()))
            .cloned()
    }

    /// Who took part, as the trigger tells: "X called Y" is the two of them (and gives the
    /// initiator, returned), a reference names nobody new, "when the two spoke" adds the speaker.
    fn report_people(&self, r: &Report<'_, '_>, people: &mut Vec<usize>) -> Option<usize> {
        let (si, words, trigger) = (r.si, r.words, r.trigger);
        let mut initiator = None;
        match r.kind {
            // "X called Y": the two of them, the caller first; "X was called by Y": Y placed it
            TriggerKind::Called { callee: other } | TriggerKind::CalledBy { caller: other } => {
                people.clear();
                let subject = match self.subject_before(si, trigger, false) {
                    Some(Subject::Actor { entity, .. }) => Some(entity),
                    _ => None,
                };
                people.extend(subject);
                if !people.contains(&other) {
                    people.push(other);
                }
                initiator = if matches!(r.kind, TriggerKind::CalledBy { .. }) { Some(other) } else { subject };
            }
            // "before the call", "during the phone call": a reference, not a report,
            // but "In Friday's call, X told Y" reports that day's call of the two
            TriggerKind::Reference
                if people.len() < 2 || self.call_date(si, words, trigger, r.limit, r.excluded).is_none() =>
            {
                people.clear();
            }
            _ => {}
        }
        // "... with Y when the two spoke": the speaker is the other one
        let two_spoke = trigger >= 1
            && (self.rules.event_words.pair_pronouns.contains(words[trigger - 1])
                || trigger >= 2 && words[trigger - 2] == "the" && words[trigger - 1] == "two");
        if people.len() == 1 && two_spoke {
            for &(mi, _) in &self.speaker_mentions[si] {
                if let Some(e) = self.entity(mi).filter(|&e| self.is_person_entity(e)) {
                    if !people.contains(&e) {
                        people.push(e);
                    }
                }
            }
        }
        initiator
    }

    /// A clause's report of a call: who, when, how, who initiated; joined to the call it
    /// reports, or a new one.
    fn call_report(
        &self,
        r: &Report<'_, '_>,
        people: &mut Vec<usize>,
        named: &[usize],
        book: &mut CallBook,
        reported: &mut usize,
    ) {
        let Some(status) = self.report_status(r) else { return };
        let (si, words, ids, trigger, kind) = (r.si, r.words, r.ids, r.trigger, r.kind);
        let medium = self.report_medium(words, ids);
        let initiator = self.report_people(r, people);
        // "a phone call between A and B": the two of them, whoever else the sentence names
        let between = (trigger + 1..(trigger + 4).min(words.len()))
            .find(|&j| self.rules.event_words.pair_prepositions.contains(words[j]))
            .and_then(|j| self.pair_after(si, j + 1));
        if let Some((a, b)) = between.filter(|(a, b)| self.is_person_entity(*a) && self.is_person_entity(*b)) {
            people.clear();
            people.extend([a, b]);
        }
        let mut date = self.call_date(si, words, trigger, r.limit, r.excluded);
        // "later the same day": the date of the call before
        let same_day = &self.rules.event_words.same_day;
        if date.is_none() && same_day.iter().any(|p| Self::find_phrase(words, p).is_some()) {
            date = book.current.and_then(|c| book.calls[c].date);
        }
        // "X spoke with A, and separately with B": one call per partner; so is "X has spoken with
        // A, B and C" (one person before the trigger, two or more after it), unless the call is
        // one of many ("a trilateral call", "a conference call")
        let ew = &self.rules.event_words;
        let plural = words.get(trigger).is_some_and(|w| ew.plural_triggers.contains(*w));
        let one_subject = || {
            let multiparty = words.iter().any(|w| ew.multiparty_calls.contains(*w));
            let before = people
                .iter()
                .filter(|&&e| {
                    named.iter().any(|&mi| self.res.entity_of[mi] == Some(e) && self.mentions[mi].toks.start < trigger)
                })
                .count();
            !multiparty && before == 1 && named.first().is_some_and(|&mi| self.mentions[mi].toks.start < trigger)
        };
        if people.len() > 2 && (plural || words.iter().any(|w| ew.separate_calls.contains(*w)) || one_subject()) {
            let first = people[0];
            for &other in &people[2..] {
                if *reported >= MAX_FACTS_PER_SENTENCE {
                    break;
                }
                *reported += 1;
                let parts: BTreeSet<usize> = [first, other].into_iter().collect();
                let ci = book.new_call(parts.clone(), status);
                book.calls[ci].date = date;
                let ev = self.sentence_evidence(si, "call.separately");
                book.calls[ci].evidence.push((ev, parts.into_iter().collect()));
            }
            people.truncate(2);
        }
        let parts: BTreeSet<usize> = people.iter().copied().collect();
        let weak = matches!(kind, TriggerKind::Weak | TriggerKind::Reference);
        let near = || self.medium_near(si) || self.remote_pair(si, words[trigger], &parts);
        let Some(ci) = book.call_for(&parts, date, status, weak, r.group_ref, &near) else { return };
        // the document's call stays current when an older one is recalled in passing
        let keep = book.current.is_some_and(|c| {
            c != ci
                && book.calls[c].participants.len() >= 2
                && match (book.calls[c].date, date) {
                    (Some(a), Some(b)) => b < a && !a.compatible(&b),
                    (Some(_), None) => true,
                    _ => false,
                }
        });
        if !keep {
            book.current = Some(ci);
        }
        let ev = self.sentence_evidence(si, kind.rule());
        let c = &mut book.calls[ci];
        if dates_fit(c.date, date) {
            c.date = more_precise(c.date, date);
        }
        if c.medium.is_none() {
            c.medium = medium;
        }
        if c.initiator.is_none() {
            c.initiator = initiator;
        }
        let named_here: Vec<usize> = named.iter().filter_map(|&mi| self.res.entity_of[mi]).collect();
        c.evidence.push((ev, named_here));
        *reported += 1;
        book.phone_context |=
            c.medium.is_some() || (c.status == CallStatus::Held && matches!(kind.rule(), "call.verb" | "call.called"));
        if let Some(ini) = self.initiator_cue(si, words, ids, &book.calls[ci].participants) {
            book.calls[ci].initiator.get_or_insert(ini);
            // "X initiated both calls": every call of the pair, also those
            // reported later in the article
            if words.windows(2).any(|w| ew.all_calls_quantifiers.contains(w[0]) && ew.all_calls_nouns.contains(w[1])) {
                book.every_call_of.push((book.calls[ci].participants.clone(), ini));
            }
        }
    }

    /// "since a call on May 13" at token `at`: an earlier call of the people named, or of those
    /// of the current call ("they", "their").
    fn earlier_call(
        &self,
        si: usize,
        at: usize,
        people: &[usize],
        group_ref: bool,
        book: &mut CallBook,
        reported: &mut usize,
    ) {
        let explicit: BTreeSet<usize> = people.iter().copied().collect();
        let parts = if explicit.len() >= 2 && !group_ref {
            explicit
        } else if let Some(c) = book.current {
            book.calls[c].participants.clone()
        } else {
            return;
        };
        if parts.len() < 2 {
            return;
        }
        let date = self.dates[si].iter().filter(|d| d.toks.start > at).map(|d| d.date).next();
        let current = book.current;
        let existing = book
            .by_parts
            .with(&parts)
            .iter()
            .copied()
            .find(|&i| Some(i) != current && dates_fit(book.calls[i].date, date));
        let ci = existing.unwrap_or_else(|| book.new_call(parts.clone(), CallStatus::Held));
        let ev = self.sentence_evidence(si, TriggerKind::Earlier.rule());
        let c = &mut book.calls[ci];
        c.date = more_precise(c.date, date);
        c.evidence.push((ev, parts.iter().copied().collect()));
        *reported += 1;
    }

    /// The call trigger of `words` (with their `ids`): the first verb phrase of the list found,
    /// else "X called Y", else the first noun (that is one there), else the first weak verb.
    /// (`places`: a buffer, kept by the caller for the next clause.)
    pub(super) fn call_trigger(
        &self,
        si: usize,
        words: &[&str],
        ids: &[u32],
        places: &mut Vec<Option<usize>>,
    ) -> Option<(usize, TriggerKind)> {
        let ts = self.ts(si);
        let outside = |i: usize| !self.seg.in_quote(ts[i].start);
        let phrases = &self.rules.phrases;
        let person_at = |k: usize| {
            self.mention_starting(si, k).and_then(|mi| self.entity(mi)).filter(|&e| self.is_person_entity(e))
        };
        // the person called right after a caller verb at `i`: "X called Y" but not "X called Y's
        // aide", "X called Y a liar", "X calls Y talk 'productive'"
        let callee_at = |i: usize| {
            let mi = self.mention_starting(si, i + 1)?;
            let after = words.get(self.mentions[mi].toks.end).copied().unwrap_or("");
            let naming = matches!(after, "a" | "an" | "the" | "\"" | "\u{201c}") || after.ends_with('"');
            let possessive = self.mentions[mi].possessive;
            let follows_ok = after.is_empty()
                || !after.chars().next().is_some_and(char::is_alphanumeric)
                || self.rules.calls.after_callee.contains(after);
            (!naming && !possessive && follows_ok)
                .then(|| self.entity(mi))
                .flatten()
                .filter(|&e| self.is_person_entity(e))
        };
        if let Some((_, i)) = phrases.call_verbs.first(ids) {
            // "X phoned Y": a caller verb of the list names who placed the call
            if let Some(callee) = phrases.caller.contains(ids[i]).then(|| callee_at(i)).flatten() {
                return Some((i, TriggerKind::Called { callee }));
            }
            return Some((i, TriggerKind::Strong));
        }
        // "X called Y" / "X phoned Y"; "X was called by Y"
        for (i, &w) in ids.iter().enumerate() {
            if phrases.caller.contains(w) && outside(i) {
                let passive = i >= 1 && matches!(words[i - 1], "was" | "were" | "been" | "being");
                if let Some(caller) = (passive && words.get(i + 1) == Some(&"by")).then(|| person_at(i + 2)).flatten() {
                    return Some((i, TriggerKind::CalledBy { caller }));
                }
                let next = words.get(i + 1).copied().unwrap_or("");
                if self.rules.calls.not_after_called.contains(next) {
                    continue;
                }
                if let Some(callee) = callee_at(i) {
                    return Some((i, TriggerKind::Called { callee }));
                }
            }
        }
        // (each noun where it first occurs: a noun that is no call there is not looked for further on)
        phrases.call_nouns.first_places(ids, places);
        let ew = &self.rules.event_words;
        for (n, &place) in self.rules.calls.nouns.iter().zip(places.iter()) {
            if let Some(i) = place {
                // "to call", "call for", "call on", "calls for": the verb, not a call
                let before = if i > 0 { words[i - 1] } else { "" };
                let after = words.get(i + n.split(' ').count()).copied().unwrap_or("");
                if ew.verb_call_nouns.contains(n)
                    && (before == "to" || ew.verb_call_after.contains(after) && !ew.noun_call_before.contains(before))
                {
                    continue;
                }
                if ew.determined_call_nouns.contains(n) && !ew.call_determiners.contains(before) {
                    continue;
                }
                let reference = i >= 2
                    && ew.reference_determiners.contains(words[i - 1])
                    && ew.reference_prepositions.contains(words[i - 2]);
                let reference = reference
                    || (i >= 3
                        && !ew.unnamed_media.contains(words[i - 1])
                        && self.rules.calls.medium.iter().any(|m| m == words[i - 1])
                        && ew.medium_reference_prepositions.contains(words[i - 3]));
                // "after Friday's call", "before last week's call": a possessive date between them
                let reference = reference
                    || self.dates[si].iter().any(|d| {
                        d.possessive
                            && d.toks.end == i
                            && d.toks.start >= 1
                            && ew.reference_prepositions.contains(words[d.toks.start - 1])
                    });
                return Some((i, if reference { TriggerKind::Reference } else { TriggerKind::Noun }));
            }
        }
        if let Some((_, i)) = phrases.call_weak.first(ids) {
            return Some((i, TriggerKind::Weak));
        }
        None
    }

    /// The initiator named at token `j` (after "the initiative of", "a request by"): a person,
    /// or the participant of the country a place, a country's institution or a nationality
    /// ("the Kenyan side") stands for, when only one participant is of it.
    fn initiator_named_at(&self, si: usize, words: &[&str], j: usize, participants: &BTreeSet<usize>) -> Option<usize> {
        let the = usize::from(words.get(j).is_some_and(|w| *w == "the"));
        let mention = (j..=j + the).find_map(|k| self.mention_starting(si, k));
        match mention.and_then(|mi| self.entity(mi)) {
            Some(e) => self.initiator_for(e, participants),
            None => self.participant_of(*self.rules.country_adjectives.get(self.w(si, j + the))?, participants),
        }
    }

    /// The initiator an entity named as one stands for: a person or participant itself, a
    /// place or a country's body the one participant of its country.
    fn initiator_for(&self, e: usize, participants: &BTreeSet<usize>) -> Option<usize> {
        if participants.contains(&e) || self.res.entities[e].kind == EntityKind::Person {
            return Some(e);
        }
        self.participant_of(self.country_of(e)?, participants)
    }

    /// The one participant of `country` (none when two are of it).
    fn participant_of(&self, country: usize, participants: &BTreeSet<usize>) -> Option<usize> {
        let mut of_country = participants.iter().copied().filter(|&p| self.country_of(p) == Some(country));
        let first = of_country.next();
        first.filter(|_| of_country.next().is_none())
    }

    /// Who placed or asked for the call, from the sentence's words (and their `ids`).
    pub(super) fn initiator_cue(
        &self,
        si: usize,
        words: &[&str],
        ids: &[u32],
        participants: &BTreeSet<usize>,
    ) -> Option<usize> {
        // (every cue below begins with one of these words)
        if !ids.iter().any(|&w| self.rules.phrases.initiator_starts.contains(w)) {
            return None;
        }
        // "at the initiative of the American side" / "at the initiative of X", "initiated by X"
        let ew = &self.rules.event_words;
        let find = |list: &[String]| list.iter().find_map(|p| Self::find_phrase(words, p));
        let by = find(&ew.initiated_by).map(|i| i + 1);
        if let Some(i) = find(&ew.initiative_of).or(by) {
            if let Some(e) = self.initiator_named_at(si, words, i + 2, participants) {
                return Some(e);
            }
        }
        // "received a call from X"
        for phrase in &ew.call_from {
            if let Some(i) = Self::find_phrase(words, phrase) {
                let after = i + phrase.split(' ').count();
                // (past a nationality before the title: "a call from Danish Defence Minister X")
                let skip =
                    usize::from(words.get(after).is_some_and(|w| self.rules.country_adjectives.contains_key(*w)));
                let found =
                    (after..=after + skip).find_map(|k| self.mention_starting(si, k).and_then(|mi| self.entity(mi)));
                if let Some(e) = found {
                    if participants.contains(&e) {
                        return Some(e);
                    }
                }
            }
        }
        // "at the request of X", "following a request by the Kenyan side"
        if let Some(i) = find(&ew.request_of) {
            if let Some(e) = self.initiator_named_at(si, words, i + 2, participants) {
                return Some(e);
            }
        }
        // "at X's request"
        if let Some(i) = words.iter().position(|w| ew.possessive_request.contains(*w)) {
            if i >= 1 {
                if let Some(mi) = self.mention_ending(si, i).filter(|&mi| self.mentions[mi].possessive) {
                    // "at Washington's request": the participant of that country
                    return self.initiator_for(self.entity(mi)?, participants);
                }
            }
        }
        // "X initiated the call", "X requested the call", "X reached out to", "to connect with"
        for cue in &self.rules.calls.initiator {
            if let Some(i) = words.iter().position(|w| *w == cue.as_str()) {
                if self.rules.event_words.requesting_initiators.contains(cue.as_str())
                    && !words[i + 1..].iter().take(4).any(|w| self.rules.event_words.requested_objects.contains(*w))
                {
                    continue;
                }
                // the nearest person before the cue, quotes included ("Minister Doe reached out to
                // Minister Roe, and the two spoke")
                let mi = self.by_sentence[si]
                    .clone()
                    .rev()
                    .find(|&mi| self.mentions[mi].toks.end <= i && self.mentions[mi].is_person());
                if let Some(e) = mi.and_then(|mi| self.entity(mi)) {
                    if participants.contains(&e) {
                        return Some(e);
                    }
                }
            }
        }
        None
    }

    // ---------------------------------------------------------------- refusals
}
