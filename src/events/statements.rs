//! Statements: who said what, to whom.
//!
//! Anchored on a cue verb from `speech_verbs.tsv` outside quotation marks. The speaker stands
//! before it (skipping an apposition or ", however,"), after it when inverted (", said Doe"), or is
//! a pronoun resolved to the last speaker. The words stand before the speaker when the cue closes
//! the sentence (`"...," Doe said.`), else after the cue (and after a "that" within a few words).
//! "According to X" works both ways. A sentence that is a bare quotation continues the previous
//! sentence's speaker.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::facts::DocStatement;
use crate::mentions::MentionKind;
use crate::rules::Frame;
use crate::text::{TokKind, is_abbreviation_before};

use super::context::{Subject, is_open_quote, is_quote};
use super::{Ctx, MAX_FACTS_PER_SENTENCE, MAX_QUOTED_PER_SENTENCE};

/// A statement found: who, the byte span of the words (and of their continuation after the
/// cue), the audience or target, the cue word and the rule.
pub(super) struct Said<'a> {
    speaker: usize,
    speaker_mi: Option<usize>,
    words: Range<usize>,
    extra: Option<Range<usize>>,
    target: Option<(usize, &'static str)>,
    cue: &'a str,
    rule: &'a str,
}

/// Quoted words longer than this (bytes) are stored one statement a sentence of them.
const LONG_QUOTE: usize = 400;

/// The sentences of a long quotation: cut after ".", "!" or "?" and a space before a capital
/// letter or an opening quotation mark, not after an abbreviation ("Mr.", "U.S.", as the
/// segmenter reads them: [`crate::text::is_abbreviation_before`]). Parts with fewer than three
/// letters or digits join the one before.
pub(super) fn split_sentences(quote: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut start = 0;
    let b = quote.as_bytes();
    for (i, c) in quote.char_indices() {
        if !matches!(c, '.' | '!' | '?') || b.get(i + 1) != Some(&b' ') {
            continue;
        }
        let next = quote[i + 2..].chars().next().unwrap_or(' ');
        if !(next.is_uppercase() || matches!(next, '"' | '\u{201c}' | '\u{2018}' | '\'')) {
            continue;
        }
        if c == '.' && is_abbreviation_before(quote, i) {
            continue;
        }
        parts.push(quote[start..=i].to_string());
        start = i + 2;
    }
    parts.push(quote[start..].to_string());
    let mut out: Vec<String> = Vec::new();
    for p in parts {
        match out.last_mut() {
            Some(last) if p.chars().filter(|c| c.is_alphanumeric()).take(3).count() < 3 => {
                last.push(' ');
                last.push_str(&p);
            }
            _ => out.push(p),
        }
    }
    out
}

/// The words of a statement as one line: white space collapsed, outer commas dropped.
pub(super) fn clean_words(s: &str) -> String {
    // (one pass over the bytes that copies each word whole and counts the quotation marks on the
    // way; only a byte past ASCII is decoded, to tell Unicode white space and curly quotes)
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let (mut straight, mut open, mut close) = (0, 0, 0);
    // where the word being read starts: after the last white space
    let (mut i, mut start) = (0, 0);
    loop {
        // (letters, digits and most marks go by as they are)
        i += bytes[i..].iter().position(|&b| b <= b' ' || b >= 0x80 || b == b'"').unwrap_or(bytes.len() - i);
        let (white, len) = match bytes.get(i) {
            None => (true, 0),
            Some(b'"') => {
                straight += 1;
                (false, 1)
            }
            Some(&b) if b < 0x80 => (matches!(b, b'\t'..=b'\r' | b' '), 1),
            Some(_) => {
                let c = s[i..].chars().next().unwrap_or_default();
                open += usize::from(c == '\u{201c}');
                close += usize::from(c == '\u{201d}');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if white {
            if start < i {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[start..i]);
            }
            start = i + len;
        }
        if i >= bytes.len() {
            break;
        }
        i += len;
    }
    // (the outer marks trimmed below hold no quotation mark)
    let outer = |c: char| c == ',' || c == ' ' || c == ':';
    let start = out.len() - out.trim_start_matches(outer).len();
    out.truncate(out.trim_end_matches(outer).len().max(start));
    out.drain(..start);
    // an opening quote whose closing quote fell outside the words
    let balanced = if straight > 0 { straight % 2 == 0 } else { open == close };
    if balanced {
        return out;
    }
    match out.strip_prefix(['"', '\u{201c}']) {
        Some(rest) => {
            let cut = out.len() - rest.trim_start().len();
            out.drain(..cut);
            out
        }
        None => out,
    }
}

/// The tail of a cue: up to the next comma or the end of the sentence.
pub(super) struct Tail {
    /// the token that ends it
    end: usize,
    /// the words in it
    words: usize,
    /// does it hold "that"?
    has_that: bool,
}

impl<'a> Ctx<'a> {
    pub(super) fn statements(&mut self) {
        for si in 0..self.seg.sentences.len() {
            let before = self.facts.statements.len();
            self.quoted = (before, 0);
            let ts_len = self.ts(si).len();
            let (lower, speech) = (self.lower, &self.rules.phrases.speech_lower);
            let (words, ids) = (lower.words(si), lower.ids(si));
            for ti in 0..ts_len {
                let tok = self.ts(si)[ti];
                // (a word is a cue only if its lower-case form is one, and "According" is
                // "according": look no further at other words)
                let maybe = speech.contains(ids[ti]) || self.rules.event_words.according_starts(words[ti]);
                if tok.kind != TokKind::Word || !maybe || self.seg.in_quote(tok.start) {
                    continue;
                }
                let w = tok.text(self.text);
                if let Some(phrase) = self.rules.event_words.according_at(w, self.w(si, ti + 1)) {
                    self.according(si, ti, phrase);
                    continue;
                }
                if let Some(&frame) = self.rules.speech.get(w) {
                    self.cue(si, ti, frame);
                }
            }
            if self.facts.statements.len() == before {
                self.colon_quote(si);
            }
            if self.facts.statements.len() == before {
                self.bare_quote(si);
            }
        }
        // one statement per speaker and words in a document
        let mut seen = BTreeSet::new();
        self.facts.statements.retain(|s| seen.insert((s.speaker, s.quote.clone())));
    }

    pub(super) fn push_statement(&mut self, si: usize, said: Said<'_>) {
        let Said { speaker, speaker_mi, words, extra, target, cue, rule } = said;
        // (statements come in sentence order: those of `si` are the last ones, with `quoted` bytes)
        let span_len = |r: &Range<usize>| r.end.saturating_sub(r.start);
        let here = self.facts.statements.len() - self.quoted.0;
        let quoted = self.quoted.1 + span_len(&words) + extra.as_ref().map_or(0, span_len);
        if here >= MAX_FACTS_PER_SENTENCE || quoted > MAX_QUOTED_PER_SENTENCE * span_len(&self.sentence_span(si)) {
            return;
        }
        let mut quote = clean_words(&self.text[words.clone()]);
        if let Some(x) = extra.clone() {
            quote.push_str(" \u{2026} ");
            quote.push_str(&clean_words(&self.text[x]));
        }
        if quote.chars().filter(|c| c.is_alphanumeric()).take(3).count() < 3 {
            return;
        }
        let direct = self.seg.quotes_in(words.clone()).next().is_some();
        let target = target.or_else(|| {
            // the first other actor named in the words
            self.by_sentence[si].clone().find_map(|mi| {
                let m = &self.mentions[mi];
                let e = self.entity(mi)?;
                (m.span.start >= words.start && m.span.end <= words.end && e != speaker && m.is_actor())
                    .then_some((e, "subject"))
            })
        });
        if let Some(mi) = speaker_mi {
            // (the words of an act, "urged Doe to ...", "expressed concern during a call with Doe",
            // are no report: their speaker stays a candidate to take part in a call)
            let act = matches!(rule, "statement.warned" | "statement.pledged" | "statement.stance");
            self.speaker_mentions[si].push((mi, (!act).then_some(words.start)));
        }
        let span = self.sentence_span(si);
        let ev = self.evidence(si, span, rule);
        self.quoted.1 = quoted;
        // a long quotation of several sentences: one statement a sentence of it
        let parts = if quote.len() > LONG_QUOTE { split_sentences(&quote) } else { vec![quote] };
        for quote in parts {
            self.facts.statements.push(DocStatement {
                speaker,
                target: target.map(|t| t.0),
                target_role: target.map(|t| t.1).unwrap_or("none"),
                quote,
                direct,
                cue: cue.to_string(),
                evidence: ev.clone(),
            });
        }
    }

    /// "Roe told Doe that ..., the ministry said": the words of an inner statement end before the
    /// comma that opens the outer cue.
    pub(super) fn outer_cue_before_end(&self, si: usize, from: usize) -> Option<usize> {
        let ts = self.ts(si);
        (from..ts.len()).find_map(|j| {
            if self.w(si, j) != "," || self.seg.in_quote(ts[j].start) {
                return None;
            }
            let mi = self.mention_starting(si, j + 1)?;
            let after = self.mentions[mi].toks.end;
            // the cue closes the sentence: a short tail after it and no "that"
            let cue = (after..(after + 3).min(ts.len())).find(|&c| {
                matches!(self.rules.speech.get(self.w(si, c)), Some(Frame::Plain | Frame::That | Frame::Audience))
            })?;
            // at most five words after it, none of them "that" (six words tell: no need to read on)
            let mut tail =
                (cue + 1..ts.len()).map(|t| self.w(si, t)).filter(|w| w.chars().any(char::is_alphanumeric)).take(6);
            let closes = tail.by_ref().take(5).all(|w| w != "that") && tail.next().is_none();
            (closes && j > from).then(|| ts[j - 1].full_end)
        })
    }

    /// Start of the sentence's words, after bullets and dashes.
    pub(super) fn words_start(&self, si: usize) -> usize {
        let ts = self.ts(si);
        let mut k = 0;
        while k < ts.len() && ts[k].kind == TokKind::Punct && !is_quote(ts[k].text(self.text)) {
            k += 1;
        }
        ts.get(k).map(|t| t.start).unwrap_or(self.sentence_span(si).start)
    }

    /// End of the sentence's words, before the final full stop.
    pub(super) fn words_end(&self, si: usize) -> usize {
        let ts = self.ts(si);
        let mut k = ts.len();
        while k > 0 && matches!(ts[k - 1].text(self.text), "." | "!" | "?" | ",") {
            k -= 1;
        }
        ts.get(k.saturating_sub(1)).map(|t| t.full_end).unwrap_or(self.sentence_span(si).end)
    }

    /// A statement cue at token `ti` of sentence `si`, read by its frame: the speaker, the object
    /// (audience or target) and the words, before the speaker or after the cue.
    pub(super) fn cue(&mut self, si: usize, ti: usize, frame: Frame) {
        let cue = self.w(si, ti);
        let prev = if ti > 0 { self.w(si, ti - 1) } else { "" };
        // "called him a liar", "called the talks 'candid'" are statements; "called him on
        // Tuesday" is a call; "called on Moscow to stop" is an appeal to Moscow
        let called_on = frame == Frame::Naming && self.w(si, ti + 1) == "on";
        let frame = if called_on { Frame::Target } else { frame };
        if frame == Frame::Naming && !self.names_something(si, ti) {
            return;
        }
        if frame == Frame::Participle {
            self.participle(si, ti, cue);
            return;
        }
        // inverted: `"...," said Doe` / `..., said the ministry`
        let inverted = (prev == "," || matches!(prev, "\"" | "\u{201d}")) && frame == Frame::Plain;
        if inverted && self.inverted_statement(si, ti, cue) {
            return;
        }
        let (speaker, smi, phrase_start) = match self.subject_before(si, ti, false) {
            Some(Subject::Actor { entity, mention }) => (entity, Some(mention), self.speaker_phrase_start(si, mention)),
            None => match self.document_speaker(si, ti) {
                Some((entity, start)) => (entity, None, start),
                None => return,
            },
            Some(Subject::Group { .. }) => return,
        };
        let (k, target) = self.cue_object(si, ti + 1 + usize::from(called_on), frame);
        // (the appeal keeps its "on": its event code is not the naming cue's)
        let cue = if called_on { "called on" } else { cue };
        let said = Said { speaker, speaker_mi: smi, words: 0..0, extra: None, target, cue, rule: "" };
        let tail = self.cue_tail(si, k);
        if self.words_go_back(si, k, frame, phrase_start, &tail) {
            self.backward_statement(si, phrase_start, tail.end, said);
        } else {
            self.forward_statement(si, ti, k, frame, said);
        }
    }

    /// "The readout said ...": a document of [bare-documents] with no owner named speaks for
    /// the last speaker of the three sentences before (who issued it). The speaker and where the
    /// subject's phrase starts.
    fn document_speaker(&self, si: usize, ti: usize) -> Option<(usize, usize)> {
        let ew = &self.rules.event_words;
        // the document right before the cue (an adverb between: "the statement also said")
        let mut d = ti.checked_sub(1)?;
        while d > 0 && self.rules.lexicon.gap.contains(self.w(si, d)) && !ew.bare_documents.contains(self.w(si, d)) {
            d -= 1;
        }
        if !ew.bare_documents.contains(self.w(si, d)) {
            return None;
        }
        // with its article or a modifier or two: "The joint statement", "A Kremlin readout"
        let start =
            (d.saturating_sub(3)..d).find(|&j| matches!(self.w(si, j), "The" | "the" | "A" | "a" | "An" | "an"))?;
        if (start + 1..d).any(|j| self.mention_starting(si, j).is_some()) {
            return None;
        }
        // "Jane Roe released a statement. '...,' the statement read.": who issued it, else the
        // last speaker
        let document = self.lower.words(si)[d];
        let issuer = (1..=3).filter_map(|back| si.checked_sub(back)).find_map(|prev| {
            let at = self.lower.words(prev).iter().position(|w| *w == document)?;
            match self.sentence_subject(prev, at) {
                Some(Subject::Actor { entity, .. }) => Some(entity),
                _ => None,
            }
        });
        let speaker = match issuer {
            Some(e) => e,
            None => self.recent_statements(si, false).next()?.speaker,
        };
        Some((speaker, start))
    }

    /// "called him a liar", "called the talks 'candid'": a naming cue says something when a
    /// name is followed by an article or a quotation, or a quotation follows soon.
    fn names_something(&self, si: usize, ti: usize) -> bool {
        match self.mention_starting(si, ti + 1) {
            Some(obj) => {
                let after = self.w(si, self.mentions[obj].toks.end);
                matches!(after, "a" | "an" | "the" | "\"" | "\u{201c}")
            }
            None => (ti + 1..(ti + 6).min(self.ts(si).len())).any(|j| is_open_quote(self.w(si, j))),
        }
    }

    /// `..., said Jane Roe.` / `, said the ministry, per Reuters`: the speaker ends the clause,
    /// the words stand before the cue. True when the cue is read so (`, said the prime minister
    /// "had no time"` has its speaker before the cue: false).
    fn inverted_statement(&mut self, si: usize, ti: usize, cue: &'a str) -> bool {
        let named = self.mention_starting(si, ti + 1).filter(|&mi| {
            let after = self.w(si, self.mentions[mi].toks.end);
            !matches!(self.mentions[mi].kind, MentionKind::Pronoun(_))
                && (matches!(after, "" | "," | "." | ";" | "!" | "?") || self.rules.lexicon.gap.contains(after))
        });
        let Some((mi, e)) = named.and_then(|mi| Some((mi, self.subject_entity(mi)?))) else { return false };
        // `"...," said Roe`: the words end with the closing quote
        let prev_tok = self.ts(si)[ti - 1];
        let end = if is_quote(prev_tok.text(self.text)) { prev_tok.end } else { prev_tok.start };
        let start = self.words_start(si);
        if end > start {
            let rule = "statement.said-inverted";
            let said =
                Said { speaker: e, speaker_mi: Some(mi), words: start..end, extra: None, target: None, cue, rule };
            self.push_statement(si, said);
        }
        true
    }

    /// Where the speaker's phrase starts: at its article, and the apposition case at the person.
    fn speaker_phrase_start(&self, si: usize, smi: usize) -> usize {
        let mut phrase_start = self.mentions[smi].toks.start;
        if let Some(a) = self.mentions[smi].affiliation {
            let am = &self.mentions[a];
            if am.sentence == si && am.toks.end == phrase_start {
                phrase_start = am.toks.start;
            }
        }
        let article = |w: &str| matches!(w, "the" | "The" | "a" | "an" | "A" | "An");
        while phrase_start > 0 && article(self.w(si, phrase_start - 1)) {
            phrase_start -= 1;
        }
        // "the official Saudi Press Agency", "the state-run Korean Central News Agency": an
        // article and a lower-case modifier or two
        if let Some(a) = (phrase_start.saturating_sub(3)..phrase_start).find(|&a| article(self.w(si, a))) {
            let ts = self.ts(si);
            let modifiers = (a + 1..phrase_start)
                .all(|j| ts[j].kind == TokKind::Word && self.w(si, j).chars().next().is_some_and(char::is_lowercase));
            if modifiers {
                phrase_start = a;
            }
        }
        phrase_start
    }

    /// The object after the cue from token `k`: the audience or target, and the token after it
    /// (after "of"/"for" for a charge).
    fn cue_object(&self, si: usize, mut k: usize, frame: Frame) -> (usize, Option<(usize, &'static str)>) {
        let ts_len = self.ts(si).len();
        let mut target = None;
        if matches!(frame, Frame::Audience | Frame::Target | Frame::Charge | Frame::Naming) {
            if let Some(mi) = self.mention_starting(si, k) {
                if let Some(e) = self.subject_entity(mi) {
                    let role = if frame == Frame::Audience { "audience" } else { "target" };
                    target = Some((e, role));
                }
                k = self.mentions[mi].toks.end;
            } else if frame == Frame::Audience && self.rules.event_words.audience_groups.contains(self.w(si, k)) {
                k += 1;
            }
            // (else "warned that ...", "urged restraint": no object)
        }
        if frame == Frame::Charge {
            // the words follow "of" / "for" within a few tokens
            let mut j = k;
            while j < ts_len && j < k + 4 && !matches!(self.w(si, j), "of" | "for") {
                j += 1;
            }
            if j < ts_len && matches!(self.w(si, j), "of" | "for") {
                k = j + 1;
            }
        }
        (k, target)
    }

    /// The tail after the cue's object at `k`: up to the next comma or the end.
    fn cue_tail(&self, si: usize, k: usize) -> Tail {
        let ts_len = self.ts(si).len();
        let mut tail = Tail { end: k, words: 0, has_that: false };
        while tail.end < ts_len && !matches!(self.w(si, tail.end), "," | "." | "!" | "?") {
            if self.w(si, tail.end) == "that" {
                tail.has_that = true;
            }
            if self.ts(si)[tail.end].kind == TokKind::Word {
                tail.words += 1;
            }
            tail.end += 1;
        }
        tail
    }

    /// Do the words stand before the speaker? When the cue closes the sentence: after a quotation
    /// (`"...," the ministry said on Telegram`), or after a comma with only a short or
    /// prepositional tail (`..., Doe told reporters.`); not when they follow ("Roe replied: ").
    fn words_go_back(&self, si: usize, k: usize, frame: Frame, phrase_start: usize, tail: &Tail) -> bool {
        let before_phrase = if phrase_start > 0 { self.w(si, phrase_start - 1) } else { "" };
        // (only "two or more" matters: no need to count every word of a long sentence)
        let lead_words = self.ts(si)[..phrase_start].iter().filter(|t| t.kind == TokKind::Word).take(2).count();
        let quote_before = matches!(before_phrase, "\"" | "\u{201d}");
        let next = self.w(si, k);
        let prep_tail = matches!(next, "," | "." | "") || self.rules.event_words.cue_tail_starts.contains(next);
        let can_go_back = matches!(frame, Frame::Plain | Frame::That | Frame::Audience | Frame::Stance)
            && lead_words >= 2
            && !tail.has_that;
        // "Roe replied: "..."": the words follow
        let opens = self.w(si, k) == ":" || is_open_quote(self.w(si, k));
        // "Alex Roe, the foreign minister, said on Thursday he ...": the words before the comma
        // are only a name, in apposition to the speaker's phrase, not words said
        let appositive = before_phrase == ","
            && self.mention_ending(si, phrase_start - 1).is_some_and(|mi| self.mentions[mi].toks.start == 0);
        !opens
            && !appositive
            && can_go_back
            && (quote_before || (before_phrase == "," && (tail.words <= 4 || prep_tail)) || tail.words == 0)
    }

    /// The words before the speaker's phrase (from `phrase_start`), and their continuation after
    /// the cue's tail (ending at token `j`): "..., he said, and the 'rest'".
    fn backward_statement(&mut self, si: usize, phrase_start: usize, j: usize, said: Said<'a>) {
        let ts_len = self.ts(si).len();
        let start = self.words_start(si);
        let ts = self.ts(si);
        let mut end_tok = phrase_start;
        while end_tok > 0 && matches!(ts[end_tok - 1].text(self.text), ",") {
            end_tok -= 1;
        }
        if end_tok == 0 {
            return;
        }
        let end = ts[end_tok - 1].full_end;
        // "..., he said, and the 'rest'": the words go on after the cue
        let extra = if j < ts_len && self.w(si, j) == "," && j + 1 < ts_len {
            let mut a = j + 1;
            if matches!(self.w(si, a), "and" | "but") {
                a += 1;
            }
            let rest_start = self.ts(si)[a.min(ts_len - 1)].start;
            let rest_end = self.words_end(si);
            let participle =
                self.w(si, a).ends_with("ing") || self.rules.event_words.continuation_breaks.contains(self.w(si, a));
            (rest_end > rest_start && !participle && self.seg.quotes_in(rest_start..rest_end).next().is_some())
                .then_some(rest_start..rest_end)
        } else {
            None
        };
        if end > start {
            self.push_statement(si, Said { words: start..end, extra, rule: "statement.said-after", ..said });
        }
    }

    /// The words after the cue (and its object at `k`), after "that" when it comes soon.
    fn forward_statement(&mut self, si: usize, ti: usize, k: usize, frame: Frame, said: Said<'a>) {
        let ts_len = self.ts(si).len();
        let mut start_tok = k;
        let mut found_that = false;
        // only time words, adverbs and press words stand between the cue and "that" (or a quote)
        // (a weekday is one with no publication date too)
        let weekday = |w: &str| w.ends_with("day") && w.chars().next().is_some_and(char::is_uppercase);
        let gap_ok = |w: &str| {
            self.rules.lexicon.gap.contains(w) || weekday(w) || self.rules.event_words.press_words.contains(w)
        };
        for j in k..(k + 9).min(ts_len) {
            let w = self.w(si, j);
            if w == "that" {
                start_tok = j + 1;
                found_that = true;
                break;
            }
            if !gap_ok(w) {
                break;
            }
        }
        if !found_that {
            // "said on Thursday he would ...": the time of saying is no part of the words
            let end = match self.dates[si].iter().find(|d| d.toks.start == k && !d.possessive) {
                Some(d) => Some(d.toks.end),
                None if self.w(si, k) == "on" && weekday(self.w(si, k + 1)) => Some(k + 2),
                None if weekday(self.w(si, k)) => Some(k + 1),
                None => None,
            };
            if let Some(end) = end {
                start_tok = end + usize::from(self.w(si, end) == ",");
            }
        }
        if frame == Frame::Pledge && !found_that {
            // "promised on Monday to send ...": the words from "to"
            let mut q = k;
            while q < ts_len && q < k + 4 && gap_ok(self.w(si, q)) {
                q += 1;
            }
            if self.w(si, q) != "to" {
                return;
            }
            start_tok = q;
        }
        if frame == Frame::That && !found_that {
            // "announced: '...'" / "confirmed '...'" / "wrote on Telegram: '...'" still carry words
            let mut q = k;
            while q < ts_len && q < k + 6 && gap_ok(self.w(si, q)) {
                q += 1;
            }
            if self.w(si, q) != ":" && !is_open_quote(self.w(si, q)) {
                q = k;
            }
            if self.w(si, q) == ":" {
                q += 1;
            }
            if !is_open_quote(self.w(si, q)) {
                return;
            }
            start_tok = q;
        }
        // "urged Doe to ...", "promised to ...", "expressed concern over ...": the act is the
        // verb's phrase, the verb with it
        // ("promised on Monday to ...": from "to")
        if matches!(frame, Frame::Target | Frame::Stance) && !found_that
            || frame == Frame::Pledge && start_tok == ti + 1
        {
            start_tok = ti;
        }
        if start_tok >= ts_len {
            return;
        }
        let start = self.ts(si)[start_tok].start;
        let end = self.outer_cue_before_end(si, start_tok).unwrap_or_else(|| self.words_end(si));
        if end > start {
            let rule = match frame {
                Frame::Audience => "statement.told",
                Frame::Target => "statement.warned",
                Frame::Charge => "statement.accused",
                Frame::Naming => "statement.called-name",
                Frame::Pledge => "statement.pledged",
                Frame::Stance => "statement.stance",
                Frame::Plain | Frame::That | Frame::Participle => "statement.said-that",
            };
            self.push_statement(si, Said { words: start..end, rule, ..said });
        }
    }

    /// "X rejected the offer, saying (that) ...": the subject of the sentence speaks.
    pub(super) fn participle(&mut self, si: usize, ti: usize, cue: &str) {
        // "the readout quoted Jane Roe as saying ...": the one quoted speaks
        let quoted = ti >= 2 && self.w(si, ti - 1) == "as" && self.rules.event_words.quoted_as.contains(cue);
        if ti == 0 || (self.w(si, ti - 1) != "," && !quoted) {
            return;
        }
        let first = if quoted {
            // "Roe was quoted by TASS as saying" / "Roe was quoted as saying": Roe speaks
            let by = self.mention_ending(si, ti - 1).map(|mi| self.mentions[mi].toks.start);
            let quoted_at = match by {
                Some(b) if b >= 2 && self.w(si, b - 1) == "by" => Some(b - 2),
                Some(_) => None,
                None => Some(ti - 2),
            };
            let passive = quoted_at.filter(|&q| {
                q >= 1 && self.w(si, q) == "quoted" && matches!(self.w(si, q - 1), "was" | "were" | "is" | "being")
            });
            match passive {
                Some(q) => match self.subject_before(si, q, false) {
                    Some(Subject::Actor { mention, .. }) => Some(mention),
                    _ => None,
                },
                None => self.mention_ending(si, ti - 1),
            }
        } else {
            self.by_sentence[si].clone().find(|&mi| {
                let m = &self.mentions[mi];
                !m.in_quote && !m.possessive && m.toks.end < ti && m.is_actor()
            })
        };
        let Some(mi) = first else { return };
        let Some(speaker) = self.entity(mi) else { return };
        let ts_len = self.ts(si).len();
        let mut start_tok = ti + 1;
        if self.w(si, start_tok) == "that" {
            start_tok += 1;
        }
        if start_tok >= ts_len {
            return;
        }
        let start = self.ts(si)[start_tok].start;
        let end = self.words_end(si);
        if end > start {
            self.push_statement(
                si,
                Said {
                    speaker,
                    speaker_mi: Some(mi),
                    words: start..end,
                    extra: None,
                    target: None,
                    cue,
                    rule: "statement.saying",
                },
            );
        }
    }

    pub(super) fn according(&mut self, si: usize, ti: usize, phrase: &'a str) {
        let ts_len = self.ts(si).len();
        // "according to X" / "according to a Tuesday report in the German daily X": X
        let through_report = || {
            let r = (ti + 2..(ti + 6).min(ts_len))
                .find(|&j| self.rules.event_words.report_nouns.contains(self.w(si, j)))?;
            if !matches!(self.w(si, r + 1), "from" | "in" | "by" | "of") {
                return None;
            }
            (r + 2..(r + 7).min(ts_len))
                .take_while(|&j| self.w(si, j) != ",")
                .find_map(|j| self.mention_starting(si, j).filter(|&mi| self.mentions[mi].is_actor()))
        };
        let Some(mi) = self.mention_starting(si, ti + 2).or_else(through_report) else { return };
        let Some(e) = self.subject_entity(mi) else { return };
        let first_word = self.ts(si).iter().position(|t| t.kind == TokKind::Word).unwrap_or(0);
        let words = if ti == first_word {
            // "According to X, <words>."
            let mut j = self.mentions[mi].toks.end;
            while j < ts_len && self.w(si, j) != "," {
                j += 1;
            }
            if j + 1 >= ts_len {
                return;
            }
            self.ts(si)[j + 1].start..self.words_end(si)
        } else {
            // "<words>, according to X."
            let mut end_tok = ti;
            while end_tok > 0 && self.w(si, end_tok - 1) == "," {
                end_tok -= 1;
            }
            if end_tok == 0 {
                return;
            }
            self.words_start(si)..self.ts(si)[end_tok - 1].full_end
        };
        if words.end > words.start {
            let said = Said {
                speaker: e,
                speaker_mi: Some(mi),
                words,
                extra: None,
                target: None,
                cue: phrase,
                rule: "statement.according-to",
            };
            self.push_statement(si, said);
        }
    }

    /// "President Jane Roe: "..."", as in a transcript: a sentence that opens with a speaker, a
    /// colon and a quotation has the speaker's words, the whole quotation.
    pub(super) fn colon_quote(&mut self, si: usize) {
        let ts = self.ts(si);
        let Some(c) = (1..ts.len().min(16)).find(|&j| self.w(si, j) == ":") else { return };
        let Some(open) = ts.get(c + 1).filter(|t| is_open_quote(t.text(self.text))) else { return };
        let Some(mi) = self.mention_ending(si, c) else { return };
        let m = &self.mentions[mi];
        let lead = ts[..m.toks.start].iter().any(|t| t.kind == TokKind::Word);
        if lead || m.in_quote || m.possessive || !m.is_actor() {
            return;
        }
        let Some(speaker) = self.subject_entity(mi) else { return };
        let Some(q) = self.seg.quotes_in(open.start..open.end).find(|q| q.open.start == open.start).cloned() else {
            return;
        };
        self.push_statement(
            si,
            Said {
                speaker,
                speaker_mi: Some(mi),
                words: q.inner(),
                extra: None,
                target: None,
                cue: "said",
                rule: "statement.colon-quote",
            },
        );
    }

    /// A sentence that is a quotation and nothing else continues the previous speaker.
    pub(super) fn bare_quote(&mut self, si: usize) {
        let span = self.sentence_span(si);
        let Some(q) = self.seg.quotes_in(span.clone()).next().cloned() else {
            return;
        };
        let inner = q.inner();
        if inner.start < span.start || (inner.end - inner.start) * 10 < (span.end - span.start) * 6 {
            return;
        }
        let Some(last) = self.facts.statements.last() else {
            return;
        };
        let p = self.seg.sentences[si].paragraph;
        let lp = self.seg.sentences[last.evidence.sentence].paragraph;
        // the next sentence of the same paragraph, or a paragraph that is all quotation
        let whole_paragraph =
            self.seg.paragraphs[p].start >= q.open.start && self.seg.paragraphs[p].end <= q.close.end + 2;
        if last.evidence.sentence + 1 != si || (p != lp && !whole_paragraph) {
            return;
        }
        let speaker = last.speaker;
        let cue = last.cue.clone();
        self.push_statement(
            si,
            Said {
                speaker,
                speaker_mi: None,
                words: inner,
                extra: None,
                target: None,
                cue: &cue,
                rule: "statement.quote-continues",
            },
        );
    }

    // ---------------------------------------------------------------- calls
}
