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
//! ("Jane Roe, the chairman of the Joint Chiefs of Staff,").
//!
//! Vocabulary (titles, names, cues, heads, credit words, the words that keep a country a noun)
//! is rule data (`src/rules/data/`, mostly `lexicon.tsv`). What stays in this code is English
//! grammar the patterns are made of: articles ("the", "a"), "of", punctuation and the personal
//! pronouns, which no rule folder should change.

use std::borrow::Cow;
use std::ops::Range;

use crate::normalize::fold;
use crate::rules::{Frame, GazetteerAlias, Rules, TitleKind, WordInfo};
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
}

impl Mention {
    pub fn is_person(&self) -> bool {
        matches!(self.kind, MentionKind::Person(_) | MentionKind::RoleRef { .. })
    }
    pub fn is_actor(&self) -> bool {
        !matches!(self.kind, MentionKind::Pronoun(_))
    }
}

/// Lower-case words inside names ("Faisal bin Farhan", "Ursula von der Leyen").
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
}

/// Find the mentions of a document.
pub fn find(text: &str, seg: &Segmented, toks: &Tokens, rules: &Rules) -> Vec<Mention> {
    let mut f = Finder::new(text, seg, rules);
    for (si, ts) in toks.per_sentence.iter().enumerate() {
        let s = &seg.sentences[si];
        if rules.is_credit_line(&text[s.start..s.end]) {
            continue;
        }
        f.sentence(si, ts);
    }
    f.appositions(toks);
    f.surnames(toks);
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

    /// A name from the gazetteer at token i (only where [`mark::GAZETTEER`] is: a word that begins
    /// some entry, with a capital or "the").
    fn gazetteer_at(&mut self, si: usize, ts: &[Tok], i: usize) -> Option<usize> {
        let starts_the = self.is_the(i);
        let max = (i + self.rules.gazetteer_max_words + 2).min(ts.len());
        // the longest match wins ("Washington Post" over "Washington"): walk the spans from i
        // while they begin some name, keeping the last that is one
        let mut best: Option<(usize, usize, GazetteerAlias)> = None;
        for j in i + 1..=max {
            let here = if j == i + 1 { self.info[i] } else { self.rules.words.get(&self.slice(ts, i, j)) };
            if !here.has(WordInfo::GAZETTEER_PREFIX) {
                break;
            }
            if ts[j - 1].kind == TokKind::Punct && ts[j - 1].end - ts[j - 1].start == 1 && self.t(&ts[j - 1]) != "." {
                continue;
            }
            if let Some(hit) = here.gazetteer {
                // "the X" only for contextual aliases or names that include "The"
                let entry = &self.rules.institutions[hit.entry];
                let start_tok =
                    if starts_the && !hit.contextual && !entry.canonical.starts_with("The ") { i + 1 } else { i };
                if start_tok < j {
                    best = Some((start_tok, j, hit));
                }
            }
        }
        let (start_tok, j, hit) = best?;
        let entry = &self.rules.institutions[hit.entry];
        let kind = MentionKind::Institution {
            label: entry.canonical.clone(),
            country: entry.country.as_ref().and_then(|c| self.rules.country_names.get(c).copied()),
            topic: None,
            anaphoric: false,
            contextual: hit.contextual,
        };
        self.push(kind, si, ts, start_tok..j, start_tok);
        Some(j)
    }

    /// Country modifier at i: an adjective ("Russian"), or a possessive country or capital
    /// ("Russia's", "Moscow's"). Returns (country, next token).
    fn country_modifier(&self, ts: &[Tok], i: usize) -> Option<(usize, usize)> {
        let tok = ts.get(i)?;
        let w = self.t(tok);
        let info = self.info[i];
        if tok.possessive {
            if let Some(c) = info.country_name().or_else(|| info.capital()) {
                return Some((c, i + 1));
            }
        }
        // multi-word country names as modifiers ("United States", "South Korean")
        if i + 1 < ts.len() && info.has(WordInfo::COUNTRY_PAIR_FIRST) {
            let two = format!("{} {}", w, self.t(&ts[i + 1]));
            if let Some(&c) = self.rules.country_adjectives.get(&two) {
                return Some((c, i + 2));
            }
            if ts[i + 1].possessive {
                if let Some(&c) = self.rules.country_names.get(&two) {
                    return Some((c, i + 2));
                }
            }
        }
        info.adjective().map(|c| (c, i + 1))
    }

    /// An institution by pattern at token i (only where [`mark::PATTERN`] is: every pattern below
    /// starts with "the", "new", "own", a capital, a country modifier or a topic).
    // (Long, kept whole: the patterns are tried in order on one token and the first that matches
    // wins, so each depends on the ones before it failing; split into functions, every one would
    // repeat the leading "the"/country parsing. Each pattern is a commented block below.)
    fn pattern_at(&mut self, si: usize, ts: &[Tok], i: usize) -> Option<usize> {
        // the mention starts after a leading "the" ("the French General Staff")
        let at = if self.is_the(i) && i + 1 < ts.len() { i + 1 } else { i };
        let (country, mut k) = match self.country_modifier(ts, at) {
            Some((c, k)) => (Some(c), k),
            None => (None, at),
        };
        if k < ts.len() && matches!(self.t(&ts[k]), "new" | "own") {
            k += 1;
        }
        // "<topic> Ministry|Department" (only where a topic can start: the loop below would try
        // every topic at every token)
        let topics: &[(String, String)] =
            if k < ts.len() && self.info[k].has(WordInfo::TOPIC_FIRST) { &self.rules.topics } else { &[] };
        for (written, canon) in topics {
            // the cheap test first: this runs at every token for every topic
            if k >= ts.len() || !first_word_is(written, self.t(&ts[k])) {
                continue;
            }
            let n = written.split(' ').count();
            if k + n >= ts.len() {
                continue;
            }
            if self.slice(ts, k, k + n) != *written {
                continue;
            }
            let head = self.t(&ts[k + n]);
            // the head as the lexicon writes it: "ministry" after a country is "Ministry"
            let lexicon = &self.rules.lexicon.ministry_head;
            let Some(head) = lexicon.get(head).or_else(|| country.and(lexicon.get(capitalised(head).as_str()))) else {
                continue;
            };
            if country.is_none() && written.chars().next().is_some_and(char::is_lowercase) {
                continue;
            }
            let label = match country {
                Some(c) => format!("{} {} {}", self.rules.countries[c].adjective(), canon, head),
                None => format!("{canon} {head}"),
            };
            let kind = MentionKind::Institution {
                label,
                country,
                topic: Some(canon.clone()),
                anaphoric: false,
                contextual: false,
            };
            self.push(kind, si, ts, at..k + n + 1, at);
            return Some(k + n + 1);
        }
        // "Ministry of <topic> (of <country>)"
        if k + 2 < ts.len() && self.t(&ts[k]) == "Ministry" && self.t(&ts[k + 1]) == "of" {
            let mut m = k + 2;
            if self.t(&ts[m]) == "the" {
                m += 1;
            }
            for (written, canon) in &self.rules.topics {
                let n = written.split(' ').count();
                if m + n > ts.len()
                    || !first_word_is(written, self.t(&ts[m]))
                    || self.slice(ts, m, m + n) != *written
                    || written.chars().next().is_some_and(char::is_lowercase)
                {
                    continue;
                }
                let mut end = m + n;
                let mut country = country;
                if end + 1 < ts.len() && self.t(&ts[end]) == "of" {
                    let mut c = end + 1;
                    if self.t(&ts[c]) == "the" && c + 1 < ts.len() {
                        c += 1;
                    }
                    let one = self.t(&ts[c]).to_string();
                    let two = if c + 1 < ts.len() { format!("{} {}", one, self.t(&ts[c + 1])) } else { String::new() };
                    if let Some(&ci) = self.rules.country_names.get(&two) {
                        country = Some(ci);
                        end = c + 2;
                    } else if let Some(&ci) = self.rules.country_names.get(&one) {
                        country = Some(ci);
                        end = c + 1;
                    }
                }
                let label = match country {
                    Some(c) => {
                        format!("{} {} Ministry", self.rules.countries[c].adjective(), canon)
                    }
                    None => format!("{canon} Ministry"),
                };
                let kind = MentionKind::Institution {
                    label,
                    country,
                    topic: Some(canon.clone()),
                    anaphoric: false,
                    contextual: false,
                };
                self.push(kind, si, ts, at..end, at);
                return Some(end);
            }
        }
        // "Armed Forces of <country>"
        if k + 3 < ts.len() && self.t(&ts[k]) == "Armed" && self.slice(ts, k, k + 3) == "Armed Forces of" {
            let c = self.t(&ts[k + 3]).to_string();
            if let Some(&ci) = self.rules.country_names.get(&c) {
                let label = format!("{} Armed Forces", self.rules.countries[ci].adjective());
                let kind = MentionKind::Institution {
                    label,
                    country: Some(ci),
                    topic: None,
                    anaphoric: false,
                    contextual: false,
                };
                self.push(kind, si, ts, at..k + 4, at);
                return Some(k + 4);
            }
        }
        // "<country adj> <body>"
        if let Some(c) = country.filter(|_| k < ts.len() && self.info[k].has(WordInfo::BODY_FIRST)) {
            for (written, canon) in &self.rules.bodies {
                if k >= ts.len() || !first_word_is(written, self.t(&ts[k])) {
                    continue;
                }
                let n = written.split(' ').count();
                if k + n > ts.len() || self.slice(ts, k, k + n) != *written {
                    continue;
                }
                // "Navy Day", "military leaders": the body word only modifies what follows
                if let Some(next) = ts.get(k + n) {
                    let nw = self.t(next);
                    if next.kind == TokKind::Word
                        && (nw.chars().next().is_some_and(char::is_uppercase)
                            || self.info[k + n].has(WordInfo::GROUP_NOUN)
                            || canon == "military")
                    {
                        continue;
                    }
                }
                let label = format!("{} {}", self.rules.countries[c].adjective(), canon);
                let kind = MentionKind::Institution {
                    label,
                    country: Some(c),
                    topic: None,
                    anaphoric: false,
                    contextual: false,
                };
                self.push(kind, si, ts, at..k + n, at);
                return Some(k + n);
            }
        }
        // "Russian Direct Investment Fund", "Ministry of the Armed Forces": a name ending in an
        // organisation's head word
        if let Some(end) = self.org_name_end(ts, i) {
            let start = if self.is_the(i) { i + 1 } else { i };
            let label = self.slice(ts, start, end);
            let kind = MentionKind::Institution {
                label: label.into_owned(),
                country,
                topic: None,
                anaphoric: false,
                contextual: false,
            };
            self.push(kind, si, ts, start..end, start);
            return Some(end);
        }
        // "the ministry", "the department": an anaphor resolved later
        if i + 1 < ts.len()
            && self.is_the(i)
            && {
                let w = self.t(&ts[i + 1]);
                // (a head in lower case: "ministry" for "Ministry"; the table knows those of an
                // ASCII first letter)
                let head = w.chars().next().is_some_and(char::is_lowercase)
                    && if w.as_bytes()[0].is_ascii() {
                        self.info[i + 1].has(WordInfo::ORG_HEAD_LOWER)
                    } else {
                        self.rules.org_heads.contains(&capitalised(w))
                    };
                head || w == "Ministry"
            }
            && ts.get(i + 2).is_none_or(|t| self.t(t) != "of")
        {
            let kind = MentionKind::Institution {
                label: capitalised(self.t(&ts[i + 1])),
                country: None,
                topic: None,
                anaphoric: true,
                contextual: false,
            };
            self.push(kind, si, ts, i..i + 2, i);
            return Some(i + 2);
        }
        None
    }

    /// The end of an organisation's name starting at token i: capitalised words, with "of", "the",
    /// "and", "for" inside, whose last capitalised word is an organisation head ("Fund").
    fn org_name_end(&self, ts: &[Tok], i: usize) -> Option<usize> {
        ts.get(i)?;
        let skip_the = self.is_the(i);
        let start = if skip_the { i + 1 } else { i };
        let w0 = self.t(ts.get(start)?);
        if !self.cap(start) || (self.info[start].has(WordInfo::NOT_NAME_START) && !skip_the) {
            return None;
        }
        let mut j = start;
        let mut last_head = None;
        let mut words = 0;
        while j < ts.len() && words < 8 {
            let t = &ts[j];
            let w = self.t(t);
            let cap = t.kind == TokKind::Word && self.cap(j) && !self.info[j].has(WordInfo::NOT_NAME);
            if cap {
                words += 1;
                if self.info[j].has(WordInfo::ORG_HEAD) {
                    last_head = Some(j + 1);
                }
                j += 1;
                let capital_next = ts.get(j).is_some_and(|x| x.kind == TokKind::Word && self.cap(j));
                if t.possessive && !capital_next {
                    break;
                }
                continue;
            }
            // connectors inside a name, only before another capital
            if matches!(w, "of" | "the" | "for" | "on") && j > start {
                let mut n = j + 1;
                while n < ts.len() && matches!(self.t(&ts[n]), "the" | "of") {
                    n += 1;
                }
                let capital_next = ts.get(n).is_some_and(|x| x.kind == TokKind::Word && self.cap(n));
                if capital_next {
                    j = n;
                    continue;
                }
            }
            break;
        }
        // "President of the General Assembly": an office, not a body
        if self.info[start].title == Some(TitleKind::Office)
            && ts.get(start + 1).is_some_and(|t| self.t(t) == "of")
            && w0 != "Ministry"
        {
            return None;
        }
        let mut end = last_head?;
        // "Armed Forces of Ukraine", "Council of Europe": an "of" phrase after the head belongs to it
        if j > end && self.t(&ts[end]) == "of" {
            end = j;
        }
        // the name ends at its head: "... General Staff Jane Roe" is a title and a person
        if end < j {
            return None;
        }
        // a title inside ("Chief of the General Staff") makes it a person's office, not a body
        let office = |x: usize| {
            self.title_at(ts, x).is_some_and(|(k, phrase, _)| {
                matches!(k, TitleKind::Office | TitleKind::Rank) && phrase.split_whitespace().count() >= 2
            })
        };
        if (start..end).any(office) {
            return None;
        }
        // a known body after a country word ("US Joint Chiefs of Staff") is the gazetteer's
        if (start..end).any(|x| self.rules.words.get(&self.slice(ts, x, end)).gazetteer.is_some()) {
            return None;
        }
        // a name of two words at least ("the Directorate" alone is an anaphor)
        let n_words = (start..end).filter(|&x| ts[x].kind == TokKind::Word && self.cap(x)).count();
        (n_words >= 2).then_some(end)
    }

    /// Longest title starting at token k: (kind, phrase, next token). The phrase is borrowed
    /// from the text when [`Self::slice`] can: most callers only test the kind.
    fn title_at(&self, ts: &[Tok], k: usize) -> Option<(TitleKind, Cow<'a, str>, usize)> {
        // only a word that begins some title can begin one
        if !self.info.get(k)?.has(WordInfo::TITLE_FIRST) {
            return None;
        }
        let max = (k + self.rules.title_max_words * 2 + 1).min(ts.len());
        // the longest title: walk the spans from k while they begin some title
        let mut longest = None;
        for j in k + 1..=max {
            let here = if j == k + 1 { self.info[k] } else { self.rules.words.get(&self.slice(ts, k, j)) };
            if !here.has(WordInfo::TITLE_PREFIX) {
                break;
            }
            if let Some(kind) = here.title.filter(|_| !ts[j - 1].possessive) {
                longest = Some((kind, j));
            }
        }
        let (kind, j) = longest?;
        // "President of the General Assembly": an office reads on over "of" and capitals
        // that are not a name ("Minister of Defense Jane Roe" stops before the name)
        // "Prime Minister of the Republic of Kazakhstan Jane Roe": "of" segments go on
        // while another "of" follows, and end after a country's name
        let mut end = j;
        while kind == TitleKind::Office && ts.get(end).is_some_and(|t| self.t(t) == "of") {
            let mut e = end + 1;
            if ts.get(e).is_some_and(|t| self.t(t) == "the") {
                e += 1;
            }
            let run_start = e;
            while ts.get(e).is_some_and(|t| t.kind == TokKind::Word && self.cap(e) && self.t(t) != "of") {
                e += 1;
                // a country ends the office: the name may follow
                if self.rules.country_names.contains_key(&*self.slice(ts, run_start, e)) {
                    break;
                }
            }
            if e == run_start {
                break;
            }
            let segment = self.slice(ts, run_start, e);
            let after = ts.get(e).map(|t| self.t(t)).unwrap_or("");
            if self.rules.country_names.contains_key(&*segment)
                || after == "of"
                || !after.chars().next().is_some_and(char::is_uppercase)
            {
                end = e;
            } else {
                break;
            }
        }
        Some((kind, self.slice(ts, k, end), end))
    }

    /// Can token `j` be a word of a name (`first`: its first word)?
    fn is_name_word(&self, ts: &[Tok], j: usize, first: bool) -> bool {
        let tok = &ts[j];
        let w = self.t(tok);
        let info = &self.info[j];
        let not_start = first && info.has(WordInfo::NOT_NAME_START);
        match tok.kind {
            TokKind::Abbrev => is_initials(w) && !not_start,
            TokKind::Word => {
                let c = w.chars().next().unwrap_or(' ');
                c.is_uppercase()
                    && w.chars().any(char::is_lowercase)
                    && !not_start
                    && !info.has(WordInfo::NOT_NAME)
                    && info.country_name().is_none()
                    && info.adjective().is_none()
                    && info.capital().is_none()
            }
            TokKind::Punct => false,
        }
    }

    /// Name words from k: returns the end token (exclusive) and the words (borrowed from the
    /// text but for an initial whose dot is apart from it).
    fn name_at(&self, ts: &[Tok], k: usize) -> Option<(usize, Vec<Cow<'a, str>>)> {
        let text: &'a str = self.text;
        let mut words: Vec<Cow<'a, str>> = Vec::new();
        // the token whose text the last word is (its [`Self::info`] known), or `usize::MAX`
        let mut last_tok = usize::MAX;
        let mut j = k;
        while j < ts.len() && words.len() < 7 {
            let tok = &ts[j];
            let w: &'a str = tok.text(text);
            // "A. R. Doe": a single capital and a dot
            if tok.kind == TokKind::Word
                && w.len() == 1
                && w.chars().all(char::is_uppercase)
                && ts.get(j + 1).is_some_and(|d| d.text(text) == ".")
            {
                let dot = &ts[j + 1];
                words.push(if dot.start == tok.end {
                    Cow::Borrowed(&text[tok.start..dot.end])
                } else {
                    Cow::Owned(format!("{w}."))
                });
                last_tok = usize::MAX;
                j += 2;
                continue;
            }
            // "al-Sharaa", "el-Sisi": a surname with its article, anywhere in the name
            if tok.kind == TokKind::Word
                && (w.starts_with("al-") || w.starts_with("el-"))
                && w[3..].chars().next().is_some_and(char::is_uppercase)
            {
                words.push(Cow::Borrowed(w));
                last_tok = j;
                j += 1;
                if tok.possessive {
                    break;
                }
                continue;
            }
            if tok.kind == TokKind::Word && !words.is_empty() && NAME_PARTICLES.contains(&w) {
                // a run of particles ("von der") must lead to another name word
                let mut n = j;
                while ts.get(n).is_some_and(|t| t.kind == TokKind::Word && NAME_PARTICLES.contains(&t.text(text))) {
                    n += 1;
                }
                if n > j && n < ts.len() && self.is_name_word(ts, n, false) {
                    words.extend(ts[j..n].iter().map(|t| Cow::Borrowed(t.text(text))));
                    last_tok = n - 1;
                    j = n;
                    continue;
                }
                break;
            }
            if !self.is_name_word(ts, j, words.is_empty()) {
                break;
            }
            // a title inside a run of capitals starts the next name ("... Secretary Jane Roe");
            // otherwise it is a surname ("David King")
            let title_next = self.info[j].title.is_some_and(|k| k != TitleKind::Honorific)
                && j + 1 < ts.len()
                && self.is_name_word(ts, j + 1, false);
            if title_next && !words.is_empty() {
                break;
            }
            words.push(Cow::Borrowed(w));
            last_tok = j;
            j += 1;
            if tok.possessive {
                break;
            }
        }
        // trailing initials are not a surname
        while words.last().is_some_and(|w| is_initials(w)) {
            words.pop();
            last_tok = usize::MAX;
            j -= 1;
            while j > k && self.t(&ts[j]) == "." {
                j -= 1;
            }
            j = j.max(k);
        }
        let particles = words.iter().filter(|w| NAME_PARTICLES.contains(&&***w)).count();
        if words.is_empty() || words.len() - particles > 4 {
            return None;
        }
        // "Abu Dhabi", "New Delhi": a place, not a person (one lookup of the words joined: the
        // table has every country name and capital)
        let is_place = |joined: &str| {
            let info = self.rules.words.get(joined);
            info.capital().is_some() || info.country_name().is_some()
        };
        // (the last word's table entry is its token's when it is that token's text)
        let last_info = |w: &str| if last_tok != usize::MAX { self.info[last_tok] } else { self.rules.words.get(w) };
        let place = if words.len() == 1 {
            let info = last_info(&words[0]);
            info.capital().is_some() || info.country_name().is_some()
        } else {
            let mut buf = [0u8; 64];
            let len = words.iter().map(|w| w.len()).sum::<usize>() + words.len() - 1;
            if len <= buf.len() {
                let mut at = 0;
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        buf[at] = b' ';
                        at += 1;
                    }
                    buf[at..at + w.len()].copy_from_slice(w.as_bytes());
                    at += w.len();
                }
                // (whole words and ASCII spaces: valid UTF-8)
                is_place(std::str::from_utf8(&buf[..len]).unwrap_or_default())
            } else {
                is_place(&words.join(" "))
            }
        };
        if place {
            return None;
        }
        if last_info(words.last().map(|w| &**w).unwrap_or("")).has(WordInfo::NOT_SURNAME) {
            return None;
        }
        // recompute j as the token after the last word
        Some((j, words))
    }

    /// A person at token i, with the titles before the name (only where [`mark::PERSON`] is).
    // (Long, kept whole: one left-to-right reading of title, nationality, name words and
    // apposition, whose later tests use what the earlier ones consumed; it runs at every marked
    // token of every article, and the pieces would pass a dozen locals between them.)
    fn person_at(&mut self, si: usize, ts: &[Tok], i: usize) -> Option<usize> {
        // "(AP Photo/Jane Roe)", "Photo by Jane Roe": a credit
        if i >= 2
            && matches!(self.t(&ts[i - 1]), "/" | "by")
            && self.rules.lexicon.credit_word.contains(self.t(&ts[i - 2]))
        {
            return None;
        }
        let mut k = i;
        let mut nationality = None;
        let mut titles: Vec<String> = Vec::new();
        let mut role_only = true;
        let mut prefix_inst = None;
        let mut service_pending = false;
        // "Its chief spokesman, Jane Roe": the body named last in the sentence before
        if prefix_inst.is_none() && self.t(&ts[i]) == "Its" && si > 0 {
            // (the mentions so far come in sentence order: look only at those of the sentence before)
            let (from, to) = self.of_sentence(si - 1);
            prefix_inst = self.out[from..to]
                .iter()
                .rposition(|m| matches!(m.kind, MentionKind::Institution { anaphoric: false, .. }))
                .map(|k| from + k);
        }
        // an institution right before a role: "Pentagon spokesperson Jane Doe"
        if let Some(prev) = self.out.last() {
            if prev.sentence == si
                && prev.toks.end == i
                && matches!(prev.kind, MentionKind::Institution { anaphoric: false, .. })
            {
                prefix_inst = Some(self.out.len() - 1);
            }
        }
        let mut steps = 0;
        while k < ts.len() && steps < 8 {
            steps += 1;
            if let Some((c, next)) = self.country_modifier(ts, k) {
                if nationality.is_none() && titles.is_empty() {
                    nationality = Some(c);
                    k = next;
                    continue;
                }
            }
            let w = self.t(&ts[k]);
            // the title here, looked up once (most tokens begin none, which is quick to tell)
            let title_here = self.title_at(ts, k);
            // (a title here makes the modifier moot: its lower case is looked up only without one)
            let modifier = || {
                if w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                    self.lower_case_info(w).has(WordInfo::TITLE_MODIFIER)
                } else {
                    self.info[k].has(WordInfo::TITLE_MODIFIER)
                }
            };
            if title_here.is_none() && modifier() {
                k += 1;
                continue;
            }
            // "White House trade adviser", "EU foreign policy chief": lower-case words before a role
            if titles.is_empty() && w.chars().next().is_some_and(char::is_lowercase) && title_here.is_none() {
                let role_at = (k + 1..(k + 3).min(ts.len())).find(|&r| {
                    ts[k..r]
                        .iter()
                        .all(|t| t.kind == TokKind::Word && self.t(t).chars().next().is_some_and(char::is_lowercase))
                        && self.title_at(ts, r).is_some_and(|(kind, _, _)| kind == TitleKind::Role)
                });
                if let Some(r) = role_at {
                    if let Some((kind, _, next)) = self.title_at(ts, r) {
                        titles.push(self.slice(ts, k, next).into_owned());
                        if kind != TitleKind::Role {
                            role_only = false;
                        }
                        k = next;
                        continue;
                    }
                }
            }
            if let Some((kind, phrase, next)) = title_here {
                // a capitalised office must not swallow the name ("General" before "Motors")
                if kind != TitleKind::Role {
                    role_only = false;
                }
                if kind != TitleKind::Honorific {
                    // a service reads with the rank after it: "Air Force Major General"
                    match titles.last_mut() {
                        Some(prev) if service_pending => {
                            prev.push(' ');
                            prev.push_str(&phrase);
                        }
                        _ => titles.push(phrase.into_owned()),
                    }
                }
                service_pending = kind == TitleKind::Service;
                k = next;
                continue;
            }
            break;
        }
        // "Prime Minister of the Republic of Kazakhstan": the country in the office
        if nationality.is_none() {
            nationality = titles.iter().find_map(|t| {
                let (_, rest) = t.split_once(" of ")?;
                rest.split(" of ")
                    .map(|x| x.trim_start_matches("the "))
                    .find_map(|x| self.rules.country_names.get(x).copied())
            });
        }
        // "Air Force One": a service names a person only before a rank
        if service_pending {
            return None;
        }
        let titled = !titles.is_empty() || (k > i && self.info[k - 1].title == Some(TitleKind::Honorific));
        let honorific = k > i && self.info[i..k].iter().any(|x| x.title == Some(TitleKind::Honorific));
        if !(titled || honorific) {
            k = i;
            nationality = None;
            titles.clear();
        }
        // "his spokesperson, Jane Roe, said": a role, a comma, the name, a comma; titles may
        // stand after the comma too ("Saudi Arabia's foreign minister, Prince Faisal bin Farhan,")
        if (titled || honorific) && self.t(ts.get(k)?) == "," {
            if let Some((kind, phrase, next)) = self.title_at(ts, k + 1) {
                if matches!(kind, TitleKind::Office | TitleKind::Honorific | TitleKind::Rank)
                    && self.name_at(ts, next).is_some()
                {
                    if kind != TitleKind::Honorific {
                        titles.push(phrase.into_owned());
                    }
                    k = next;
                }
            }
        }
        if (titled || honorific) && self.t(ts.get(k)?) == "," && k + 1 < ts.len() && self.is_name_word(ts, k + 1, true)
        {
            let (e, _) = self.name_at(ts, k + 1)?;
            if ts.get(e).is_some_and(|t| matches!(self.t(t), "," | ")")) {
                k += 1;
            }
        }
        let named = self.name_at(ts, k).or_else(|| {
            let t = ts.get(k)?;
            let w: &'a str = t.text(self.text);
            let country_word = self.info[k].country_name().is_some() || self.info[k].capital().is_some();
            if !(titled && country_word && k + 1 < ts.len() && self.is_name_word(ts, k + 1, false)) {
                return None;
            }
            let (end, mut rest) = self.name_at(ts, k + 1)?;
            rest.insert(0, Cow::Borrowed(w));
            Some((end, rest))
        });
        let Some((end, words)) = named else {
            // "the Secretary-General", "the defence secretary": a person by title alone
            let definite = self.is_the(i);
            if definite && !titles.is_empty() && k > i + 1 && !self.t(&ts[k - 1]).ends_with('s') {
                let title = titles.last().cloned().unwrap_or_default();
                let kind = MentionKind::RoleRef { title, country: nationality };
                self.push(kind, si, ts, i + 1..k, i);
                return Some(k);
            }
            return None;
        };
        let has_title = titled || honorific;
        if !has_title {
            // (a name of one word needs a title: the tests below are only for two words or more)
            if words.len() < 2 {
                return None;
            }
            let first = &words[0];
            // `"...," said Jane Roe`: a speaker named after the cue
            let after_cue = k >= 2
                && self.rules.lexicon.cue_before_name.contains(self.t(&ts[k - 1]))
                && matches!(self.t(&ts[k - 2]), "," | "\"" | "\u{201d}");
            // "Jane Roe, a spokesman for the ministry,": an apposition with a role
            let apposed = ts.get(end).is_some_and(|t| self.t(t) == ",")
                && self.info[end + 1..(end + 5).min(ts.len())].iter().any(|x| x.title == Some(TitleKind::Role))
                && ts.get(end + 1).is_some_and(|t| self.rules.lexicon.apposition_start.contains(self.t(t)));
            // "Jane Roe said", "..., Jane Roe, said": a name right before a statement cue
            let cue_at = |x: usize| {
                ts.get(x).is_some_and(|t| {
                    matches!(self.info[x].speech, Some(Frame::Plain | Frame::Audience | Frame::That))
                        && !matches!(self.t(t), "called" | "calls")
                })
            };
            let between_commas = k >= 1 && self.t(&ts[k - 1]) == "," && ts.get(end).is_some_and(|t| self.t(t) == ",");
            let before_cue = cue_at(end) || (between_commas && cue_at(end + 1));
            // "Wang Yi", "Cho Tae-yul": a family name written first
            let family_first = self.rules.east_asian.contains(&**first) && words.len() <= 3;
            // a name found only by its cue must not be the tail of a longer name ("Human Rights
            // Watch said") nor end in an organisation's word ("Amnesty International said")
            let inside_run = k > 0 && ts[k - 1].kind == TokKind::Word && self.cap(k - 1);
            let org_word = self.rules.lexicon.not_person.contains(words.last().map(|w| &**w).unwrap_or(""));
            let by_cue = (after_cue || apposed || before_cue)
                && !inside_run
                && !org_word
                && (words.len() == 2
                    || words.len() == 3 && (NAME_PARTICLES.contains(&&*words[1]) || is_initials(&words[1])));
            let ok = self.rules.is_given_name(first) || is_initials(first) || family_first || by_cue;
            if !ok {
                return None;
            }
        } else if words.len() == 1 && self.info.get(end).is_some_and(|x| x.title == Some(TitleKind::Role)) {
            // "General Motors chief Mary Barra": a rank and a word before a role is an organisation
            return None;
        } else if role_only && words.len() == 1 && !honorific {
            // "spokesperson Doe" is rare; "chief Executive" is not a name
            let w = &words[0];
            if !ts[k].possessive && self.rules.is_given_name(w) {
                return None;
            }
        }
        let name = PersonName { words: words.into_iter().map(Cow::into_owned).collect() };
        let idx = self.push(MentionKind::Person(name), si, ts, k..end, i);
        let m = &mut self.out[idx];
        m.nationality = nationality;
        if let Some(p) = prefix_inst {
            // the title reads with its institution: "Pentagon spokesperson"
            if let Some(first) = titles.first_mut() {
                if let MentionKind::Institution { label, .. } = &self.out[p].kind {
                    let l = label.clone();
                    let m = &mut self.out[idx];
                    *first = format!("{l} {first}");
                    m.affiliation = Some(p);
                }
            }
        }
        // relative roles say nothing about the person
        titles.retain(|t| !self.rules.lexicon.relative_role.contains(t.as_str()));
        // "US Defense Secretary": the nationality reads with the first office
        if let (Some(c), Some(first)) = (nationality, titles.first_mut()) {
            if prefix_inst.is_none() && self.rules.titles.get(first.as_str()).is_some_and(|k| *k == TitleKind::Office) {
                *first = format!("{} {}", self.rules.countries[c].adjective(), first);
            }
        }
        let m = &mut self.out[idx];
        m.titles = titles;
        Some(end)
    }

    /// A country or a capital named at token i (only where [`mark::PLACE`] is).
    fn place_at(&mut self, si: usize, ts: &[Tok], i: usize) -> Option<usize> {
        let k = if self.is_the(i) { i + 1 } else { i };
        let tok = ts.get(k)?;
        // (only a country's or a capital's name, or the first word of one, with a capital, can be
        // a place: [`mark::PLACE`])
        let info = self.info[k];
        let w = self.t(tok);
        // two-word names first (only from a word that begins one)
        if k + 1 < ts.len() && !tok.possessive && self.info[k].has(WordInfo::PLACE_PAIR_FIRST) {
            let two = format!("{} {}", w, self.t(&ts[k + 1]));
            if let Some(&c) = self.rules.country_names.get(&two) {
                self.push(MentionKind::Place { country: c, capital: None }, si, ts, k..k + 2, k);
                return Some(k + 2);
            }
            if let Some(&c) = self.rules.capitals.get(&two) {
                self.push(MentionKind::Place { country: c, capital: Some(two) }, si, ts, k..k + 2, k);
                return Some(k + 2);
            }
        }
        // "Taiwan Strait", "Gaza Strip": part of a longer name, not the place acting
        if ts.get(k + 1).is_some_and(|n| {
            n.kind == TokKind::Word && self.cap(k + 1) && !tok.possessive && self.info[k + 1].has(WordInfo::NOT_SURNAME)
        }) {
            return None;
        }
        if let Some(c) = info.country_name() {
            // "US" before a noun is an adjective: "US officials", "US Defense Secretary"
            if info.adjective().is_some() && !tok.possessive {
                if let Some(next) = ts.get(k + 1) {
                    let nw = self.t(next);
                    let function = self.rules.lexicon.country_noun_before.contains(nw);
                    if next.kind == TokKind::Word && !function {
                        return None;
                    }
                }
            }
            self.push(MentionKind::Place { country: c, capital: None }, si, ts, k..k + 1, k);
            return Some(k + 1);
        }
        if let Some(c) = info.capital() {
            self.push(MentionKind::Place { country: c, capital: Some(w.to_string()) }, si, ts, k..k + 1, k);
            return Some(k + 1);
        }
        None
    }

    /// A personal pronoun at token i (only where [`mark::PRONOUN`] is).
    fn pronoun_at(&mut self, si: usize, ts: &[Tok], i: usize) -> Option<usize> {
        let p = match self.t(&ts[i]) {
            "he" | "He" => Pronoun::He,
            "she" | "She" => Pronoun::She,
            "it" | "It" => Pronoun::It,
            "they" | "They" => Pronoun::They,
            _ => return None,
        };
        // a capital mid-sentence ("...," He told Reuters) is a name, not a pronoun
        if self.cap(i) && !sentence_initial(self.text, ts, i, self.first_word) {
            return None;
        }
        self.push(MentionKind::Pronoun(p), si, ts, i..i + 1, i);
        Some(i + 1)
    }

    /// "Jane Roe, the chairman of the Joint Chiefs of Staff," and "Jane Roe, NATO's former
    /// supreme allied commander,": the apposition adds a title and an affiliation.
    fn appositions(&mut self, toks: &Tokens) {
        let n = self.out.len();
        for pi in 0..n {
            if !self.out[pi].is_person() || self.out[pi].possessive {
                continue;
            }
            let si = self.out[pi].sentence;
            let ts = &toks.per_sentence[si];
            let after = self.out[pi].toks.end;
            if after >= ts.len() || self.t(&ts[after]) != "," {
                continue;
            }
            // the apposition runs to the next comma (or the sentence's end), at most 12 tokens
            let mut j = after + 1;
            while j < ts.len()
                && j - after <= 12
                && !matches!(self.t(&ts[j]), "," | "." | ";" | "\"" | "\u{201c}" | "\u{201d}")
            {
                j += 1;
            }
            if j == after + 1 || j - after > 12 {
                continue;
            }
            let words: Vec<&str> = ts[after + 1..j].iter().map(|t| self.t(t)).collect();
            let role = words.iter().any(|w| {
                self.rules
                    .titles
                    .get(*w)
                    .is_some_and(|k| matches!(k, TitleKind::Role | TitleKind::Office | TitleKind::Rank))
                    && w.chars().next().is_some_and(char::is_lowercase)
            });
            // no verbs in an apposition: a cue word ends it
            let verb = words.iter().any(|w| {
                self.rules.speech.contains_key(*w) || matches!(*w, "who" | "which" | "is" | "was" | "has" | "had")
            });
            let first = ts[after + 1];
            let opens = matches!(words[0], "the" | "a" | "an" | "his" | "her" | "its" | "their" | "former" | "then")
                || first.possessive
                || self.rules.titles.contains_key(words[0])
                || words[0].chars().next().is_some_and(char::is_uppercase);
            if !role || verb || !opens {
                continue;
            }
            let start_tok =
                if matches!(words.first(), Some(&"the") | Some(&"a") | Some(&"an")) { after + 2 } else { after + 1 };
            let title = self.text[ts[start_tok].start..ts[j - 1].full_end].to_string();
            // an institution inside the apposition becomes the affiliation
            let span = ts[after + 1].start..ts[j - 1].full_end;
            let (from, to) = self.of_sentence(si);
            let inst = self.out[from..to]
                .iter()
                .position(|m| {
                    m.span.start >= span.start
                        && m.span.end <= span.end
                        && matches!(m.kind, MentionKind::Institution { .. })
                })
                .map(|k| from + k);
            let m = &mut self.out[pi];
            m.titles.push(title);
            if m.affiliation.is_none() {
                m.affiliation = inst;
            }
        }
    }

    /// Second pass: lone surnames of people already named in the document.
    fn surnames(&mut self, toks: &Tokens) {
        // folded surnames, and family names written first, of the people named in full
        let mut known: rustc_hash::FxHashSet<String> = Default::default();
        for m in &self.out {
            if let MentionKind::Person(p) = &m.kind {
                if p.words.len() >= 2 {
                    known.insert(crate::identity::surname_key(p.surname()));
                    if self.rules.east_asian.contains(&p.words[0]) {
                        known.insert(crate::identity::surname_key(&p.words[0]));
                    }
                }
            }
        }
        if known.is_empty() {
            return;
        }
        let mut covered: Vec<Range<usize>> = self.out.iter().map(|m| m.full.clone()).collect();
        covered.sort_by_key(|r| r.start);
        for (si, ts) in toks.per_sentence.iter().enumerate() {
            let lead = first_word(ts);
            for (ti, tok) in ts.iter().enumerate() {
                // a capitalised pronoun ("He said") is no surname
                let w = self.t(tok);
                if tok.kind != TokKind::Word || !w.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                let pronoun_like =
                    self.rules.lexicon.not_name_start.contains(w) && sentence_initial(self.text, ts, ti, lead);
                if pronoun_like {
                    continue;
                }
                // (folded on the stack when short ASCII, where `fold` is lower-casing)
                let mut buf = [0u8; 32];
                let found = if w.is_ascii() && w.len() <= buf.len() {
                    let b = &mut buf[..w.len()];
                    b.copy_from_slice(w.as_bytes());
                    b.make_ascii_lowercase();
                    known.contains(std::str::from_utf8(b).unwrap_or_default())
                } else {
                    known.contains(&fold(w))
                };
                if !found {
                    continue;
                }
                let inside = {
                    let p = covered.partition_point(|r| r.start <= tok.start);
                    p > 0 && covered[p - 1].end > tok.start
                };
                if inside {
                    continue;
                }
                let name = PersonName { words: vec![self.t(tok).to_string()] };
                self.push(MentionKind::Person(name), si, ts, ti..ti + 1, ti);
            }
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
mod tests {
    use crate::input::Document;
    use crate::rules::Rules;

    /// The `person:` and `institution:` lines of the fact dump of `text`.
    fn entities(text: &str) -> Vec<String> {
        let doc = Document { name: "t.txt".into(), text: text.into(), meta: Default::default() };
        let dump = crate::analyze_document(&doc, Rules::builtin()).dump();
        dump.lines().filter(|l| l.starts_with("person:") || l.starts_with("institution:")).map(String::from).collect()
    }

    /// Any white space between the words of a title or a name reads as one space (the spans
    /// looked up are borrowed from the text only when they hold single spaces).
    #[test]
    fn white_space_inside_names_and_titles_reads_as_a_space() {
        let text = "Talks\n\nUS Defense Secretary Jane Roe spoke by telephone with Russian Defense Minister Ivan \
                    Petrov of the Russian Defense Ministry.\n";
        let plain = entities(text);
        assert!(plain.iter().any(|l| l.contains("Defense Minister")), "{plain:?}");
        for sep in ["  ", "\t", "\u{b}", "\u{c}", "\u{a0}", "\u{2009}", "\u{3000}", "\u{85}"] {
            let odd = text
                .replace("Defense Minister", &format!("Defense{sep}Minister"))
                .replace("Jane Roe", &format!("Jane{sep}Roe"));
            assert_eq!(entities(&odd), plain, "separator {sep:?}");
        }
    }

    /// The marks of [`super::Finder::starts`] leave a rule off only at tokens where the rule
    /// finds nothing: tried at every token of the seed and fixture articles and of invented text.
    #[test]
    fn a_rule_finds_nothing_where_its_mark_is_off() {
        use super::{Finder, first_word, mark};
        let root = env!("CARGO_MANIFEST_DIR");
        let mut texts = vec![
            "\u{c9}LISE Durand-Roe and al-Fakir met el-Zed of the Armed Forces of Ukraine. He, she, it and They \
             left the United States for Abu Dhabi; iPhone makers and the new Defence Ministry of the \
             Republic of Kazakhstan agreed. Its chief spokesman, Brig. Gen. A. B. Roe, and US Defense \
             Secretary Jane Roe said the ministry's own deputy foreign minister \u{d6}mer Roe spoke."
                .to_string(),
        ];
        for dir in ["seeds", "tests/fixtures/articles"] {
            let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{dir}"))
                .expect("read the articles")
                .map(|e| e.expect("an entry").path())
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            texts.extend(paths.iter().map(|p| std::fs::read_to_string(p).expect("an article")));
        }
        assert!(texts.len() > 20);
        let rules = Rules::builtin();
        let (mut on, mut off) = ([0usize; 5], [0usize; 5]);
        for text in &texts {
            let seg = crate::text::segment(text);
            let toks = super::tokens(text, &seg);
            let mut f = Finder::new(text, &seg, rules);
            for (si, ts) in toks.per_sentence.iter().enumerate() {
                f.first_word = first_word(ts);
                f.mark_tokens(ts);
                for i in 0..ts.len() {
                    let m = f.marks[i];
                    let bits = [mark::GAZETTEER, mark::PATTERN, mark::PERSON, mark::PLACE, mark::PRONOUN];
                    for (r, bit) in bits.into_iter().enumerate() {
                        if m & bit != 0 {
                            on[r] += 1;
                            continue;
                        }
                        off[r] += 1;
                        let n = f.out.len();
                        let found = match r {
                            0 => f.gazetteer_at(si, ts, i),
                            1 => f.pattern_at(si, ts, i),
                            2 => f.person_at(si, ts, i),
                            3 => f.place_at(si, ts, i),
                            _ => f.pronoun_at(si, ts, i),
                        };
                        let w = ts[i].text(text);
                        assert!(
                            found.is_none() && f.out.len() == n,
                            "rule {r} at {w:?} in {:?}",
                            &text[seg.sentences[si].start..seg.sentences[si].end]
                        );
                    }
                }
                // (the mentions so far, as the rules see them in a document)
                f.sentence(si, ts);
            }
        }
        assert!(on.iter().all(|&n| n > 10) && off.iter().all(|&n| n > 1000), "{on:?} {off:?}");
    }

    #[test]
    fn titles_ranks_and_institution_prefixes_are_not_names() {
        let e =
            entities("Pentagon press secretary Brig. Gen. Jane Roe spoke. Air Force Major General John Doe agreed.");
        assert!(e.contains(&"person: Jane Roe [Brig. Gen.; Pentagon press secretary]".to_string()), "{e:?}");
        assert!(e.contains(&"person: John Doe [Air Force Major General]".to_string()), "{e:?}");
    }

    #[test]
    fn given_names_initials_and_surnames_resolve_to_one_person() {
        let e = entities("Anna Roe arrived. A.B. Roe then spoke, and Roe's aides left.");
        assert_eq!(e.iter().filter(|l| l.starts_with("person:")).count(), 1, "{e:?}");
    }

    #[test]
    fn surnames_that_are_titles_or_pronouns() {
        let e =
            entities("Defense Minister David King met Foreign Minister Ming He. \u{201c}Yes,\u{201d} He told Reuters.");
        assert!(e.iter().any(|l| l.starts_with("person: David King")), "{e:?}");
        assert!(e.iter().any(|l| l.starts_with("person: Ming He")), "{e:?}");
    }

    #[test]
    fn places_days_and_parties_are_not_people() {
        let e = entities("In San Marino, Liberation Day drew crowds. Christian Democrats met near the Taiwan Strait.");
        assert!(!e.iter().any(|l| l.starts_with("person:")), "{e:?}");
    }

    #[test]
    fn organisations_before_a_cue_are_not_people() {
        let e = entities("Amnesty International said the trial was unfair. Human Rights Watch said the same.");
        assert!(!e.iter().any(|l| l.starts_with("person:")), "{e:?}");
    }

    #[test]
    fn a_rank_word_in_a_company_name_is_no_rank() {
        let e = entities("General Motors chief Mary Barra met the minister.");
        assert!(
            e.contains(&"person: Mary Barra [General Motors chief]".to_string())
                || e.iter().any(|l| l.starts_with("person: Mary Barra")),
            "{e:?}"
        );
        assert!(!e.iter().any(|l| l.starts_with("person: Motors")), "{e:?}");
    }

    #[test]
    fn a_given_name_that_is_also_a_country() {
        let e = entities("Foreign Minister Israel Katz refused the request.");
        assert!(e.iter().any(|l| l.starts_with("person: Israel Katz")), "{e:?}");
    }

    #[test]
    fn ministries_by_pattern_and_anaphor() {
        let e = entities(
            "Moscow's defense ministry said so. Later the ministry added more. The Ministry of Foreign Affairs of Ukraine agreed.",
        );
        assert!(e.iter().any(|l| l.starts_with("institution: Russian Defense Ministry")), "{e:?}");
        assert!(e.iter().any(|l| l.starts_with("institution: Ukrainian Foreign Ministry")), "{e:?}");
    }
}
