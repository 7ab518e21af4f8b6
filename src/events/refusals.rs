//! Refusals: who declined whose calls or talks.
//!
//! A refusing verb with a refusable object (`refusal_cues.tsv`), never with "to comment" and never
//! negated. The requester follows "from"/"with" or a possessive; a group subject ("the Russian
//! leaders", "they") and a missing requester come from a request frame ("A and B tried to reach
//! their respective counterparts C and D").

use crate::facts::{DocRefusal, Evidence};

use super::context::Subject;
use super::{Ctx, MAX_FACTS_PER_SENTENCE};

/// A request frame found in a sentence: who asked whom.
#[derive(Debug, Clone)]
pub(super) struct RequestFrame {
    sentence: usize,
    pairs: Vec<(usize, usize)>,
    requesters: Vec<usize>,
}

impl<'a> Ctx<'a> {
    /// Does the sentence refuse contact somewhere ("declined calls", "rejected talks")? A refusing
    /// verb alone is not enough: "rejected claims" leaves the sentence free to report a call.
    pub(super) fn has_refusal(&self, si: usize) -> bool {
        let (words, ids) = (self.lower.words(si), self.lower.ids(si));
        let p = &self.rules.phrases;
        self.lower.refusal_verbs(si).iter().any(|&(_, at)| {
            let mut k = at;
            while k < words.len()
                && (p.skip.contains(ids[k]) || p.country_adjectives.contains(ids[k]) || words[k].ends_with("'s"))
            {
                k += 1;
            }
            self.refusal_object(&ids[k.min(words.len())..]).is_some()
        })
    }

    /// The refusable object at the start of `rest` (word ids): (its length in tokens, what is
    /// refused). None for "to comment", "to say" and other complements that make no refusal.
    pub(super) fn refusal_object(&self, rest: &[u32]) -> Option<(usize, String)> {
        let p = &self.rules.phrases;
        if p.refusal_not.matching_at(rest).next().is_some() {
            return None;
        }
        let o = p.refusal_objects.matching_at(rest).next()?;
        Some((p.refusal_objects.words(o), self.rules.refusal.objects[o].1.clone()))
    }

    pub(super) fn refusals(&mut self) {
        // request frames of the last sentences: (sentence, requester -> target pairs, requesters)
        let mut frames: Vec<RequestFrame> = Vec::new();
        for si in 0..self.seg.sentences.len() {
            let lower = self.lower;
            let (words, ids) = (lower.words(si), lower.ids(si));
            let (pairs, requesters) = self.request_pairs(si, words, ids);
            if !requesters.is_empty() {
                frames.push(RequestFrame { sentence: si, pairs, requesters });
            }
            let p = &self.rules.phrases;
            for &(ti, object_at) in lower.refusal_verbs(si) {
                if self.negated_before(words, ids, ti) {
                    continue;
                }
                // the object, after adverbs and determiners
                let mut k = object_at;
                while k < words.len() && (p.skip.contains(ids[k]) || p.country_adjectives.contains(ids[k])) {
                    k += 1;
                }
                // a possessive requester: "declined Doe's calls"
                let mut requesters: Vec<usize> = Vec::new();
                if let Some(mi) = self.mention_starting(si, k) {
                    if self.mentions[mi].possessive {
                        requesters.extend(self.entity(mi));
                        k = self.mentions[mi].toks.end;
                    }
                }
                let Some((obj_len, what)) = self.refusal_object(&ids[k..]) else { continue };
                // the requesters after the object: "from X (and Y)", "with X", "by X"
                if requesters.is_empty() {
                    let mut j = k + obj_len;
                    let stop = (j + 8).min(words.len());
                    while j < stop {
                        if self.rules.event_words.requester_prepositions.contains(words[j]) {
                            requesters = self.actor_list_after(si, j + 1);
                            break;
                        }
                        if words[j] == "." {
                            break;
                        }
                        j += 1;
                    }
                }
                // "an invitation to meet his Hungarian counterpart, Jane Roe": the one to meet
                if requesters.is_empty() && self.rules.event_words.meeting_objects.contains(what.as_str()) {
                    let stop = (k + obj_len + 10).min(words.len());
                    requesters.extend(
                        self.by_sentence[si]
                            .clone()
                            .filter(|&mi| {
                                let m = &self.mentions[mi];
                                // "an invitation to meet Jane Roe", "invitations to visit Kyiv"
                                m.is_actor() && !m.in_quote && m.toks.start >= k + obj_len && m.toks.start < stop
                            })
                            .find_map(|mi| self.entity(mi)),
                    );
                }
                let refusers = self.actor_list_before(si, ti);
                let ev = self.sentence_evidence(si, "refusal.declined");
                // frames come in sentence order: only the last can be recent enough
                let frame = frames.last().filter(|f| f.sentence + 2 >= si).cloned();
                if !refusers.is_empty() {
                    if requesters.is_empty() {
                        // "Doe tried to reach him, but Roe refused to engage"
                        if let Some(f) = &frame {
                            let from_pairs: Vec<usize> =
                                f.pairs.iter().filter(|(_, t)| refusers.contains(t)).map(|(r, _)| *r).collect();
                            let reqs = if from_pairs.is_empty() { f.requesters.clone() } else { from_pairs };
                            for &r in &refusers {
                                for &q in &reqs {
                                    self.push_refusal(r, q, &what, ev.clone(), Some(f.sentence));
                                }
                            }
                        }
                    } else if refusers.len() == requesters.len() && refusers.len() > 1 {
                        // "A and B declined calls from C and D": in the order named
                        for (&r, &q) in refusers.iter().zip(&requesters) {
                            self.push_refusal(r, q, &what, ev.clone(), None);
                        }
                    } else {
                        for &r in &refusers {
                            for &q in &requesters {
                                self.push_refusal(r, q, &what, ev.clone(), None);
                            }
                        }
                    }
                } else if let Some(RequestFrame { sentence: fs, pairs, .. }) = frame {
                    // a group refuses ("the Russian leaders", "they", "both"): the frame says who
                    // asked whom
                    let group = words[..ti].iter().any(|w| {
                        self.rules.event_words.group_subjects.contains(*w) || self.rules.group_nouns.contains(*w)
                    });
                    if group {
                        for (r, t) in pairs {
                            self.push_refusal(t, r, &what, ev.clone(), Some(fs));
                        }
                    }
                }
                break;
            }
        }
    }

    /// The actors named right before token `ti` as its subject: one, or a list joined by
    /// "and" ("Roe and Doe declined"). Empty for groups and unresolved subjects.
    pub(super) fn actor_list_before(&self, si: usize, ti: usize) -> Vec<usize> {
        let Some(Subject::Actor { entity, mention }) = self.subject_before(si, ti, true) else { return Vec::new() };
        let mut out = vec![entity];
        let mut start = self.mentions[mention].toks.start;
        // a list has its "and" next to its last name ("A, B and C"); "the chief of X, Jane Roe,"
        // is an apposition
        let mut saw_and = false;
        while start >= 2 && matches!(self.w(si, start - 1), "and" | ",") {
            saw_and |= self.w(si, start - 1) == "and";
            if !saw_and {
                break;
            }
            let Some(prev) = self.mention_ending(si, start - 1) else { break };
            let Some(e) = self.subject_entity(prev) else { break };
            if !out.contains(&e) {
                out.insert(0, e);
            }
            start = self.mentions[prev].toks.start;
        }
        out
    }

    /// The actors named from token `ti` on, joined by "and" or commas ("from Roe and Doe").
    pub(super) fn actor_list_after(&self, si: usize, ti: usize) -> Vec<usize> {
        let mut out = Vec::new();
        // how each name after the first was joined: a list ends "..., B and C"; "from Roe, Doe's
        // spokesman said" names no second actor
        let mut joined_by_and = Vec::new();
        let mut k = ti;
        let mut and = false;
        while let Some(mi) = self.mention_starting(si, k) {
            let Some(e) = self.subject_entity(mi) else { break };
            if !out.contains(&e) {
                if !out.is_empty() {
                    joined_by_and.push(and);
                }
                out.push(e);
            }
            k = self.mentions[mi].toks.end;
            if matches!(self.w(si, k), "and" | ",") {
                and = self.w(si, k) == "and";
                k += 1;
                if self.w(si, k) == "and" {
                    and = true;
                    k += 1;
                }
            } else {
                break;
            }
        }
        while joined_by_and.last() == Some(&false) {
            joined_by_and.pop();
            out.pop();
        }
        out
    }

    pub(super) fn push_refusal(
        &mut self,
        refuser: usize,
        requester: usize,
        what: &str,
        ev: Evidence,
        frame_sentence: Option<usize>,
    ) {
        if refuser == requester {
            return;
        }
        // (refusals come in sentence order)
        if self.refusals_here.0 != ev.sentence {
            self.refusals_here = (ev.sentence, 0);
        }
        if self.refusals_here.1 >= MAX_FACTS_PER_SENTENCE {
            return;
        }
        self.refusals_here.1 += 1;
        let mut evidence = vec![ev];
        if let Some(fs) = frame_sentence.filter(|fs| *fs != evidence[0].sentence) {
            evidence.insert(0, self.sentence_evidence(fs, "refusal.request-frame"));
        }
        // evidence of one document is the same when its place and rule are
        let key = |r: usize, e: &Evidence| (r, e.sentence, e.start, e.end, e.rule.clone());
        if let Some(&r) = self.refusal_of.get(&(refuser, requester)) {
            for e in evidence {
                if self.refusal_evidence.insert(key(r, &e)) {
                    self.facts.refusals[r].evidence.push(e);
                }
            }
            return;
        }
        let r = self.facts.refusals.len();
        self.refusal_of.insert((refuser, requester), r);
        self.refusal_evidence.extend(evidence.iter().map(|e| key(r, e)));
        self.facts.refusals.push(DocRefusal { refuser, requester, what: what.to_string(), evidence });
    }

    /// Request frames of a sentence: "A and B have tried to reach (out to) their respective
    /// counterparts C and D" gives (A, C), (B, D); "A had tried to reach C, and that B had sought
    /// a call with D" gives (A, C), (B, D). Returns the pairs and every requester.
    pub(super) fn request_pairs(&self, si: usize, words: &[&str], ids: &[u32]) -> (Vec<(usize, usize)>, Vec<usize>) {
        let (cues, contact) = (&self.rules.phrases.frame, &self.rules.phrases.contact);
        // (found when a cue is: most sentences have none)
        let mut boundaries: Option<Vec<usize>> = None;
        let mut pairs = Vec::new();
        let mut all_requesters = Vec::new();
        let mut prev_end = 0;
        let mut ti = 0;
        while ti < words.len() {
            if !cues.contains(ids[ti]) || !ids[ti + 1..].iter().take(8).any(|&w| contact.contains(w)) {
                ti += 1;
                continue;
            }
            let clause_start =
                words[prev_end..ti].iter().rposition(|w| *w == "that").map(|i| prev_end + i + 1).unwrap_or(prev_end);
            let boundaries = boundaries.get_or_insert_with(|| {
                (0..words.len())
                    .filter(|&i| {
                        words[i] == ";"
                            || (words[i] == ","
                                && words.get(i + 1).is_some_and(|w| matches!(*w, "and" | "while" | "but")))
                    })
                    .collect()
            });
            let clause_end = boundaries.iter().copied().find(|&b| b > ti).unwrap_or(words.len());
            let mut requesters = Vec::new();
            let mut targets = Vec::new();
            for mi in self.by_sentence[si].clone() {
                let m = &self.mentions[mi];
                if !m.is_person() || m.in_quote {
                    continue;
                }
                let Some(e) = self.entity(mi) else { continue };
                if m.toks.start >= clause_start && m.toks.end <= ti && !requesters.contains(&e) {
                    requesters.push(e);
                } else if m.toks.start > ti && m.toks.end <= clause_end && !targets.contains(&e) {
                    targets.push(e);
                }
            }
            if requesters.is_empty() {
                if let Some(Subject::Actor { entity, .. }) = self.subject_before(si, ti, false) {
                    requesters.push(entity);
                }
            }
            let respective = words[ti..clause_end].iter().any(|w| self.rules.event_words.respective.contains(*w));
            if respective && requesters.len() == targets.len() {
                pairs.extend(requesters.iter().copied().zip(targets.iter().copied()));
            } else {
                // (every requester with every target: a long list of each would make a refusal
                // for most pairs, and there are at most MAX_FACTS_PER_SENTENCE of those)
                let room = MAX_FACTS_PER_SENTENCE.saturating_sub(pairs.len());
                pairs.extend(requesters.iter().flat_map(|&r| targets.iter().map(move |&t| (r, t))).take(room));
            }
            all_requesters.extend(requesters);
            prev_end = clause_end;
            ti = clause_end.max(ti + 1);
        }
        (pairs, all_requesters)
    }

    // ---------------------------------------------------------------- affiliations, successions
}
