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
        // "has not responded to requests from X for a call": a negated contact verb, a call after it
        let negated_call = (0..words.len()).any(|ti| {
            self.negates_verb(si, ti)
                && self.negated_verb(si, ti).is_some_and(|(j, n)| {
                    self.rules.refusal.negated[n].1 == "call"
                        && (j..words.len()).any(|k| self.refusal_object(&ids[k..]).is_some_and(|(_, w)| w == "call"))
                })
        });
        negated_call
            || self.lower.refusal_verbs(si).iter().any(|&(_, at)| {
                let mut k = at;
                while k < words.len()
                    && (p.skip.contains(ids[k]) || p.country_adjectives.contains(ids[k]) || words[k].ends_with("'s"))
                {
                    k += 1;
                }
                // "rejected Sweden's proposal"
                if let Some(mi) = self.mention_starting(si, k).filter(|&mi| self.mentions[mi].possessive) {
                    k = self.mentions[mi].toks.end;
                    while k < words.len() && p.skip.contains(ids[k]) {
                        k += 1;
                    }
                }
                self.refusal_object(&ids[k.min(words.len())..]).is_some()
            })
    }

    /// The refusable object at the start of `rest` (word ids): (its length in tokens, what is
    /// refused). None for "to comment", "to say" and other complements that make no refusal.
    pub(super) fn refusal_object(&self, rest: &[u32]) -> Option<(usize, String)> {
        self.refusal_object_of(rest).map(|(len, what, _)| (len, what))
    }

    /// [`Self::refusal_object`], and for a bare verb of `[needs-object]` (no refusable noun after
    /// it) the token of `rest`, past skipped words, where an actor must stand.
    fn refusal_object_of(&self, rest: &[u32]) -> Option<(usize, String, Option<usize>)> {
        let p = &self.rules.phrases;
        if p.refusal_not.matching_at(rest).next().is_some() {
            return None;
        }
        let objects = &self.rules.refusal.objects;
        let o = p.refusal_objects.matching_at(rest).next()?;
        let len = p.refusal_objects.words(o);
        if !objects[o].0.starts_with("to ") {
            return Some((len, objects[o].1.clone(), None));
        }
        // "refused to receive a phone call from", "declined to take his calls": the verb's own
        // object, when it is one, says what is refused
        let mut j = len;
        while j < rest.len() && p.skip.contains(rest[j]) {
            j += 1;
        }
        let noun = p.refusal_objects.matching_at(&rest[j..]).find(|&n| {
            let (phrase, what) = &objects[n];
            !phrase.starts_with("to ") && what != "request"
        });
        if let Some(n) = noun {
            return Some((j + p.refusal_objects.words(n), objects[n].1.clone(), None));
        }
        Some((len, objects[o].1.clone(), self.rules.refusal.needs_object.contains(&objects[o].0).then_some(j)))
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
            self.negated_refusals(si);
            let p = &self.rules.phrases;
            for &(ti, object_at) in lower.refusal_verbs(si) {
                if self.negated_before(words, ids, ti) {
                    continue;
                }
                // the object, after adverbs and determiners; "his"/"her" among them names the
                // requester ("rejected his repeated offers of talks")
                let mut k = object_at;
                let mut owner_tok = None;
                while k < words.len() && (p.skip.contains(ids[k]) || p.country_adjectives.contains(ids[k])) {
                    if matches!(words[k], "his" | "her") {
                        owner_tok = Some(k);
                    }
                    k += 1;
                }
                if owner_tok.is_none() && k < words.len() && matches!(words[k], "his" | "her") {
                    owner_tok = Some(k);
                    k += 1;
                    while k < words.len() && p.skip.contains(ids[k]) {
                        k += 1;
                    }
                }
                // a possessive requester: "declined Doe's calls"; a body or country naming the
                // object ("a White House invitation", "a Kremlin offer of talks") asks when no
                // one else does
                let mut requesters: Vec<usize> = Vec::new();
                let mut modifier = None;
                if let Some(mi) = self.mention_starting(si, k) {
                    let end = self.mentions[mi].toks.end;
                    if self.mentions[mi].possessive {
                        requesters.extend(self.entity(mi));
                        k = end;
                    } else if !self.mentions[mi].is_person()
                        && self.mentions[mi].is_actor()
                        && self.refusal_object(&ids[end..]).is_some()
                    {
                        modifier = self.subject_entity(mi);
                        k = end;
                    }
                }
                let Some((obj_len, what, actor_at)) = self.refusal_object_of(&ids[k..]) else { continue };
                // "refused to receive Jane Roe", not "refused to receive aid"
                if actor_at
                    .is_some_and(|j| self.mention_starting(si, k + j).is_none_or(|mi| !self.mentions[mi].is_actor()))
                {
                    continue;
                }
                // the requesters after the object: "from X (and Y)", "with X", "by X", "of their
                // Greek counterparts"; the two people of "a call between A and B"
                let mut between = None;
                {
                    let mut j = k + obj_len;
                    let stop = (j + 8).min(words.len());
                    while j < stop {
                        if self.rules.event_words.pair_prepositions.contains(words[j]) {
                            between = self.pair_after(si, j + 1).map(|(a, b)| (a, b, j));
                            break;
                        }
                        // ("cancelled his visit to Oslo": where one goes is no one who asked)
                        if what == "visit" && words[j] == "to" {
                            break;
                        }
                        if requesters.is_empty() && self.rules.event_words.requester_prepositions.contains(words[j]) {
                            requesters = self.actor_list_after(si, j + 1);
                            if requesters.is_empty() {
                                requesters.extend(self.country_group_after(si, j + 1));
                            }
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
                // frames come in sentence order: only the last can be recent enough
                let frame = frames.last().filter(|f| f.sentence + 2 >= si).cloned();
                // a group refuses ("the Russian leaders", "they", "both"): a frame says who asked whom
                let group = words[..ti]
                    .iter()
                    .any(|w| self.rules.event_words.group_subjects.contains(*w) || self.rules.group_nouns.contains(*w));
                let mut refusers = self.actor_list_before(si, ti);
                if refusers.is_empty() && !(group && frame.is_some()) {
                    // "the Danish side rejected", "Chinese ministers had refused": the country
                    refusers.extend(self.country_group_before(si, ti));
                }
                // ("cancelled his visit": his own)
                if requesters.is_empty() && what != "visit" {
                    if let Some(o) = owner_tok {
                        requesters.extend(self.possessive_owner(si, o, &refusers));
                    }
                }
                // (a "proposal" of a body may be of anything: only contact is asked for)
                if requesters.is_empty() && self.rules.event_words.meeting_objects.contains(what.as_str()) {
                    requesters.extend(modifier);
                }
                let ev = self.sentence_evidence(si, "refusal.declined");
                if let Some((a, b, at)) = between {
                    self.between_refusals(si, at, (a, b), &refusers, &requesters, &what);
                    if requesters.is_empty() && !refusers.is_empty() {
                        // the institution-level reading: the refusing side refused the asker
                        if let Some((_, asker)) = self.refusing_side(si, at, (a, b), &refusers, &requesters) {
                            requesters.push(asker);
                        }
                    }
                }
                if !refusers.is_empty() {
                    if requesters.is_empty() {
                        // "Doe tried to reach him, but Roe refused to engage"
                        let mut from_frame = false;
                        if let Some(f) = &frame {
                            let from_pairs: Vec<usize> =
                                f.pairs.iter().filter(|(_, t)| refusers.contains(t)).map(|(r, _)| *r).collect();
                            let reqs = if from_pairs.is_empty() { f.requesters.clone() } else { from_pairs };
                            for &r in &refusers {
                                for &q in &reqs {
                                    from_frame |= r != q;
                                    self.push_refusal(r, q, &what, ev.clone(), Some(f.sentence));
                                }
                            }
                        }
                        // "Doe phoned Roe, but he refused to take the call": who phoned
                        if !from_frame && what == "call" && self.definite_reference(words, object_at, k + obj_len) {
                            if let Some(q) = self.caller_before(si, ti, &refusers) {
                                let ev = self.sentence_evidence(si, "refusal.reference");
                                for &r in &refusers {
                                    self.push_refusal(r, q, &what, ev.clone(), None);
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

    /// Negated contact verbs ("will not meet X", "would not take his calls", "did not respond to
    /// calls from X"): `[negated]` of refusal_cues.tsv right after a negation.
    fn negated_refusals(&mut self, si: usize) {
        let lower = self.lower;
        let (words, ids) = (lower.words(si), lower.ids(si));
        let p = &self.rules.phrases;
        for ti in 0..words.len() {
            if !self.negates_verb(si, ti) {
                continue;
            }
            let verb = self.negated_verb(si, ti);
            // "will not call Jane Roe", "won't phone Roe": a call refused to the person after
            if verb.is_none() {
                self.negated_call_verb(si, ti);
                continue;
            }
            let Some((j, n)) = verb else { continue };
            let what = self.rules.refusal.negated[n].1.clone();
            let after = j + p.refusal_negated.words(n);
            let refusers = self.actor_list_before(si, ti);
            if refusers.is_empty() {
                continue;
            }
            let mut requesters = Vec::new();
            let mut reference = false;
            if what == "call" {
                // a call within six words: "his calls", "Doe's call", "calls from Doe", "it", "a
                // routine daily liaison phone call"
                let mut stop = (after + 6).min(words.len());
                let mut k = after;
                let mut owner = None;
                // who asked, named before the call ("requests from Jane Roe for a call")
                let (mut asked_by, mut asked_end) = (Vec::new(), after);
                while k < stop {
                    if matches!(words[k], "it" | "them") {
                        reference = true;
                        break;
                    }
                    // "has not responded to requests from Jane Roe for a call"
                    if asked_by.is_empty() && self.rules.event_words.requester_prepositions.contains(words[k]) {
                        (asked_by, asked_end) = self.actor_list_after_to(si, k + 1);
                        // (the name and its titles stand between: look a little further)
                        if !asked_by.is_empty() {
                            stop = (asked_end + 4).min(words.len());
                        }
                    }
                    if matches!(words[k], "his" | "her") {
                        owner = Some(k);
                    } else if let Some(mi) = self.mention_starting(si, k).filter(|&mi| self.mentions[mi].possessive) {
                        requesters.extend(self.entity(mi));
                        k = self.mentions[mi].toks.end;
                        continue;
                    }
                    if let Some((len, _)) = self.refusal_object(&ids[k..]).filter(|(_, w)| w == "call") {
                        let next = k + len;
                        // ("questions from Jane Roe about the call" asked for none)
                        let p = &self.rules.phrases;
                        if (asked_end..k).all(|j| words[j] == "for" || p.skip.contains(ids[j])) {
                            requesters = std::mem::take(&mut asked_by);
                        }
                        if requesters.is_empty()
                            && next < words.len()
                            && self.rules.event_words.requester_prepositions.contains(words[next])
                        {
                            requesters = self.actor_list_after(si, next + 1);
                            if requesters.is_empty() {
                                requesters.extend(self.country_group_after(si, next + 1));
                            }
                        }
                        if requesters.is_empty() {
                            if let Some(o) = owner {
                                requesters.extend(self.possessive_owner(si, o, &refusers));
                            }
                        }
                        // "did not answer calls" names no one; "did not take the call" refers to one
                        reference = requesters.is_empty() && self.definite_reference(words, after, next);
                        break;
                    }
                    k += 1;
                }
            } else if what == "invitation" {
                // "will not attend Jane Roe's inauguration": the host invited
                let k = after + usize::from(words.get(after) == Some(&"the"));
                if let Some(mi) = self.mention_starting(si, k) {
                    if self.mentions[mi].possessive && self.mentions[mi].is_person() {
                        requesters.extend(self.entity(mi));
                    }
                }
            } else if self.mention_starting(si, after).is_none_or(|mi| !self.mentions[mi].possessive) {
                // "will not meet Jane Roe", "will not meet with his Danish counterpart Jane Roe"
                requesters = self.actor_list_after(si, after);
            }
            if requesters.is_empty() && reference {
                requesters.extend(self.caller_before(si, ti, &refusers));
            }
            let ev = self.sentence_evidence(si, "refusal.negated");
            for &r in &refusers {
                for &q in &requesters {
                    self.push_refusal(r, q, &what, ev.clone(), None);
                }
            }
        }
    }

    /// Does token `ti` negate the verb after it ("not", "never", "didn't"; not "no" or "without",
    /// which negate a noun)?
    fn negates_verb(&self, si: usize, ti: usize) -> bool {
        let w = self.lower.words(si)[ti];
        (self.rules.phrases.negation.contains(self.lower.ids(si)[ti]) || w.ends_with("n't"))
            && !matches!(w, "no" | "without")
    }

    /// The `[negated]` phrase right after the negation at token `ti`, or after one adverb ("did
    /// not even answer"): (its token, its index).
    fn negated_verb(&self, si: usize, ti: usize) -> Option<(usize, usize)> {
        let (words, ids) = (self.lower.words(si), self.lower.ids(si));
        let p = &self.rules.phrases;
        [ti + 1, ti + 2].into_iter().filter(|&j| j < words.len()).find_map(|j| {
            // ("would not be attending")
            if j == ti + 2 && !self.rules.lexicon.gap.contains(words[ti + 1]) && !matches!(words[ti + 1], "even" | "be")
            {
                return None;
            }
            // the longest phrase: "meet with", not "meet"
            p.refusal_negated.matching_at(&ids[j..]).max_by_key(|&n| p.refusal_negated.words(n)).map(|n| (j, n))
        })
    }

    /// "X will not call Jane Roe", "X won't phone Roe": a negation in the future or a modal
    /// (`[future-tense]`, "would") right before a `[negated-call-verbs]` verb and a person.
    fn negated_call_verb(&mut self, si: usize, ti: usize) {
        let words = self.lower.words(si);
        let future = |w: &str| self.rules.event_words.future_tense.contains(w) || matches!(w, "would" | "wouldn't");
        let modal = future(words[ti]) || (ti >= 1 && future(words[ti - 1]));
        let j = ti + 1;
        if !modal || j >= words.len() || !self.rules.refusal.negated_call_verbs.contains(words[j]) {
            return;
        }
        let Some(mi) = self.mention_starting(si, j + 1) else { return };
        if !self.mentions[mi].is_person() || self.mentions[mi].possessive || self.mentions[mi].in_quote {
            return;
        }
        let refusers = self.actor_list_before(si, ti);
        let Some(q) = self.subject_entity(mi) else { return };
        let ev = self.sentence_evidence(si, "refusal.negated");
        for r in refusers {
            self.push_refusal(r, q, "call", ev.clone(), None);
        }
    }

    /// The two actors of "between A and (her counterpart) B" from token `k` on.
    pub(super) fn pair_after(&self, si: usize, k: usize) -> Option<(usize, usize)> {
        let first = self.mention_starting(si, k)?;
        let a = self.subject_entity(first)?;
        let end = self.mentions[first].toks.end;
        if self.w(si, end) != "and" {
            return None;
        }
        let (words, ids) = (self.lower.words(si), self.lower.ids(si));
        // "and her counterpart Gen. B", "and Swedish Prime Minister B"
        for j in end..(end + 5).min(words.len()) {
            if let Some(b) = self.mention_starting(si, j).and_then(|mi| self.subject_entity(mi)) {
                return (b != a).then_some((a, b));
            }
            let filler = j == end
                || matches!(words[j], "his" | "her" | "their" | "its" | ",")
                || self.rules.event_words.counterpart_words.contains(words[j])
                || self.rules.phrases.country_adjectives.contains(ids[j]);
            if !filler {
                return None;
            }
        }
        None
    }

    /// Does the refused call refer to one already named ("the call", "it", "that call")? Words
    /// `from..to` of the sentence (the object and what stands before it).
    fn definite_reference(&self, words: &[&str], from: usize, to: usize) -> bool {
        let to = (to + 3).min(words.len());
        words[from.min(to)..to].iter().any(|w| matches!(*w, "the" | "that" | "this" | "it" | "them"))
    }

    /// Who phoned in the words before token `ti` of sentence `si`, or in the call of the sentence
    /// before that the refuser took part in: the requester of "but he refused to take the call".
    fn caller_before(&self, si: usize, ti: usize, refusers: &[usize]) -> Option<usize> {
        let (words, ids) = (self.lower.words(si), self.lower.ids(si));
        let p = &self.rules.phrases;
        for k in 0..ti {
            let verb = p.caller.contains(ids[k]) || p.call_verbs.matching_at(&ids[k..]).next().is_some();
            if !verb || words[k] == "calls" {
                continue;
            }
            if let Some(Subject::Actor { entity, .. }) = self.subject_before(si, k, false) {
                if !refusers.contains(&entity) {
                    return Some(entity);
                }
            }
        }
        let prev = si.checked_sub(1)?;
        let call = self.facts.calls.iter().rev().find(|c| {
            c.evidence.iter().any(|(e, _)| e.sentence == prev) && refusers.iter().all(|r| c.participants.contains(r))
        })?;
        call.initiator
            .filter(|i| !refusers.contains(i))
            .or_else(|| call.participants.iter().copied().find(|q| !refusers.contains(q)))
    }

    /// The person "his"/"her" at token `tok` refers to: the last person named before it in the
    /// sentence, else the subject of one of the two sentences before; never a refuser.
    fn possessive_owner(&self, si: usize, tok: usize, refusers: &[usize]) -> Option<usize> {
        let same = self.by_sentence[si].clone().rev().find_map(|mi| {
            let m = &self.mentions[mi];
            let e = self.entity(mi)?;
            (m.is_person() && !m.in_quote && m.toks.end <= tok && !refusers.contains(&e)).then_some(e)
        });
        same.or_else(|| {
            (1..=2).filter_map(|back| si.checked_sub(back)).find_map(|prev| {
                self.by_sentence[prev].clone().find_map(|mi| {
                    let m = &self.mentions[mi];
                    let e = self.entity(mi)?;
                    (m.is_person() && !m.in_quote && !m.possessive && !refusers.contains(&e)).then_some(e)
                })
            })
        })
    }

    /// The country a group stands for right before the verb at `ti`: "the Danish side",
    /// "Chinese ministers had", "South Korean officials" (a country adjective and a
    /// `[country-groups]` noun).
    fn country_group_before(&mut self, si: usize, ti: usize) -> Vec<usize> {
        let mut k = ti;
        while k > 0 && ti - k < 3 && self.rules.lexicon.gap.contains(self.w(si, k - 1)) {
            k -= 1;
        }
        if k < 2 || !self.rules.event_words.country_groups.contains(self.lower.words(si)[k - 1]) {
            return Vec::new();
        }
        (1..=2)
            .filter_map(|len| Some((k.checked_sub(1 + len)?, len)))
            .find_map(|(at, len)| self.country_at(si, at, len))
            .into_iter()
            .collect()
    }

    /// The country a group stands for from token `k` on: "(of) their Greek counterparts".
    fn country_group_after(&mut self, si: usize, mut k: usize) -> Option<usize> {
        let words = self.lower.words(si);
        if k < words.len() && matches!(words[k], "the" | "their" | "its" | "his" | "her") {
            k += 1;
        }
        (1..=2).find_map(|len| {
            let noun = words.get(k + len)?;
            if !self.rules.event_words.country_groups.contains(*noun) {
                return None;
            }
            self.country_at(si, k, len)
        })
    }

    /// The country entity of the country adjective of `len` tokens at token `k` ("Danish",
    /// "South Korean"), made if missing.
    fn country_at(&mut self, si: usize, k: usize, len: usize) -> Option<usize> {
        let adjective = if len == 1 {
            self.w(si, k).to_string()
        } else {
            (k..k + len).map(|j| self.w(si, j)).collect::<Vec<_>>().join(" ")
        };
        let c = *self.rules.country_adjectives.get(adjective.as_str())?;
        let found = self.res.entities.iter().position(|e| {
            e.kind == crate::resolve::EntityKind::Institution
                && e.country == Some(c)
                && e.label == self.rules.countries[c].name
        });
        Some(found.unwrap_or_else(|| {
            let mut known = Default::default();
            self.country_entity(c, &mut known)
        }))
    }

    /// Of the two people of "a call between A and B" (the preposition at token `at`): (the one
    /// on the refusing side, the other). The refuser's country, else the requester's, decides;
    /// failing both, "A and her counterpart B" makes B the refusing side.
    fn refusing_side(
        &self,
        si: usize,
        at: usize,
        (a, b): (usize, usize),
        refusers: &[usize],
        requesters: &[usize],
    ) -> Option<(usize, usize)> {
        let country = |e: usize| self.country_of(e).or(self.res.entities[e].country);
        let side = |list: &[usize]| list.first().and_then(|&e| if e == a || e == b { None } else { country(e) });
        let (ca, cb) = (self.country_of(a), self.country_of(b));
        if let Some(c) = side(refusers) {
            if ca == Some(c) && cb != Some(c) {
                return Some((a, b));
            }
            if cb == Some(c) && ca != Some(c) {
                return Some((b, a));
            }
        }
        if let Some(c) = side(requesters) {
            if ca == Some(c) && cb != Some(c) {
                return Some((b, a));
            }
            if cb == Some(c) && ca != Some(c) {
                return Some((a, b));
            }
        }
        let words = self.lower.words(si);
        let and = (at + 1..words.len()).find(|&j| words[j] == "and")?;
        let counterpart = words[and + 1..(and + 4).min(words.len())]
            .iter()
            .any(|w| self.rules.event_words.counterpart_words.contains(*w));
        counterpart.then_some((b, a))
    }

    /// The person-level refusal of "declined a request for a call between A and B".
    fn between_refusals(
        &mut self,
        si: usize,
        at: usize,
        pair: (usize, usize),
        refusers: &[usize],
        requesters: &[usize],
        what: &str,
    ) {
        if !(self.is_person_entity(pair.0) && self.is_person_entity(pair.1)) {
            return;
        }
        if let Some((r, q)) = self.refusing_side(si, at, pair, refusers, requesters) {
            let ev = self.sentence_evidence(si, "refusal.between");
            self.push_refusal(r, q, what, ev, None);
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
        self.actor_list_after_to(si, ti).0
    }

    /// [`Self::actor_list_after`], and the token after the last name of the list.
    fn actor_list_after_to(&self, si: usize, ti: usize) -> (Vec<usize>, usize) {
        let mut out = Vec::new();
        // where each actor's name ends
        let mut ends = Vec::new();
        // how each name after the first was joined: a list ends "..., B and C"; "from Roe, Doe's
        // spokesman said" names no second actor
        let mut joined_by_and = Vec::new();
        let mut k = self.past_relation_words(si, ti);
        let mut and = false;
        while let Some(mut mi) = self.mention_starting(si, k) {
            // "from Ruritania's Jane Roe": the person, not her country
            if self.mentions[mi].possessive {
                if let Some(next) = self.mention_starting(si, self.mentions[mi].toks.end) {
                    if self.mentions[next].is_person() {
                        mi = next;
                    }
                }
            }
            let Some(e) = self.subject_entity(mi) else { break };
            k = self.mentions[mi].toks.end;
            match out.iter().position(|&x| x == e) {
                Some(at) => ends[at] = k,
                None => {
                    if !out.is_empty() {
                        joined_by_and.push(and);
                    }
                    out.push(e);
                    ends.push(k);
                }
            }
            if matches!(self.w(si, k), "and" | ",") {
                and = self.w(si, k) == "and";
                k += 1;
                if self.w(si, k) == "and" {
                    and = true;
                    k += 1;
                }
                k = self.past_relation_words(si, k);
            } else {
                break;
            }
        }
        while joined_by_and.last() == Some(&false) {
            joined_by_and.pop();
            out.pop();
            ends.pop();
        }
        let end = ends.iter().copied().max().unwrap_or(ti);
        (out, end)
    }

    /// Token `k` past the words that tie a name to someone named before ("his", "their",
    /// "counterpart"): "from her counterpart Jane Roe" names Jane Roe.
    fn past_relation_words(&self, si: usize, mut k: usize) -> usize {
        let words = self.lower.words(si);
        while k < words.len()
            && self.mention_starting(si, k).is_none()
            && (matches!(words[k], "his" | "her" | "their" | "its")
                || self.rules.event_words.counterpart_words.contains(words[k]))
        {
            k += 1;
        }
        k
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
        let date = evidence.iter().rev().find_map(|e| self.event_date(e.sentence));
        self.facts.refusals.push(DocRefusal { refuser, requester, what: what.to_string(), date, evidence });
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
