//! # Mentions: where a sentence names a person, an institution or a place
//!
//! Input: a document's text, its segmentation and the rules. Output: [`Mention`]s with byte spans.
//! People are found from the text itself, never from a list of expected people:
//!
//! 1. a title, rank or role before capitalised words ("Brig. Gen. Jane Roe", "Pentagon
//!    spokesperson John Doe", "his Chinese counterpart Dong Jun");
//! 2. a common given name followed by capitalised words ("James Doe");
//! 3. initials before a capitalised word ("A.R. Doe");
//! 4. in a second pass, a lone surname (or a family name written first) of a person already found
//!    in the same document ("Doe said", "Doe's remarks").
//!
//! Institutions come from the gazetteer (`institutions.tsv`), from patterns (`Russia's Defense
//! Ministry`, `Ministry of Defence`, `Chinese government`), and from anaphors ("the ministry").
//! Countries and capitals are [`MentionKind::Place`]: they become institution nodes only where they
//! act (speak, call, refuse). Apposition after a name adds a title and an affiliation
//! ("Jane Roe, the chairman of the Joint Chiefs of Staff,"). A person's mention carries the gender
//! its titles (honorifics too), a role word in apposition and its given name tell
//! ([`GenderEvidence`], from the gender columns of `titles.tsv` and `given_names.txt`), for
//! "he" and "she" to pass over people of the other gender.
//!
//! The finder's core (marking tokens, the sentence loop, mentions) is here; `people.rs` reads
//! titles, names, pronouns, appositions and lone surnames; `institutions.rs` the gazetteer,
//! patterns, organisation names and places; `tests.rs` its unit tests.
//!
//! Vocabulary (titles, names, cues, heads, credit words, the words that keep a country a noun)
//! is rule data (`src/rules/data/`, mostly `lexicon.tsv`). What stays in this code is English
//! grammar the patterns are made of: articles ("the", "a"), "of", punctuation and the personal
//! pronouns, which no rule folder should change.

mod institutions;
mod people;

use std::borrow::Cow;
use std::ops::Range;

use crate::normalize::fold;
use crate::rules::{Frame, GazetteerAlias, Gender, Rules, TitleKind, WordInfo};
use crate::text::{Segmented, Tok, TokKind, tokenize};

/// A person's name as written, without titles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    /// Name words as written ("A.R.", "Doe"; "Jane", "Q.", "Roe").
    pub words: Vec<String>,
}

impl PersonName {
    pub fn surname(&self) -> &str {
        self.words.last().map(String::as_str).unwrap_or("")
    }
    pub fn given(&self) -> Option<&str> {
        if self.words.len() >= 2 && !is_initials(&self.words[0]) && !self.is_surname_only() {
            Some(&self.words[0])
        } else {
            None
        }
    }
    /// First initial when the name starts with initials ("A.R. Doe" -> 'a').
    pub fn initial(&self) -> Option<char> {
        if self.words.len() >= 2 && is_initials(&self.words[0]) { fold(&self.words[0]).chars().next() } else { None }
    }
    /// One word, or particles before one word ("Al Thani", "von der Leyen").
    pub fn is_surname_only(&self) -> bool {
        let n = self.words.len();
        n >= 1 && self.words[..n - 1].iter().all(|w| NAME_PARTICLES.contains(&w.to_lowercase().as_str()))
    }
    pub fn surface(&self) -> String {
        let mut s = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    }
}

/// "A.R." or "A." or "J."
pub fn is_initials(w: &str) -> bool {
    w.ends_with('.')
        && w.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase())
        && w.chars().filter(|c| c.is_alphabetic()).count() <= 3
}

/// What a text says of a person's gender: the genders its titles and given names told, one bit
/// each. Both is a conflict ("Mr Anna Roe", a misread name): the gender is unknown then, as it is
/// with none, and a person of unknown gender stays a candidate for "he" and for "she".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenderEvidence {
    female: bool,
    male: bool,
}

impl GenderEvidence {
    /// Add what one title or name tells (`None`: nothing).
    pub fn add(&mut self, g: Option<Gender>) {
        match g {
            Some(Gender::Female) => self.female = true,
            Some(Gender::Male) => self.male = true,
            None => {}
        }
    }

    /// Add what another mention of the same person told.
    pub fn merge(&mut self, other: GenderEvidence) {
        self.female |= other.female;
        self.male |= other.male;
    }

    /// The gender, when everything told agrees.
    pub fn gender(self) -> Option<Gender> {
        match (self.female, self.male) {
            (true, false) => Some(Gender::Female),
            (false, true) => Some(Gender::Male),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    He,
    She,
    It,
    They,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MentionKind {
    Person(PersonName),
    /// A named institution; `label` is canonical. `topic` is set for ministries and departments
    /// ("Defense"), `anaphoric` for "the ministry", `contextual` for aliases such as "the Post".
    Institution {
        label: String,
        country: Option<usize>,
        topic: Option<String>,
        anaphoric: bool,
        contextual: bool,
    },
    /// A country (`capital: None`) or capital named as a noun.
    Place {
        country: usize,
        capital: Option<String>,
    },
    /// "the Secretary-General", "the defence secretary": a person by their title.
    RoleRef {
        title: String,
        country: Option<usize>,
    },
    Pronoun(Pronoun),
}

impl MentionKind {
    /// A body by its own name ("La Tercera", "Russian Direct Investment Fund"): no topic, no
    /// anaphor, no contextual alias.
    pub(super) fn named_body(label: String, country: Option<usize>) -> Self {
        MentionKind::Institution { label, country, topic: None, anaphoric: false, contextual: false }
    }
}

#[derive(Debug, Clone)]
pub struct Mention {
    pub kind: MentionKind,
    /// Span of the name itself (no titles, no `'s`).
    pub span: Range<usize>,
    /// Span with the titles before it and any `'s` after it.
    pub full: Range<usize>,
    pub sentence: usize,
    pub possessive: bool,
    pub in_quote: bool,
    pub titles: Vec<String>,
    pub nationality: Option<usize>,
    /// Index (into the document's mentions) of an institution named in the title or apposition.
    pub affiliation: Option<usize>,
    /// Token indices within the sentence.
    pub toks: Range<usize>,
    /// What the titles before the name (honorifics too), a role in apposition and the given
    /// name tell of the person's gender (people and roles only).
    pub gender: GenderEvidence,
    /// A lone capitalised word in no word list, taken as a person only in the second reading
    /// of the document ([`find`] with `tentative`): a surname the article never spells out.
    pub tentative: bool,
}

impl Mention {
    pub fn is_person(&self) -> bool {
        matches!(self.kind, MentionKind::Person(_) | MentionKind::RoleRef { .. })
    }
    pub fn is_actor(&self) -> bool {
        !matches!(self.kind, MentionKind::Pronoun(_))
    }
}

/// Lower-case words inside names ("Nawaf bin Rashed", "Ursula von der Leyen").
pub const NAME_PARTICLES: &[&str] =
    &["bin", "bint", "ibn", "al", "de", "van", "von", "der", "den", "da", "di", "del", "la", "le", "du", "dos"];

/// Is `w` the first word of `phrase`?
fn first_word_is(phrase: &str, w: &str) -> bool {
    // the first byte first: this runs at every token for every pattern
    phrase.as_bytes().first() == w.as_bytes().first()
        && phrase.strip_prefix(w).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// "ministry" -> "Ministry"
fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Does token `i` begin its sentence (or a quotation, or a line after a bullet)? `first_word`:
/// the index of the sentence's first token that is not punctuation ([`first_word`]; found once a
/// sentence, not again at every token).
fn sentence_initial(text: &str, ts: &[Tok], i: usize, first_word: usize) -> bool {
    i <= first_word
        || ts[i - 1]
            .text(text)
            .chars()
            .all(|c| matches!(c, '"' | '\u{201c}' | '\u{2018}' | '(' | '\u{2022}' | '-' | '\u{2014}' | ':'))
}

/// The index of the first token that is not punctuation (the length when there is none).
fn first_word(ts: &[Tok]) -> usize {
    ts.iter().position(|t| t.kind != TokKind::Punct).unwrap_or(ts.len())
}

/// What a token looks like, and which rules can begin at it: one `u16` per token of the sentence
/// being read ([`Finder::marks`]), worked out once so that the rules tried at every token skip most
/// tokens without looking at their text.
mod mark {
    /// The first character is upper case (`char::is_uppercase`).
    pub const CAP: u16 = 1 << 0;
    /// "the" or "The".
    pub const THE: u16 = 1 << 1;
    /// [`super::Finder::gazetteer_at`] may find something here.
    pub const GAZETTEER: u16 = 1 << 8;
    /// [`super::Finder::pattern_at`] may.
    pub const PATTERN: u16 = 1 << 9;
    /// [`super::Finder::person_at`] may.
    pub const PERSON: u16 = 1 << 10;
    /// [`super::Finder::place_at`] may.
    pub const PLACE: u16 = 1 << 11;
    /// [`super::Finder::pronoun_at`] may.
    pub const PRONOUN: u16 = 1 << 12;
}

/// [`mark::CAP`] and [`mark::THE`] of a token's text.
fn shape(w: &str) -> u16 {
    let b = w.as_bytes();
    let Some(&b0) = b.first() else { return 0 };
    let cap = if b0.is_ascii() { b0.is_ascii_uppercase() } else { w.chars().next().is_some_and(char::is_uppercase) };
    let the = b.len() == 3 && (b == b"the" || b == b"The");
    (if cap { mark::CAP } else { 0 }) | (if the { mark::THE } else { 0 })
}

/// Tokens of every sentence, computed once per document.
pub struct Tokens {
    pub per_sentence: Vec<Vec<Tok>>,
}

pub fn tokens(text: &str, seg: &Segmented) -> Tokens {
    Tokens { per_sentence: seg.sentences.iter().map(|s| tokenize(text, s.start..s.end)).collect() }
}

struct Finder<'a> {
    text: &'a str,
    rules: &'a Rules,
    seg: &'a Segmented,
    out: Vec<Mention>,
    /// [`first_word`] of the sentence being read
    first_word: usize,
    /// What [`Self::slice`] last learnt: (a span's start, `until`, `blocked`): the text from the
    /// start to `until` has single ASCII spaces only ([`Self::plain_until`]), and if `blocked`
    /// the byte at `until` ends that.
    plain: std::cell::Cell<(usize, usize, bool)>,
    /// What each token of the sentence being read is ([`crate::rules::Words`]), looked up once
    /// per token: the rules tried at every token test these flags before any other work.
    info: Vec<WordInfo>,
    /// [`mark`]s of each token of the sentence being read ([`Self::mark_tokens`]).
    marks: Vec<u16>,
    /// The sentences that are credit lines ("Reporting by ..."), which name no one.
    credit: Vec<bool>,
}

/// Find the mentions of a document.
pub fn find(text: &str, seg: &Segmented, toks: &Tokens, rules: &Rules) -> Vec<Mention> {
    without_tentative(find_all(text, seg, toks, rules))
}

/// [`find`], and besides them the tentative mentions ([`Mention::tentative`]): lone capitalised
/// words in no word list ("Roe spoke with Petrov" in an article that never gives their full
/// names). They make the document's second reading, which the merge takes only where another
/// document names a person of that surname in full.
pub fn find_all(text: &str, seg: &Segmented, toks: &Tokens, rules: &Rules) -> Vec<Mention> {
    let mut f = Finder::new(text, seg, rules);
    for (si, ts) in toks.per_sentence.iter().enumerate() {
        let s = &seg.sentences[si];
        if rules.is_credit_line(&text[s.start..s.end]) {
            f.credit[si] = true;
            continue;
        }
        f.sentence(si, ts);
    }
    f.appositions(toks);
    f.bodies_named_again(toks);
    f.surnames(toks);
    f.lone_capitals(toks);
    // sort by position; affiliations index into the list, so re-point them
    let mut order: Vec<usize> = (0..f.out.len()).collect();
    order.sort_by_key(|&i| (f.out[i].span.start, f.out[i].span.end));
    let mut new_pos = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_pos[old] = new;
    }
    // put each mention where `order` says, in place (a sorted copy would double the memory of a
    // document's mentions): follow each cycle of the permutation, swapping as it goes
    let mut placed = vec![false; order.len()];
    for first in 0..order.len() {
        let mut i = first;
        placed[i] = true;
        while order[i] != first && !placed[order[i]] {
            let j = order[i];
            f.out.swap(i, j);
            placed[j] = true;
            i = j;
        }
    }
    for m in &mut f.out {
        m.affiliation = m.affiliation.map(|a| new_pos[a]);
    }
    f.drop_contextual_without_full_name();
    f.out
}

/// The spans of `mentions` (with their titles), sorted by start, for [`is_covered`].
fn covered_spans(mentions: &[Mention]) -> Vec<Range<usize>> {
    let mut covered: Vec<Range<usize>> = mentions.iter().map(|m| m.full.clone()).collect();
    covered.sort_by_key(|r| r.start);
    covered
}

/// Does a span of `covered` ([`covered_spans`]) hold the byte at `pos`?
fn is_covered(covered: &[Range<usize>], pos: usize) -> bool {
    let p = covered.partition_point(|r| r.start <= pos);
    p > 0 && covered[p - 1].end > pos
}

/// The mentions that are not tentative, their affiliations re-pointed.
pub fn without_tentative(mut all: Vec<Mention>) -> Vec<Mention> {
    if !all.iter().any(|m| m.tentative) {
        return all;
    }
    let mut new_pos = vec![usize::MAX; all.len()];
    let mut n = 0;
    for (i, m) in all.iter().enumerate() {
        if !m.tentative {
            new_pos[i] = n;
            n += 1;
        }
    }
    all.retain(|m| !m.tentative);
    for m in &mut all {
        m.affiliation = m.affiliation.map(|a| new_pos[a]).filter(|&a| a != usize::MAX);
    }
    all
}

impl<'a> Finder<'a> {
    fn new(text: &'a str, seg: &'a Segmented, rules: &'a Rules) -> Finder<'a> {
        Finder {
            text,
            rules,
            seg,
            out: Vec::new(),
            first_word: 0,
            plain: std::cell::Cell::new((usize::MAX, 0, false)),
            info: Vec::new(),
            marks: Vec::new(),
            credit: vec![false; seg.sentences.len()],
        }
    }

    fn t(&self, tok: &Tok) -> &str {
        tok.text(self.text)
    }

    /// Does token j of the sentence being read begin with a capital?
    fn cap(&self, j: usize) -> bool {
        self.marks[j] & mark::CAP != 0
    }

    /// Is token j of the sentence being read "the" or "The"?
    fn is_the(&self, j: usize) -> bool {
        self.marks[j] & mark::THE != 0
    }

    /// Look up the tokens of a sentence ([`Self::info`]) and work out their [`Self::marks`].
    fn mark_tokens(&mut self, ts: &[Tok]) {
        self.info.clear();
        self.info.extend(ts.iter().map(|t| self.rules.words.get(t.text(self.text))));
        self.marks.clear();
        self.marks.extend(ts.iter().map(|t| shape(t.text(self.text))));
        // (a title may begin at one of the next two tokens: from the end, one pass)
        let mut title_ahead = [false; 2];
        for i in (0..ts.len()).rev() {
            let s = self.starts(ts, i, title_ahead[0] || title_ahead[1]);
            self.marks[i] |= s;
            title_ahead = [self.info[i].has(WordInfo::TITLE_FIRST), title_ahead[0]];
        }
    }

    /// Which rules can find something at token i (the [`shape`]s of the sentence known):
    /// - [`Self::gazetteer_at`]: only a word that begins some entry, with a capital or "the";
    /// - [`Self::pattern_at`]: every pattern starts with "the", "new", "own", a capital (an
    ///   organisation's name, "Ministry of", "Armed Forces of"), a country modifier or a topic;
    /// - [`Self::person_at`]: the reading of titles takes a token only at a country modifier,
    ///   a title or a title modifier (in lower case: any word with a capital or a letter beyond
    ///   ASCII may be one), or before a title in the next two tokens; a name starts only at an
    ///   abbreviation, a capital, "al-..." or "el-...";
    /// - [`Self::place_at`]: a country's or a capital's name, or the first word of one, with a
    ///   capital, after an optional "the";
    /// - [`Self::pronoun_at`]: "he", "she", "it", "they".
    ///
    /// `title_ahead`: a title may begin at token i + 1 or i + 2.
    fn starts(&self, ts: &[Tok], i: usize, title_ahead: bool) -> u16 {
        let tok = &ts[i];
        let w = self.t(tok);
        let info = &self.info[i];
        let m = self.marks[i];
        let cap_or_the = m & (mark::CAP | mark::THE) != 0;
        let country = info.may_begin_country();
        let mut s = 0;
        if cap_or_the && info.has(WordInfo::GAZETTEER_FIRST) {
            s |= mark::GAZETTEER;
        }
        if cap_or_the || country || info.has(WordInfo::TOPIC_FIRST) || matches!(w, "new" | "own") {
            s |= mark::PATTERN;
        }
        if m & mark::CAP != 0
            || country
            || title_ahead
            || tok.kind == TokKind::Abbrev
            || info.has(WordInfo::TITLE_FIRST | WordInfo::TITLE_MODIFIER)
            || w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii())
            || w.starts_with("al-")
            || w.starts_with("el-")
        {
            s |= mark::PERSON;
        }
        let k = if m & mark::THE != 0 { i + 1 } else { i };
        if k < ts.len() && self.cap(k) && {
            let x = &self.info[k];
            x.country_name().is_some() || x.capital().is_some() || x.has(WordInfo::PLACE_PAIR_FIRST)
        } {
            s |= mark::PLACE;
        }
        if matches!(w, "he" | "He" | "she" | "She" | "it" | "It" | "they" | "They") {
            s |= mark::PRONOUN;
        }
        s
    }

    /// What `w` in lower case is (lower-cased on the stack when it is short ASCII).
    fn lower_case_info(&self, w: &str) -> WordInfo {
        let mut buf = [0u8; 32];
        if w.is_ascii() && w.len() <= buf.len() {
            let b = &mut buf[..w.len()];
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            // (ASCII stays valid UTF-8)
            self.rules.words.get(std::str::from_utf8(b).unwrap_or_default())
        } else {
            self.rules.words.get(&w.to_lowercase())
        }
    }

    /// Text of tokens a..b (inclusive of punctuation) with white space collapsed.
    /// Borrowed when the text has single spaces only (most of the time: this runs for every
    /// candidate span of every gazetteer and title lookup).
    fn slice(&self, ts: &[Tok], a: usize, b: usize) -> std::borrow::Cow<'a, str> {
        let (start, end) = (ts[a].start, ts[b - 1].end);
        // the lookups that walk spans from one token (gazetteer, titles) read on from where the
        // last stopped instead of from the start again
        let (from, known, blocked) = self.plain.get();
        let until = if from == start && (end <= known || blocked) {
            known
        } else {
            // (`known`, not blocked, is a token's end: no space before it)
            let until = if from == start { self.plain_until(known, end) } else { self.plain_until(start, end) };
            self.plain.set((start, until, until < end));
            until
        };
        if end <= until {
            return std::borrow::Cow::Borrowed(&self.text[start..end]);
        }
        let raw: &'a str = &self.text[start..end];
        let mut s = String::with_capacity(raw.len());
        for (i, w) in raw.split_whitespace().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(w);
        }
        std::borrow::Cow::Owned(s)
    }

    /// Where the text from `start` (a token's start) stops having single ASCII spaces only, up
    /// to `end`: a span from `start` that ends at a token's end at or before it needs no
    /// collapsing. (0xc2 and 0xe1..=0xe3 lead every other Unicode space; b'\t'..=b'\r' includes
    /// the vertical tab, which `is_ascii_whitespace` leaves out.)
    fn plain_until(&self, start: usize, end: usize) -> usize {
        let bytes = &self.text.as_bytes()[start..end];
        let mut prev_space = false;
        for (i, &c) in bytes.iter().enumerate() {
            let bad =
                (matches!(c, b'\t'..=b'\r' | b' ') && (c != b' ' || prev_space)) || matches!(c, 0xc2 | 0xe1..=0xe3);
            if bad {
                return start + i;
            }
            prev_space = c == b' ';
        }
        end
    }

    /// Where the mentions of sentence `si` are in `out`, while they come in sentence order (until
    /// [`Self::surnames`] adds more).
    fn of_sentence(&self, si: usize) -> (usize, usize) {
        (self.out.partition_point(|m| m.sentence < si), self.out.partition_point(|m| m.sentence <= si))
    }

    fn push(&mut self, kind: MentionKind, si: usize, ts: &[Tok], name: Range<usize>, full_start: usize) -> usize {
        let last = ts[name.end - 1];
        let m = Mention {
            kind,
            span: ts[name.start].start..last.end,
            full: ts[full_start].start..last.full_end,
            sentence: si,
            possessive: last.possessive,
            in_quote: self.seg.in_quote(ts[name.start].start),
            titles: Vec::new(),
            nationality: None,
            affiliation: None,
            toks: full_start..name.end,
            gender: GenderEvidence::default(),
            tentative: false,
        };
        self.out.push(m);
        self.out.len() - 1
    }

    fn sentence(&mut self, si: usize, ts: &[Tok]) {
        self.first_word = first_word(ts);
        self.mark_tokens(ts);
        let mut i = 0;
        while i < ts.len() {
            // (the rules in order, the first that finds something wins, each tried only where
            // its mark says it may; written out rather than with closures, which the compiler
            // would not always inline)
            let m = self.marks[i];
            let mut found = None;
            if m & mark::GAZETTEER != 0 {
                found = self.gazetteer_at(si, ts, i);
            }
            if found.is_none() && m & mark::PATTERN != 0 {
                found = self.pattern_at(si, ts, i);
            }
            if found.is_none() && m & mark::PERSON != 0 {
                found = self.person_at(si, ts, i);
            }
            if found.is_none() && m & mark::PLACE != 0 {
                found = self.place_at(si, ts, i);
            }
            if found.is_none() && m & mark::PRONOUN != 0 {
                found = self.pronoun_at(si, ts, i);
            }
            i = found.unwrap_or(i + 1);
        }
    }

    fn drop_contextual_without_full_name(&mut self) {
        let full: rustc_hash::FxHashSet<&str> = self
            .out
            .iter()
            .filter_map(|m| match &m.kind {
                MentionKind::Institution { label, contextual: false, anaphoric: false, .. } => Some(label.as_str()),
                _ => None,
            })
            .collect();
        // affiliations index into `out`: keep them valid by remapping after the filter
        let keep: Vec<bool> = self
            .out
            .iter()
            .map(|m| match &m.kind {
                MentionKind::Institution { label, contextual: true, .. } => full.contains(label.as_str()),
                _ => true,
            })
            .collect();
        let mut remap = vec![usize::MAX; self.out.len()];
        let mut n = 0;
        for (i, k) in keep.iter().enumerate() {
            if *k {
                remap[i] = n;
                n += 1;
            }
        }
        let old = std::mem::take(&mut self.out);
        for (i, mut m) in old.into_iter().enumerate() {
            if keep[i] {
                m.affiliation = m.affiliation.and_then(|a| (remap[a] != usize::MAX).then_some(remap[a]));
                self.out.push(m);
            }
        }
    }
}

#[cfg(test)]
mod tests;
