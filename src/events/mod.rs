//! # Events: the facts of one document, read from its sentences
//!
//! Input: the document's mentions and entities (see [`crate::mentions`], [`crate::resolve`]).
//! Output: [`DocFacts`](crate::facts::DocFacts), every fact with its
//! [`Evidence`](crate::facts::Evidence) (sentence, byte span, rule).
//!
//! One room per fact kind, over one shared context:
//!
//! | file | reads |
//! |---|---|
//! | `context.rs` | what every reader shares: the mention index, pronoun antecedents, lower-cased words, subjects, clauses |
//! | `statements.rs` | who said what, to whom (speech cues, "according to", bare quotes) |
//! | `calls.rs` | calls: triggers, participants, date, initiator, status |
//! | `refusals.rs` | refusals: refusing verbs, requesters, request frames |
//! | `roles.rs` | affiliations, countries of institutions, successions |
//!
//! [`extract`] runs them in that order (statements first: call participants are the people who are
//! not speakers). The words they look for are rule data (`src/rules/data/`, see [`crate::rules`]).

mod calls;
mod context;
mod refusals;
mod roles;
mod statements;
#[cfg(test)]
mod tests;

use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::dates::{self, DateExpr};
use crate::facts::DocFacts;
use crate::mentions::{Mention, Tokens};
use crate::resolve::Resolved;
use crate::rules::Rules;
use crate::text::Segmented;

use context::{Antecedents, LowerForms, Lowered, MentionIndex};

/// The most facts of one kind (statements, call reports, refusals, successions, the participants
/// of a call) that one sentence gives. Each of them quotes the whole sentence as its evidence, so
/// a sentence dense with cues ("A said, B said, C said, ..." for megabytes) would otherwise make
/// the output, and the work, grow with the square of its length. The test corpora have at most
/// two a sentence.
pub const MAX_FACTS_PER_SENTENCE: usize = 16;

/// A sentence cut into more clauses than this (at "; ", ", after", ", while"...) is read as one
/// clause: real sentences have two or three, and each clause is read over the words of the whole
/// sentence, so a line of semicolons made the work grow with the square of its length.
pub const MAX_CALL_CLAUSES: usize = 8;

/// The statements of one sentence together quote at most this many times its length (counting
/// the spans of their words). Real statements quote disjoint or slightly overlapping parts of their
/// sentence (1.65 times its length at most in the test corpora); in a chain of cues ("A said, B
/// said, ...") each would quote everything before it, and memory would grow with the square of
/// the sentence.
pub const MAX_QUOTED_PER_SENTENCE: usize = 4;

struct Ctx<'a> {
    text: &'a str,
    seg: &'a Segmented,
    toks: &'a Tokens,
    mentions: &'a [Mention],
    res: Resolved,
    rules: &'a Rules,
    /// mention indices per sentence
    by_sentence: Vec<Range<usize>>,
    /// the same mentions by position
    index: MentionIndex,
    /// what pronouns can stand for
    antecedents: Antecedents,
    /// the country of each entity (those resolution made) through the institution named in a
    /// person's title, for [`Ctx::country_of`]: computed once, not by a scan of the mentions
    country_by_affiliation: Vec<Option<usize>>,
    /// refusals by (refuser, requester), and the evidence each has (by its place and rule: the
    /// document and text follow from them)
    refusal_of: rustc_hash::FxHashMap<(usize, usize), usize>,
    refusal_evidence: rustc_hash::FxHashSet<(usize, usize, usize, usize, Arc<str>)>,
    /// the sentence refusals are taken from and how many it gave so far
    refusals_here: (usize, usize),
    /// the first statement of the sentence being read, and the bytes its statements quote
    quoted: (usize, usize),
    /// dates per sentence
    dates: Vec<Vec<DateExpr>>,
    /// statement speakers' mention indices per sentence, with the first byte of the words they
    /// report, if they report (a speaker whose words report a call is no participant of it)
    speaker_mentions: Vec<Vec<(usize, Option<usize>)>>,
    /// lower-cased words per sentence and their ids, computed once (borrowed from outside, so
    /// a borrow of them does not hold `self`)
    lower: &'a Lowered<'a>,
    shared: std::cell::RefCell<Shared>,
    facts: DocFacts,
}

/// Strings that evidence shares (see [`Ctx::evidence`]).
struct Shared {
    doc: Arc<str>,
    texts: rustc_hash::FxHashMap<(usize, usize), Arc<str>>,
    rules: rustc_hash::FxHashMap<Box<str>, Arc<str>>,
}

/// A document as the earlier stages left it.
pub struct Analysed<'a> {
    pub doc: &'a str,
    pub text: &'a str,
    pub seg: &'a Segmented,
    pub toks: &'a Tokens,
    pub mentions: &'a [Mention],
    pub published: Option<NaiveDate>,
}

/// Extract the facts of one document from its analysed text.
pub fn extract(input: Analysed<'_>, res: Resolved, rules: &Rules) -> DocFacts {
    let Analysed { doc, text, seg, toks, mentions, published } = input;
    let n = seg.sentences.len();
    let mut by_sentence = vec![0..0; n];
    let mut i = 0;
    for (si, slot) in by_sentence.iter_mut().enumerate() {
        while i < mentions.len() && mentions[i].sentence < si {
            i += 1;
        }
        let start = i;
        let mut j = i;
        while j < mentions.len() && mentions[j].sentence == si {
            j += 1;
        }
        *slot = start..j;
    }
    let future = |w: &str| rules.event_words.future_tense.contains(w);
    let dates = toks.per_sentence.iter().map(|ts| dates::find(text, ts, published, &future)).collect();
    let index = MentionIndex::new(mentions, &by_sentence);
    let antecedents = Antecedents::new(mentions, &res, &by_sentence);
    // "Pentagon chief": a person's country through the first mention of them whose affiliation
    // has one
    let mut country_by_affiliation = vec![None; res.entities.len()];
    for (m, e) in mentions.iter().zip(&res.entity_of) {
        let (Some(e), Some(a)) = (*e, m.affiliation) else { continue };
        if country_by_affiliation[e].is_none() {
            country_by_affiliation[e] = res.entity_of[a].and_then(|ae| res.entities[ae].country);
        }
    }
    let forms = LowerForms::new(text, toks);
    let lower = Lowered::new(toks, &forms, rules);
    let mut c = Ctx {
        text,
        seg,
        toks,
        mentions,
        res,
        rules,
        by_sentence,
        index,
        antecedents,
        country_by_affiliation,
        refusal_of: Default::default(),
        refusal_evidence: Default::default(),
        refusals_here: (usize::MAX, 0),
        quoted: (0, 0),
        dates,
        speaker_mentions: vec![Vec::new(); n],
        shared: std::cell::RefCell::new(Shared {
            doc: Arc::from(doc),
            texts: Default::default(),
            rules: Default::default(),
        }),
        lower: &lower,
        facts: DocFacts { doc: doc.to_string(), published, sentences: n, ..Default::default() },
    };
    c.statements();
    c.calls();
    c.refusals();
    c.affiliations();
    c.countries();
    c.successions();
    c.facts.entities = std::mem::take(&mut c.res.entities);
    c.facts
}
