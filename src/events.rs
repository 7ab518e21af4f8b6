//! # Events: calls, refusals, statements, affiliations and successions of one document
//!
//! Input: the document's mentions and entities (see [`crate::mentions`], [`crate::resolve`]).
//! Output: [`DocFacts`], every fact with [`Evidence`] (sentence, byte span, rule).
//!
//! * **Statements** are anchored on a cue verb from `speech_verbs.tsv` outside quotation marks.
//!   The speaker stands before it (skipping an apposition or ", however,"), after it when
//!   inverted (", said Doe"), or is a pronoun resolved to the last speaker. The words stand before
//!   the speaker when the cue closes the sentence (`"...," Doe said.`), else after the cue (and
//!   after a "that" within a few words). "According to X" works both ways. A sentence that is a
//!   bare quotation continues the previous sentence's speaker.
//! * **Calls** are anchored on call nouns and verbs (`call_words.tsv`). Participants are the people
//!   of the sentence who are not speakers, not in quotes and not in a relative clause. A mention
//!   with no participants ("the call", "the two") refers to the document's current call; a
//!   participant-less report fills with the next one ("spoke by telephone on Tuesday" ... "the
//!   conversation between X and Y"). "since a call on May 13" reports an earlier call between the
//!   same people. Negated reports are dropped; announced ones are `planned`.
//! * **Refusals** are a refusing verb with a refusable object (`refusal_cues.tsv`), never with
//!   "to comment" and never negated. The requester follows "from"/"with" or a possessive; a
//!   group subject ("the Russian leaders", "they") and a missing requester come from a request
//!   frame ("A and B tried to reach their respective counterparts C and D").

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dates::{self, DateExpr, PartialDate};
use crate::mentions::{Mention, MentionKind, Pronoun, Tokens};
use crate::resolve::{Entity, EntityKind, InstType, Resolved};
use crate::rules::phrases::{RefusalVerb, UNKNOWN};
use crate::rules::{Frame, Rules};
use crate::text::{Segmented, Tok, TokKind};

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

/// The phrases that [`Ctx::initiator_cue`] looks for besides the `initiator` verbs of the rules
/// ("at the initiative of X", "initiated by X", "at the request of X", "at X's request"). The
/// rules give their first words ids ([`crate::rules::phrases::EventPhrases::initiator_starts`]): a
/// clause with none of them, and no initiator verb, names no initiator.
pub(crate) const INITIATOR_PHRASES: [&str; 4] = ["initiated by", "initiative of", "request of", "request"];
const INITIATED_BY: &str = INITIATOR_PHRASES[0];
const INITIATIVE_OF: &str = INITIATOR_PHRASES[1];
const REQUEST_OF: &str = INITIATOR_PHRASES[2];
const REQUEST: &str = INITIATOR_PHRASES[3];

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
    /// goes into `store::target_role::VALUES` too)
    #[serde(with = "crate::store::target_role")]
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
}

/// A statement found: who, the byte span of the words (and of their continuation after the
/// cue), the audience or target, the cue word and the rule.
struct Said<'a> {
    speaker: usize,
    speaker_mi: Option<usize>,
    words: Range<usize>,
    extra: Option<Range<usize>>,
    target: Option<(usize, &'static str)>,
    cue: &'a str,
    rule: &'a str,
}

/// A request frame found in a sentence: who asked whom.
#[derive(Debug, Clone)]
struct RequestFrame {
    sentence: usize,
    pairs: Vec<(usize, usize)>,
    requesters: Vec<usize>,
}

/// The mentions of each sentence by the token they start at, end at, and by their affiliation:
/// the lookups by position run at every cue, comma and trigger, and a sentence can hold
/// thousands of mentions (scanning them all each time made a long sentence quadratic).
struct MentionIndex {
    /// (sentence, first token, mention), sorted
    by_start: Vec<(u32, u32, u32)>,
    /// (sentence, token after the last, mention), sorted
    by_end: Vec<(u32, u32, u32)>,
    /// (sentence, affiliation, mention) of the mentions that have one, sorted
    by_affiliation: Vec<(u32, u32, u32)>,
}

impl MentionIndex {
    fn new(mentions: &[Mention], by_sentence: &[Range<usize>]) -> Self {
        let mut by_start = Vec::with_capacity(mentions.len());
        let mut by_end = Vec::with_capacity(mentions.len());
        let mut by_affiliation = Vec::new();
        for (si, r) in by_sentence.iter().enumerate() {
            for mi in r.clone() {
                let m = &mentions[mi];
                by_start.push((small(si), small(m.toks.start), small(mi)));
                by_end.push((small(si), small(m.toks.end), small(mi)));
                if let Some(a) = m.affiliation {
                    by_affiliation.push((small(si), small(a), small(mi)));
                }
            }
        }
        by_start.sort_unstable();
        by_end.sort_unstable();
        by_affiliation.sort_unstable();
        MentionIndex { by_start, by_end, by_affiliation }
    }

    /// The mentions of `list` keyed (si, key), in the order of the document.
    fn at(list: &[(u32, u32, u32)], si: usize, key: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        // (a key past u32 matches nothing: no list holds it)
        let want = (u32::try_from(si).unwrap_or(u32::MAX), u32::try_from(key).unwrap_or(u32::MAX));
        let lo = list.partition_point(|&(s, k, _)| (s, k) < want);
        let hi = lo + list[lo..].partition_point(|&(s, k, _)| (s, k) == want);
        list[lo..hi].iter().map(|&(_, _, mi)| mi as usize)
    }
    /// The mentions of sentence `si` whose tokens start at `tok`.
    fn starting(&self, si: usize, tok: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        Self::at(&self.by_start, si, tok)
    }
    /// The mentions of sentence `si` whose tokens end right before `tok`.
    fn ending(&self, si: usize, tok: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        Self::at(&self.by_end, si, tok)
    }
    /// The mentions of sentence `si` affiliated with mention `a`.
    fn affiliated(&self, si: usize, a: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        Self::at(&self.by_affiliation, si, a)
    }
}

/// The calls of a document by their participants, in order: each report looks up the first call
/// of its participants (a scan of every call made a document with many calls quadratic).
#[derive(Default)]
struct CallsByParts(rustc_hash::FxHashMap<BTreeSet<usize>, Vec<usize>>);

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

/// A sentence, token or mention index as a `u32`, for the indexes kept per mention (an article
/// would need four billion tokens to overflow it; the text is read whole into memory first).
fn small(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// What a pronoun can stand for, found once for every mention and sentence instead of by looking
/// back from each pronoun (a sentence of pronouns made that quadratic). Indices are `u32`,
/// `u32::MAX` for none.
struct Antecedents {
    /// The last mention before each mention that is a person (or role) outside quotes, resolved.
    person: Vec<u32>,
    /// The last mention before each mention, outside quotes, whose entity is a thing other than a
    /// country or capital (`[0]`), or a person (`[1]`).
    of_kind: [Vec<u32>; 2],
    /// The entity of the first actor of each sentence (outside quotes, not a possessive) that is a
    /// thing other than a place (`[0]`), or a person (`[1]`).
    subject: [Vec<u32>; 2],
}

impl Antecedents {
    fn new(mentions: &[Mention], res: &Resolved, by_sentence: &[Range<usize>]) -> Self {
        // 1 for a person entity, 0 for a thing that is not a place, None for a place
        let kind = |e: usize| {
            let ent = &res.entities[e];
            if ent.kind == EntityKind::Person {
                Some(1)
            } else if matches!(ent.inst_type, Some(InstType::Country) | Some(InstType::Capital)) {
                None
            } else {
                Some(0)
            }
        };
        let mut person = Vec::with_capacity(mentions.len());
        let mut of_kind = [Vec::with_capacity(mentions.len()), Vec::with_capacity(mentions.len())];
        let (mut last_person, mut last) = (u32::MAX, [u32::MAX; 2]);
        for (k, x) in mentions.iter().enumerate() {
            person.push(last_person);
            of_kind[0].push(last[0]);
            of_kind[1].push(last[1]);
            let Some(e) = res.entity_of[k] else { continue };
            if x.in_quote {
                continue;
            }
            if x.is_person() {
                last_person = small(k);
            }
            if let Some(w) = kind(e) {
                last[w] = small(k);
            }
        }
        let mut subject = [vec![u32::MAX; by_sentence.len()], vec![u32::MAX; by_sentence.len()]];
        for (si, r) in by_sentence.iter().enumerate() {
            for k in r.clone() {
                let x = &mentions[k];
                let Some(e) = res.entity_of[k] else { continue };
                if x.in_quote || x.possessive || !x.is_actor() {
                    continue;
                }
                if let Some(w) = kind(e) {
                    if subject[w][si] == u32::MAX {
                        subject[w][si] = small(e);
                    }
                }
            }
        }
        Antecedents { person, of_kind, subject }
    }
}

/// `u32::MAX` is none.
fn some(i: u32) -> Option<usize> {
    (i != u32::MAX).then_some(i as usize)
}

/// Who a subject phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// An entity, through mention `mention`.
    Actor { entity: usize, mention: usize },
    /// An unnamed group ("officials", "the Russian leaders", "they").
    Group { mention: Option<usize>, tok: usize },
}

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
    /// statement speakers' mention indices per sentence (not call participants)
    speaker_mentions: Vec<Vec<usize>>,
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
    let dates = toks.per_sentence.iter().map(|ts| dates::find(text, ts, published)).collect();
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

/// The lower-case forms of the tokens of a document: the document with its ASCII letters
/// lower-cased, followed by the full lower-case forms of the tokens whose other letters change
/// too (`text`), and those tokens, by number in document order, with where their forms lie in
/// it (`other`, in that order). One pass over the document lower-cases every ASCII token at once.
struct LowerForms {
    text: String,
    other: Vec<(u32, u32, u32)>,
}

impl LowerForms {
    fn new(text: &str, toks: &Tokens) -> Self {
        let mut lower = text.to_ascii_lowercase();
        let mut other = Vec::new();
        // (in a document all ASCII, every form is in place: no token needs a look)
        if !text.is_ascii() {
            for (k, t) in toks.per_sentence.iter().flatten().enumerate() {
                if text.as_bytes()[t.start..t.end].is_ascii() {
                    continue;
                }
                let full = t.text(text).to_lowercase();
                if full != lower[t.start..t.end] {
                    let start = lower.len();
                    lower.push_str(&full);
                    other.push((small(k), small(start), small(lower.len())));
                }
            }
        }
        LowerForms { text: lower, other }
    }

    /// The lower-case form of every token of `toks` (the tokens `new` was given), in document order.
    fn words<'t>(&'t self, toks: &Tokens) -> Vec<&'t str> {
        let mut out = Vec::with_capacity(toks.per_sentence.iter().map(Vec::len).sum());
        let (mut k, mut other) = (0, self.other.iter().peekable());
        for ts in &toks.per_sentence {
            out.extend(ts.iter().map(|t| {
                let (a, b) = match other.next_if(|o| o.0 == k) {
                    Some(&(_, a, b)) => (a as usize, b as usize),
                    None => (t.start, t.end),
                };
                k += 1;
                &self.text[a..b]
            }));
        }
        out
    }
}

/// The words of a document lower-cased, with their ids in the vocabulary of the event lists
/// ([`crate::rules::phrases`]) and the refusing verbs among them: made once, read by every
/// rule. Each is kept for the whole document, in order; `starts` cuts them into sentences.
struct Lowered<'t> {
    words: Vec<&'t str>,
    ids: Vec<u32>,
    /// where the tokens of each sentence start in `words` and `ids` (and one past the last)
    starts: Vec<usize>,
    /// (the token of each refusing verb in its sentence, the token where its object starts)
    refusal_verbs: Vec<(usize, usize)>,
    /// where the refusing verbs of each sentence start in `refusal_verbs` (and one past the last)
    verb_starts: Vec<usize>,
}

impl<'t> Lowered<'t> {
    fn new(toks: &Tokens, forms: &'t LowerForms, rules: &Rules) -> Self {
        let vocab = &rules.phrases.vocab;
        let words = forms.words(toks);
        let ids = words.iter().map(|w| vocab.id(w)).collect();
        let mut out = Lowered {
            words,
            ids,
            starts: Vec::with_capacity(toks.per_sentence.len() + 1),
            refusal_verbs: Vec::new(),
            verb_starts: Vec::with_capacity(toks.per_sentence.len() + 1),
        };
        let mut start = 0;
        for ts in &toks.per_sentence {
            out.starts.push(start);
            out.verb_starts.push(out.refusal_verbs.len());
            let (words, ids) = (&out.words[start..start + ts.len()], &out.ids[start..start + ts.len()]);
            // (most words begin as no refusing verb does)
            for ti in (0..words.len()).filter(|&ti| rules.phrases.refusal_starts.may_begin(words[ti])) {
                if let Some(object) = refusal_verb(rules, words, ids, ti) {
                    out.refusal_verbs.push((ti, object));
                }
            }
            start += ts.len();
        }
        out.starts.push(out.words.len());
        out.verb_starts.push(out.refusal_verbs.len());
        out
    }

    /// The lower-cased words of sentence `si`.
    fn words(&self, si: usize) -> &[&'t str] {
        &self.words[self.starts[si]..self.starts[si + 1]]
    }

    /// The ids of the words of sentence `si`.
    fn ids(&self, si: usize) -> &[u32] {
        &self.ids[self.starts[si]..self.starts[si + 1]]
    }

    /// The refusing verbs of sentence `si`: (token, where its object starts).
    fn refusal_verbs(&self, si: usize) -> &[(usize, usize)] {
        &self.refusal_verbs[self.verb_starts[si]..self.verb_starts[si + 1]]
    }
}

/// A refusing verb at token `ti`: where its object starts. A phrasal verb may be split around
/// its object ("turned the requests down").
fn refusal_verb(rules: &Rules, words: &[&str], ids: &[u32], ti: usize) -> Option<usize> {
    // every form below begins with the stem's first letter
    let &first_byte = words[ti].as_bytes().first()?;
    for &vi in &rules.refusal.verbs_by_byte[first_byte as usize] {
        match &rules.phrases.refusal_verbs[vi] {
            // (the phrase begins with its first word)
            RefusalVerb::Phrasal { words: phrase, first, rest } if ids[ti] == *first => {
                if ids[ti..].starts_with(phrase) {
                    return Some(ti + phrase.len());
                }
                if (ti + 2..(ti + 6).min(words.len())).any(|j| ids[j] == *rest) {
                    return Some(ti + 1);
                }
            }
            RefusalVerb::Phrasal { .. } => {}
            RefusalVerb::Stem => {
                let stem = &rules.refusal.verbs[vi].0;
                if words[ti].starts_with(stem.as_str()) && words[ti].len() <= stem.len() + 4 {
                    return Some(ti + 1);
                }
            }
        }
    }
    None
}

fn is_open_quote(s: &str) -> bool {
    matches!(s, "\"" | "\u{201c}" | "\u{201e}" | "\u{ab}")
}
fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "\u{201c}" | "\u{201d}" | "\u{201e}" | "\u{ab}" | "\u{bb}")
}

impl<'a> Ctx<'a> {
    fn ts(&self, si: usize) -> &'a [Tok] {
        &self.toks.per_sentence[si]
    }
    /// Token `ti` of sentence `si` ("" past the end), borrowed from the text, not from `self`.
    fn w(&self, si: usize, ti: usize) -> &'a str {
        self.ts(si).get(ti).map(|t| t.text(self.text)).unwrap_or("")
    }
    fn sentence_span(&self, si: usize) -> Range<usize> {
        let s = &self.seg.sentences[si];
        s.start..s.end
    }
    /// Evidence for `span` of sentence `si`. The document name, each span's text and each rule
    /// name are allocated once per document and shared by the evidence that repeats them.
    fn evidence(&self, si: usize, span: Range<usize>, rule: &str) -> Evidence {
        let mut shared = self.shared.borrow_mut();
        let text = shared.texts.entry((span.start, span.end)).or_insert_with(|| Arc::from(&self.text[span.clone()]));
        let text = text.clone();
        let rule = match shared.rules.get(rule) {
            Some(r) => r.clone(),
            None => {
                let r: Arc<str> = Arc::from(rule);
                shared.rules.insert(rule.into(), r.clone());
                r
            }
        };
        Evidence { doc: shared.doc.clone(), sentence: si, start: span.start, end: span.end, text, rule }
    }
    fn sentence_evidence(&self, si: usize, rule: &str) -> Evidence {
        self.evidence(si, self.sentence_span(si), rule)
    }
    fn entity(&self, mi: usize) -> Option<usize> {
        self.res.entity_of[mi]
    }
    fn is_person_entity(&self, e: usize) -> bool {
        self.res.entities[e].kind == EntityKind::Person
    }
    /// The mention whose tokens start at ti (a leading "the" allowed), not in a quote.
    fn mention_starting(&self, si: usize, ti: usize) -> Option<usize> {
        let ti2 = if matches!(self.w(si, ti), "the" | "The" | "a" | "an") { ti + 1 } else { ti };
        // the first mention of the sentence that starts at either
        let at = |t: usize| self.index.starting(si, t).find(|&mi| !self.mentions[mi].in_quote);
        let first = match (at(ti), if ti2 == ti { None } else { at(ti2) }) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        // "Kremlin spokesman Dmitry Peskov": the person, not the institution in the title. Only a
        // person named after it: in "Jane Roe, the Kremlin spokesman" the institution is Roe's,
        // but Roe does not start here (callers move on to the end of the mention they get)
        if matches!(self.mentions[first].kind, MentionKind::Institution { .. }) {
            let at = self.mentions[first].toks.start;
            let person = self
                .index
                .affiliated(si, first)
                .find(|&p| self.mentions[p].is_person() && self.mentions[p].toks.start >= at);
            if person.is_some() {
                return person;
            }
        }
        Some(first)
    }
    fn mention_ending(&self, si: usize, end_tok: usize) -> Option<usize> {
        self.index.ending(si, end_tok).rev().find(|&mi| !self.mentions[mi].in_quote)
    }

    // ---------------------------------------------------------------- pronouns

    /// Resolve a pronoun at mention `mi` to an entity.
    fn resolve_pronoun(&self, mi: usize, p: Pronoun) -> Option<usize> {
        let m = &self.mentions[mi];
        let si = m.sentence;
        let want_person = matches!(p, Pronoun::He | Pronoun::She);
        if !want_person && p != Pronoun::It {
            return None;
        }
        // 1. earlier in the same sentence, outside quotes, unless the pronoun closes the words it
        // attributes (`"...", he said`: who is named in the words is not who speaks)
        let ti = m.toks.start;
        let closes = ti >= 1
            && matches!(self.w(si, ti - 1), "," | "\"" | "\u{201d}")
            && self.rules.speech.contains_key(self.w(si, ti + 1));
        let found = &self.antecedents;
        if want_person && !closes {
            let prev = some(found.person[mi]).filter(|&k| k >= self.by_sentence[si].start);
            if let Some(k) = prev {
                return self.entity(k);
            }
        }
        // 2. the speaker of the sentence before, when that speaker is its subject; else its subject
        let subject_of = |prev: usize| some(found.subject[usize::from(want_person)][prev]);
        if let Some(prev) = si.checked_sub(1) {
            let subject = subject_of(prev);
            // statements come in sentence order: the last one of `prev` ends where those after it begin
            let statements = &self.facts.statements;
            let after_prev = statements.partition_point(|s| s.evidence.sentence <= prev);
            let speaker = after_prev
                .checked_sub(1)
                .map(|i| &statements[i])
                .filter(|s| s.evidence.sentence == prev)
                .map(|s| s.speaker);
            if let Some(s) = speaker.filter(|s| Some(*s) == subject || subject.is_none()) {
                if self.is_person_entity(s) == want_person {
                    return Some(s);
                }
            }
            if subject.is_some() {
                return subject;
            }
        }
        // 3. the last speaker of that kind in the three sentences before
        // (in sentence order: look back from the last statement of `si`, no further than three
        // sentences, not through every statement of the document)
        let statements = &self.facts.statements;
        let last_speaker = statements[..statements.partition_point(|s| s.evidence.sentence < si + 1)]
            .iter()
            .rev()
            .take_while(|s| s.evidence.sentence + 3 >= si)
            .find(|s| self.is_person_entity(s.speaker) == want_person);
        if let Some(s) = last_speaker {
            return Some(s.speaker);
        }
        for back in 2..=3 {
            let Some(prev) = si.checked_sub(back) else { break };
            if let Some(e) = subject_of(prev) {
                return Some(e);
            }
        }
        // 3. the last such mention before, within three sentences
        some(found.of_kind[usize::from(want_person)][mi])
            .filter(|&k| self.mentions[k].sentence + 3 >= si)
            .and_then(|k| self.entity(k))
    }

    /// A person's country: stated ("US Defense Secretary") or through an institution named in a
    /// title ("Pentagon chief").
    fn country_of(&self, e: usize) -> Option<usize> {
        let ent = &self.res.entities[e];
        // (entities added after extraction began have no mentions)
        ent.nationality.or(ent.country).or_else(|| self.country_by_affiliation.get(e).copied().flatten())
    }

    fn subject_entity(&self, mi: usize) -> Option<usize> {
        match &self.mentions[mi].kind {
            MentionKind::Pronoun(p) => self.resolve_pronoun(mi, *p),
            _ => self.entity(mi),
        }
    }

    /// The subject of a sentence: its first actor, outside quotes and not a possessive modifier,
    /// named before token `ti` ("Dar briefed on Pakistan's position and said ...").
    fn sentence_subject(&self, si: usize, ti: usize) -> Option<Subject> {
        let mi = self.by_sentence[si].clone().find(|&mi| {
            let m = &self.mentions[mi];
            !m.in_quote && !m.possessive && m.toks.end <= ti && m.is_actor()
        })?;
        // a sentence that opens with a clause ("After the call, ...") has its subject later; only
        // take a subject that opens the sentence
        let lead =
            self.ts(si)[..self.mentions[mi].toks.start].iter().filter(|t| t.kind == TokKind::Word).take(4).count();
        if lead > 3 {
            return None;
        }
        self.subject_entity(mi).map(|e| Subject::Actor { entity: e, mention: mi })
    }

    /// The subject of the verb at token `ti` of sentence `si`.
    fn subject_before(&self, si: usize, ti: usize, allow_quotes_in_gap: bool) -> Option<Subject> {
        let ts = self.ts(si);
        if ti == 0 {
            return None;
        }
        // "Russia's top general, Jane Roe, has also refused": auxiliaries and adverbs between the
        // appositive's comma and the verb
        let mut c0 = ti;
        while c0 > 0
            && ti - c0 < 3
            && self.rules.lexicon.gap.contains(self.w(si, c0 - 1))
            && self.mention_ending(si, c0).is_none()
        {
            c0 -= 1;
        }
        if c0 < ti && c0 >= 2 && self.w(si, c0 - 1) == "," {
            return self.subject_before(si, c0, allow_quotes_in_gap);
        }
        // "Ukraine's top diplomat, Jane Roe, says": the name right before the comma
        if self.w(si, ti - 1) == "," && ti >= 2 {
            if let Some(mi) = self.mention_ending(si, ti - 1) {
                let m = &self.mentions[mi];
                if m.is_person() {
                    if let Some(e) = self.subject_entity(mi) {
                        return Some(Subject::Actor { entity: e, mention: mi });
                    }
                }
            }
        }
        // "Jane Roe, the chairman of X, said" / "The ministry, however, said"
        if self.w(si, ti - 1) == "," {
            let mut c = ti - 1;
            let mut steps = 0;
            while c > 0 && steps < 16 {
                c -= 1;
                steps += 1;
                let w = self.w(si, c);
                if w == "," {
                    break;
                }
                if is_quote(w) {
                    c = 0;
                    break;
                }
            }
            if c > 0 && self.w(si, c) == "," {
                let between = ti - 1 - c - 1;
                if let Some(mi) = self.mention_ending(si, c) {
                    let m = &self.mentions[mi];
                    if m.is_person() || between <= 3 {
                        if let Some(e) = self.subject_entity(mi) {
                            return Some(Subject::Actor { entity: e, mention: mi });
                        }
                    }
                }
            }
            return None;
        }
        // nearest mention before, with a small gap of adverbs and auxiliaries
        let mut k = ti;
        let mut gap = 0;
        while k > 0 && gap <= 7 {
            k -= 1;
            let tok = &ts[k];
            // does a mention end here?
            if let Some(mi) = self.index.ending(si, k + 1).next_back() {
                let m = &self.mentions[mi];
                if m.in_quote {
                    return None;
                }
                if m.possessive {
                    // "Moscow's statement said": the owner speaks; "Russia's top officials": a group
                    let owner_ok = ts[k + 1..ti].iter().any(|t| {
                        matches!(t.text(self.text), "statement" | "readout" | "website" | "account" | "channel")
                    });
                    if !owner_ok {
                        return Some(Subject::Group { mention: Some(mi), tok: k });
                    }
                }
                // "the Department of State in Washington condemned": the head before the place;
                // "Diplomats in Brussels said": a group; a place after a preposition never speaks
                let start = m.toks.start;
                let place = matches!(m.kind, MentionKind::Place { .. });
                if place && start >= 1 && matches!(self.w(si, start - 1), "in" | "at" | "from") {
                    let head = self.mention_ending(si, start - 1).and_then(|h| Some((h, self.subject_entity(h)?)));
                    return Some(match head {
                        Some((h, e)) => Subject::Actor { entity: e, mention: h },
                        None => Subject::Group { mention: Some(mi), tok: k },
                    });
                }
                return match self.subject_entity(mi) {
                    Some(e) => Some(Subject::Actor { entity: e, mention: mi }),
                    None => Some(Subject::Group { mention: Some(mi), tok: k }),
                };
            }
            let w = tok.text(self.text);
            if self.rules.group_nouns.contains(w) || self.rules.group_nouns.contains(&w.to_lowercase()) {
                return Some(Subject::Group { mention: None, tok: k });
            }
            // "Jane Roe, who had said that ...": the relative pronoun stands for the name before it
            if w == "who" && k >= 1 && self.w(si, k - 1) == "," {
                let mi = self.mention_ending(si, k - 1)?;
                return self.subject_entity(mi).map(|e| Subject::Actor { entity: e, mention: mi });
            }
            // "Roe thanked her and said ...": a short verb phrase joined by "and"
            if w == "and" && k + 1 == ti {
                let mut j = k;
                while j > 0 && k - j < 6 {
                    j -= 1;
                    if ts[j].kind == TokKind::Punct {
                        break;
                    }
                    let ending = self.index.ending(si, j + 1).find(|&mi| !self.mentions[mi].in_quote);
                    if let Some(mi) = ending {
                        if self.mentions[mi].is_person() || matches!(self.mentions[mi].kind, MentionKind::Pronoun(_)) {
                            return self.subject_entity(mi).map(|e| Subject::Actor { entity: e, mention: mi });
                        }
                        break;
                    }
                }
                return self.sentence_subject(si, ti);
            }
            // "X welcomed the deal but said ...": the sentence's subject
            if w == "but" && k + 1 == ti {
                return self.sentence_subject(si, ti);
            }
            if tok.kind == TokKind::Punct {
                if allow_quotes_in_gap && is_quote(w) {
                    continue;
                }
                return None;
            }
            let weekday = w.ends_with("day") && w.chars().next().is_some_and(char::is_uppercase);
            // only adverbs, auxiliaries and time words stand between a subject and its verb
            // ("Moscow's last week statement which said"), and one past-tense verb right after the
            // subject, as in hurried copy ("The Kremlin issued on Monday cautioned ...")
            let verb_after_subject = k > 0
                && w.len() > 3
                && w.ends_with("ed")
                && w.chars().all(char::is_lowercase)
                && self.index.ending(si, k).any(|mi| !self.mentions[mi].in_quote);
            if !(self.rules.lexicon.gap.contains(w) || weekday || verb_after_subject) {
                return None;
            }
            gap += 1;
        }
        None
    }

    // ---------------------------------------------------------------- statements

    fn statements(&mut self) {
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
                let maybe = speech.contains(ids[ti]) || words[ti] == "according";
                if tok.kind != TokKind::Word || !maybe || self.seg.in_quote(tok.start) {
                    continue;
                }
                let w = tok.text(self.text);
                if (w == "according" || w == "According") && self.w(si, ti + 1) == "to" {
                    self.according(si, ti);
                    continue;
                }
                if let Some(&frame) = self.rules.speech.get(w) {
                    self.cue(si, ti, frame);
                }
            }
            if self.facts.statements.len() == before {
                self.bare_quote(si);
            }
        }
        // one statement per speaker and words in a document
        let mut seen = BTreeSet::new();
        self.facts.statements.retain(|s| seen.insert((s.speaker, s.quote.clone())));
    }

    fn push_statement(&mut self, si: usize, said: Said<'_>) {
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
            self.speaker_mentions[si].push(mi);
        }
        let span = self.sentence_span(si);
        let ev = self.evidence(si, span, rule);
        self.quoted.1 = quoted;
        self.facts.statements.push(DocStatement {
            speaker,
            target: target.map(|t| t.0),
            target_role: target.map(|t| t.1).unwrap_or("none"),
            quote,
            direct,
            cue: cue.to_string(),
            evidence: ev,
        });
    }

    /// "Roe told Doe that ..., the ministry said": the words of an inner statement end before the
    /// comma that opens the outer cue.
    fn outer_cue_before_end(&self, si: usize, from: usize) -> Option<usize> {
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
    fn words_start(&self, si: usize) -> usize {
        let ts = self.ts(si);
        let mut k = 0;
        while k < ts.len() && ts[k].kind == TokKind::Punct && !is_quote(ts[k].text(self.text)) {
            k += 1;
        }
        ts.get(k).map(|t| t.start).unwrap_or(self.sentence_span(si).start)
    }

    /// End of the sentence's words, before the final full stop.
    fn words_end(&self, si: usize) -> usize {
        let ts = self.ts(si);
        let mut k = ts.len();
        while k > 0 && matches!(ts[k - 1].text(self.text), "." | "!" | "?" | ",") {
            k -= 1;
        }
        ts.get(k.saturating_sub(1)).map(|t| t.full_end).unwrap_or(self.sentence_span(si).end)
    }

    fn cue(&mut self, si: usize, ti: usize, frame: Frame) {
        let ts_len = self.ts(si).len();
        let cue = self.w(si, ti);
        let prev = if ti > 0 { self.w(si, ti - 1) } else { "" };
        // "called him a liar", "called the talks 'candid'" are statements; "called him on
        // Tuesday" is a call; "called on Moscow to stop" is an appeal to Moscow
        let called_on = frame == Frame::Naming && self.w(si, ti + 1) == "on";
        let frame = if called_on { Frame::Target } else { frame };
        if frame == Frame::Naming {
            match self.mention_starting(si, ti + 1) {
                Some(obj) => {
                    let after = self.w(si, self.mentions[obj].toks.end);
                    if !matches!(after, "a" | "an" | "the" | "\"" | "\u{201c}") {
                        return;
                    }
                }
                None => {
                    let quoted_soon = (ti + 1..(ti + 6).min(ts_len)).any(|j| is_open_quote(self.w(si, j)));
                    if !quoted_soon {
                        return;
                    }
                }
            }
        }
        if frame == Frame::Participle {
            self.participle(si, ti, cue);
            return;
        }
        // inverted: `"...," said Doe` / `..., said the ministry`
        let inverted = (prev == "," || matches!(prev, "\"" | "\u{201d}")) && frame == Frame::Plain;
        if inverted {
            // `..., said Jane Roe.` / `, said the ministry, per Reuters`: the speaker ends the clause;
            // `, said the prime minister "had no time"` has its speaker before the cue
            let named = self.mention_starting(si, ti + 1).filter(|&mi| {
                let after = self.w(si, self.mentions[mi].toks.end);
                !matches!(self.mentions[mi].kind, MentionKind::Pronoun(_))
                    && (matches!(after, "" | "," | "." | ";" | "!" | "?") || self.rules.lexicon.gap.contains(after))
            });
            if let Some(mi) = named {
                if let Some(e) = self.subject_entity(mi) {
                    // `"...," said Roe`: the words end with the closing quote
                    let prev_tok = self.ts(si)[ti - 1];
                    let end = if is_quote(prev_tok.text(self.text)) { prev_tok.end } else { prev_tok.start };
                    let start = self.words_start(si);
                    if end > start {
                        self.push_statement(
                            si,
                            Said {
                                speaker: e,
                                speaker_mi: Some(mi),
                                words: start..end,
                                extra: None,
                                target: None,
                                cue,
                                rule: "statement.said-inverted",
                            },
                        );
                    }
                    return;
                }
            }
        }
        let Some(Subject::Actor { entity: speaker, mention: smi }) = self.subject_before(si, ti, false) else {
            return;
        };
        // where the speaker's phrase starts: the apposition case starts at the person
        let mut phrase_start = self.mentions[smi].toks.start;
        if let Some(a) = self.mentions[smi].affiliation {
            let am = &self.mentions[a];
            if am.sentence == si && am.toks.end == phrase_start {
                phrase_start = am.toks.start;
            }
        }
        while phrase_start > 0 && matches!(self.w(si, phrase_start - 1), "the" | "The" | "a" | "an" | "A" | "An") {
            phrase_start -= 1;
        }
        // the object after the cue: audience or target
        let mut k = ti + 1 + usize::from(called_on);
        let mut target = None;
        if matches!(frame, Frame::Audience | Frame::Target | Frame::Charge | Frame::Naming) {
            if let Some(mi) = self.mention_starting(si, k) {
                if let Some(e) = self.subject_entity(mi) {
                    let role = if frame == Frame::Audience { "audience" } else { "target" };
                    target = Some((e, role));
                }
                k = self.mentions[mi].toks.end;
            } else if frame == Frame::Audience
                && matches!(self.w(si, k), "reporters" | "journalists" | "lawmakers" | "parliament" | "media")
            {
                k += 1;
            } else if frame != Frame::Plain {
                // "warned that ...", "urged restraint": no object
            }
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
        // tail: up to the next comma or the end
        let mut tail_words = 0;
        let mut has_that = false;
        let mut j = k;
        while j < ts_len && self.w(si, j) != "," && !matches!(self.w(si, j), "." | "!" | "?") {
            if self.w(si, j) == "that" {
                has_that = true;
            }
            if self.ts(si)[j].kind == TokKind::Word {
                tail_words += 1;
            }
            j += 1;
        }
        let before_phrase = if phrase_start > 0 { self.w(si, phrase_start - 1) } else { "" };
        // (only "two or more" matters: no need to count every word of a long sentence)
        let lead_words = self.ts(si)[..phrase_start].iter().filter(|t| t.kind == TokKind::Word).take(2).count();
        // the words stand before the speaker when the cue closes the sentence: after a quotation
        // (`"...," the ministry said on Telegram`), or after a comma with only a short or
        // prepositional tail (`..., Doe told reporters.`)
        let quote_before = matches!(before_phrase, "\"" | "\u{201d}");
        let prep_tail = matches!(
            self.w(si, k),
            "on" | "in"
                | "at"
                | "after"
                | "during"
                | "via"
                | "per"
                | "late"
                | "earlier"
                | "last"
                | "this"
                | "yesterday"
                | "today"
                | "later"
                | ","
                | "."
                | ""
        );
        let can_go_back = matches!(frame, Frame::Plain | Frame::That | Frame::Audience) && lead_words >= 2 && !has_that;
        // "Roe replied: "..."": the words follow
        let opens = self.w(si, k) == ":" || is_open_quote(self.w(si, k));
        let backward = !opens
            && can_go_back
            && (quote_before || (before_phrase == "," && (tail_words <= 4 || prep_tail)) || tail_words == 0);
        if backward {
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
                let participle = self.w(si, a).ends_with("ing")
                    || matches!(self.w(si, a), "per" | "in" | "on" | "after" | "according");
                (rest_end > rest_start && !participle && self.seg.quotes_in(rest_start..rest_end).next().is_some())
                    .then_some(rest_start..rest_end)
            } else {
                None
            };
            if end > start {
                self.push_statement(
                    si,
                    Said {
                        speaker,
                        speaker_mi: Some(smi),
                        words: start..end,
                        extra,
                        target,
                        cue,
                        rule: "statement.said-after",
                    },
                );
            }
            return;
        }
        // forward: after the cue (and object), after "that" when it comes soon
        let mut start_tok = k;
        let mut found_that = false;
        for j in k..(k + 9).min(ts_len) {
            let w = self.w(si, j);
            if w == "that" {
                start_tok = j + 1;
                found_that = true;
                break;
            }
            // only time words and adverbs stand between the cue and "that"
            let weekday = w.ends_with("day") && w.chars().next().is_some_and(char::is_uppercase);
            let gap_ok = self.rules.lexicon.gap.contains(w)
                || weekday
                || matches!(
                    w,
                    "reporters" | "journalists" | "briefing" | "news" | "conference" | "interview" | "press"
                );
            if !gap_ok {
                break;
            }
        }
        if frame == Frame::That && !found_that {
            // "announced: '...'" / "confirmed '...'" still carry words
            let mut q = k;
            if self.w(si, q) == ":" {
                q += 1;
            }
            if !is_open_quote(self.w(si, q)) {
                return;
            }
            start_tok = q;
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
                Frame::Plain | Frame::That | Frame::Participle => "statement.said-that",
            };
            self.push_statement(
                si,
                Said { speaker, speaker_mi: Some(smi), words: start..end, extra: None, target, cue, rule },
            );
        }
    }

    /// "X rejected the offer, saying (that) ...": the subject of the sentence speaks.
    fn participle(&mut self, si: usize, ti: usize, cue: &str) {
        // "the readout quoted Jane Roe as saying ...": the one quoted speaks
        let quoted = ti >= 2 && self.w(si, ti - 1) == "as" && cue == "saying";
        if ti == 0 || (self.w(si, ti - 1) != "," && !quoted) {
            return;
        }
        let first = if quoted {
            self.mention_ending(si, ti - 1)
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

    fn according(&mut self, si: usize, ti: usize) {
        let Some(mi) = self.mention_starting(si, ti + 2) else { return };
        let Some(e) = self.subject_entity(mi) else { return };
        let ts_len = self.ts(si).len();
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
                cue: "according to",
                rule: "statement.according-to",
            };
            self.push_statement(si, said);
        }
    }

    /// A sentence that is a quotation and nothing else continues the previous speaker.
    fn bare_quote(&mut self, si: usize) {
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

    /// Does `phrase` (words joined by single spaces) begin at `words[0]`?
    /// (This and [`Self::find_phrase`] serve the few phrases written in this file; the rule
    /// lists are matched as word ids, see [`crate::rules::phrases`].)
    fn phrase_at(words: &[&str], phrase: &str) -> bool {
        let mut rest = phrase.as_bytes();
        for w in words {
            let w = w.as_bytes();
            match rest.strip_prefix(w) {
                Some([]) => return true,
                Some([b' ', tail @ ..]) if !w.is_empty() => rest = tail,
                _ => return false,
            }
        }
        false
    }

    /// Where `phrase` (words joined by single spaces) first occurs in `words`.
    fn find_phrase(words: &[&str], phrase: &str) -> Option<usize> {
        let first = phrase.as_bytes().split(|&b| b == b' ').next().unwrap_or_default();
        let (&f0, more) = (first.first()?, first.len() < phrase.len());
        words.iter().enumerate().find_map(|(i, w)| {
            let w = w.as_bytes();
            let hit =
                w.len() == first.len() && w[0] == f0 && w == first && (!more || Self::phrase_at(&words[i..], phrase));
            hit.then_some(i)
        })
    }

    /// Does the sentence refuse contact somewhere ("declined calls", "rejected talks")? A refusing
    /// verb alone is not enough: "rejected claims" leaves the sentence free to report a call.
    fn has_refusal(&self, si: usize) -> bool {
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
    fn refusal_object(&self, rest: &[u32]) -> Option<(usize, String)> {
        let p = &self.rules.phrases;
        if p.refusal_not.matching_at(rest).next().is_some() {
            return None;
        }
        let o = p.refusal_objects.matching_at(rest).next()?;
        Some((p.refusal_objects.words(o), self.rules.refusal.objects[o].1.clone()))
    }

    fn negated_before(&self, words: &[&str], ids: &[u32], at: usize) -> bool {
        let negation = &self.rules.phrases.negation;
        (at.saturating_sub(4)..at).any(|k| negation.contains(ids[k]) || words[k].ends_with("n't"))
    }

    /// "sought a call with", "tried to set up calls", "to be able to speak": asked for or
    /// wished, not held.
    fn requested_before(&self, words: &[&str], ids: &[u32], at: usize) -> bool {
        let infinitive = at > 0 && words[at - 1] == "to";
        // "X requested the call": the call held, at X's request
        if at >= 2 && words[at - 1] == "the" && words[at - 2] == "requested" {
            return false;
        }
        infinitive || ids[at.saturating_sub(5)..at].iter().any(|&w| self.rules.phrases.requested.contains(w))
    }

    fn planned_before(&self, ids: &[u32], at: usize) -> bool {
        let p = &self.rules.phrases;
        ids[at.saturating_sub(4)..at].iter().any(|&w| p.planned.contains(w))
            || p.later.any(&ids[at..(at + 12).min(ids.len())])
    }

    /// Tokens inside relative clauses and "replaced/appointed by" phrases: from the cue to the
    /// next comma. Their people and dates belong to another event. (Into `excluded`, by token.)
    fn side_clauses(words: &[&str], excluded: &mut Vec<bool>) {
        excluded.clear();
        excluded.resize(words.len(), false);
        let mut k = 0;
        while k < words.len() {
            if matches!(words[k], "who" | "whose" | "which" | "replaced" | "succeeded" | "appointed") {
                let mut j = k + 1;
                while j < words.len() && words[j] != "," && words[j] != ";" {
                    excluded[j] = true;
                    j += 1;
                }
                k = j;
            }
            k += 1;
        }
    }

    /// The tokens whose people and dates cannot take part in a call there, into `excluded`:
    /// `side_clauses`, except the clause that holds the trigger ("Doe, who said he had spoken
    /// to Roe by phone": the call is in the clause).
    fn clause_mask(words: &[&str], trigger: Option<usize>, excluded: &mut Vec<bool>) {
        Self::side_clauses(words, excluded);
        if let Some(t) = trigger.filter(|&t| excluded.get(t).copied().unwrap_or(false)) {
            let (mut a, mut b) = (t, t);
            while a > 0 && excluded[a - 1] {
                a -= 1;
            }
            while b < excluded.len() && excluded[b] {
                b += 1;
            }
            excluded[a..b].iter_mut().for_each(|x| *x = false);
        }
    }

    /// People of a sentence who can take part in a call there (`excluded`: the
    /// [`Self::clause_mask`] of `trigger`).
    fn participants(
        &self,
        si: usize,
        words: &[&str],
        trigger: Option<usize>,
        excluded: &[bool],
    ) -> (Vec<usize>, Vec<usize>) {
        let call_nouns =
            ["call", "calls", "conversation", "talks", "phone", "telephone", "first", "second", "last", "previous"];
        // "During Friday's call, X told Y that ...": the speaker took part
        let framed = trigger.is_some_and(|t| t <= 5)
            && words.first().is_some_and(|w| matches!(*w, "in" | "during"))
            && words.iter().take(8).any(|w| *w == ",");
        let mut people = Vec::new();
        let mut mentions = Vec::new();
        for mi in self.by_sentence[si].clone() {
            let m = &self.mentions[mi];
            let outside = words.get(m.toks.start).is_some_and(|w| w.is_empty());
            if outside
                || !m.is_person()
                || m.in_quote
                || excluded[m.toks.start]
                || (self.speaker_mentions[si].contains(&mi) && !framed)
            {
                continue;
            }
            if m.possessive
                && !words[m.toks.end..(m.toks.end + 3).min(words.len())].iter().any(|w| call_nouns.contains(w))
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
    fn call_date(
        &self,
        si: usize,
        words: &[&str],
        trigger: usize,
        limit: usize,
        excluded: &[bool],
    ) -> Option<PartialDate> {
        // "spoke by phone last week": a vague time, no day
        let after = &words[trigger..(trigger + 7).min(words.len())];
        let vague = ["last week", "this week", "earlier this week", "last month", "this month", "earlier this month"];
        if vague.iter().any(|v| Self::find_phrase(after, v).is_some()) {
            return None;
        }
        let when_clause = |d: &DateExpr| {
            words.get(d.toks.end).is_some_and(|w| *w == ",")
                && words.get(d.toks.end + 1).is_some_and(|w| *w == "when")
                && trigger > d.toks.end
        };
        let boundary = |a: usize, b: usize| {
            words[a.min(b)..a.max(b)].iter().any(|w| matches!(*w, "that" | "when" | "said" | "told" | ";" | "while"))
        };
        self.dates[si]
            .iter()
            .filter(|d| {
                let s = d.toks.start;
                let far = boundary(d.toks.end.min(trigger), d.toks.start.max(trigger));
                if excluded[s] || s >= limit || words[s].is_empty() || (far && !when_clause(d)) {
                    return false;
                }
                // "since March 2023", "before May 13": the date of something else, unless a
                // "when" clause reports this call ("since March 2023, when Doe phoned Roe")
                let before = if s > 0 { words[s - 1] } else { "" };
                d.possessive
                    || when_clause(d)
                    || !matches!(before, "since" | "until" | "before" | "after" | "from" | "by" | "through" | "till")
            })
            .min_by_key(|d| (d.toks.start as i64 - trigger as i64).abs())
            .map(|d| d.date)
    }

    /// The clauses of a sentence that each report a call, split at ", a day after", ", after",
    /// ", while", "; " (not ", when": "since March 2023, when X phoned Y" dates that call). One clause (the whole sentence) unless two clauses each hold a
    /// call trigger.
    fn call_clauses(&self, si: usize, words: &[&str], ids: &[u32]) -> Vec<Range<usize>> {
        // (no buffer made for the sentences with no cut: most of them)
        let mut cuts = Vec::new();
        for i in 0..words.len() {
            let next = words.get(i + 1).copied().unwrap_or("");
            let after_comma = words[i] == ","
                && (matches!(next, "after" | "before" | "while" | "shortly" | "hours" | "days")
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
    fn medium_near(&self, si: usize) -> bool {
        let last = self.seg.sentences.len().saturating_sub(1);
        (si.saturating_sub(1)..=(si + 1).min(last)).any(|s| {
            let (words, ids) = (self.lower.words(s), self.lower.ids(s));
            words.iter().zip(ids).any(|(w, &id)| self.rules.phrases.medium.contains(id) || *w == "calls")
        })
    }

    fn new_call(
        calls: &mut Vec<DocCall>,
        by_parts: &mut CallsByParts,
        participants: BTreeSet<usize>,
        status: CallStatus,
    ) -> usize {
        by_parts.add(&participants, calls.len());
        calls.push(DocCall { participants, date: None, initiator: None, status, medium: None, evidence: Vec::new() });
        calls.len() - 1
    }

    fn calls(&mut self) {
        let mut calls: Vec<DocCall> = Vec::new();
        // the calls by participants, kept up to date as they change
        let mut by_parts = CallsByParts::default();
        // has a call been reported with a medium, or held with a strong verb? (never undone)
        let mut phone_context = false;
        let mut current: Option<usize> = None;
        let mut every_call_of: Vec<(BTreeSet<usize>, usize)> = Vec::new();
        // where each `earlier` phrase first occurs in a clause, and the tokens of side clauses
        // (buffers kept for the next clause)
        let mut places = Vec::new();
        let mut excluded = Vec::new();
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
                // "since a call on May 13": an earlier call; what comes before it may report the current one
                // ("their first conversation since May 13": a phrase ending in "since" needs a date)
                let phrases = &self.rules.phrases;
                phrases.earlier.first_places(&ids, &mut places);
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
                let found = self.call_trigger(si, &words[..limit], &ids[..limit], &mut places);
                Self::clause_mask(&words, found.map(|(t, _)| t), &mut excluded);
                let (mut people, named) = self.participants(si, &words, found.map(|(t, _)| t), &excluded);
                let group_ref = words.iter().any(|w| {
                    matches!(
                        *w,
                        "they"
                            | "their"
                            | "two"
                            | "both"
                            | "pair"
                            | "leaders"
                            | "ministers"
                            | "presidents"
                            | "second"
                            | "another"
                    )
                });
                if let Some((trigger, kind)) = found {
                    let requested = kind != TriggerKind::Reference && self.requested_before(&words, &ids, trigger);
                    // "last met in person ..., when they also discussed": a meeting
                    let meeting = kind == TriggerKind::Weak && phrases.meeting.any(&ids);
                    let requested = requested || meeting;
                    if !self.negated_before(&words, &ids, trigger) && !requested {
                        let denied = phrases.denial.any(&ids[trigger.saturating_sub(8)..trigger])
                            || phrases.denial.any(&ids[trigger..]);
                        let status = if denied {
                            CallStatus::Denied
                        } else if self.planned_before(&ids, trigger) {
                            CallStatus::Planned
                        } else {
                            CallStatus::Held
                        };
                        // (a clause with no medium word is passed over by id)
                        let medium = ids
                            .iter()
                            .any(|&w| phrases.medium.contains(w))
                            .then(|| {
                                self.rules
                                    .calls
                                    .medium
                                    .iter()
                                    .filter(|m| *m != "call")
                                    .find(|m| words.contains(&m.as_str()))
                            })
                            .flatten()
                            .cloned();
                        let mut initiator = None;
                        match kind {
                            // "X called Y": the two of them, the caller first
                            TriggerKind::Called { callee } => {
                                people.clear();
                                if let Some(Subject::Actor { entity, .. }) = self.subject_before(si, trigger, false) {
                                    initiator = Some(entity);
                                    people.push(entity);
                                }
                                if !people.contains(&callee) {
                                    people.push(callee);
                                }
                            }
                            // "before the call", "during the phone call": a reference, not a report,
                            // but "In Friday's call, X told Y" reports that day's call of the two
                            TriggerKind::Reference
                                if people.len() < 2
                                    || self.call_date(si, &words, trigger, limit, &excluded).is_none() =>
                            {
                                people.clear();
                            }
                            _ => {}
                        }
                        // "... with Y when the two spoke": the speaker is the other one
                        let two_spoke = trigger >= 1
                            && (matches!(words[trigger - 1], "they" | "both")
                                || trigger >= 2 && words[trigger - 2] == "the" && words[trigger - 1] == "two");
                        if people.len() == 1 && two_spoke {
                            for &mi in &self.speaker_mentions[si] {
                                if let Some(e) = self.entity(mi).filter(|&e| self.is_person_entity(e)) {
                                    if !people.contains(&e) {
                                        people.push(e);
                                    }
                                }
                            }
                        }
                        let mut date = self.call_date(si, &words, trigger, limit, &excluded);
                        // "later the same day": the date of the call before
                        let same_day =
                            ["the same day", "later in the day", "later that day", "earlier that day", "that evening"];
                        if date.is_none() && same_day.iter().any(|p| Self::find_phrase(&words, p).is_some()) {
                            date = current.and_then(|c| calls[c].date);
                        }
                        // "X spoke with A, and separately with B": one call per partner
                        let plural = words.get(trigger).is_some_and(|w| *w == "calls");
                        if people.len() > 2 && (plural || words.contains(&"separately")) {
                            let first = people[0];
                            for &other in &people[2..] {
                                if reported >= MAX_FACTS_PER_SENTENCE {
                                    break;
                                }
                                reported += 1;
                                let parts: BTreeSet<usize> = [first, other].into_iter().collect();
                                let ci = Self::new_call(&mut calls, &mut by_parts, parts.clone(), status);
                                calls[ci].date = date;
                                let ev = self.sentence_evidence(si, "call.separately");
                                calls[ci].evidence.push((ev, parts.into_iter().collect()));
                            }
                            people.truncate(2);
                        }
                        let parts: BTreeSet<usize> = people.iter().copied().collect();
                        let weak = matches!(kind, TriggerKind::Weak | TriggerKind::Reference);
                        // a phone or video call reported with a strong verb ("spoke by phone", "X
                        // called Y") makes the article's plain "spoke" a call too: `phone_context`
                        let ci = if parts.len() >= 2 {
                            let same = by_parts.with(&parts).iter().copied().find(|&i| dates_fit(calls[i].date, date));
                            match (same, current) {
                                (Some(i), _) => Some(i),
                                // a participant-less report is filled by the first one that names them
                                (None, Some(c))
                                    if calls[c].participants.len() < 2 && calls[c].participants.is_subset(&parts) =>
                                {
                                    by_parts.remove(&calls[c].participants, c);
                                    calls[c].participants = parts.clone();
                                    by_parts.add(&parts, c);
                                    Some(c)
                                }
                                // "X and Y spoke on Friday" is a call only beside "phone", "video", "call",
                                // or in an article that has already reported a phone or video call
                                _ if weak && !(self.medium_near(si) || phone_context) => None,
                                _ => Some(Self::new_call(&mut calls, &mut by_parts, parts.clone(), status)),
                            }
                        } else {
                            // "The pair last spoke by phone on 14 March": the same people, another day
                            let other_day = current.is_some_and(|c| {
                                calls[c].participants.len() >= 2
                                    && group_ref
                                    && matches!((calls[c].date, date), (Some(a), Some(b)) if !a.compatible(&b))
                            });
                            match current {
                                Some(c) if other_day => {
                                    let parts = calls[c].participants.clone();
                                    let same = by_parts.with(&parts).iter().copied().find(|&i| {
                                        let x = &calls[i];
                                        dates_fit(x.date, date) && x.date.is_some()
                                    });
                                    Some(
                                        same.unwrap_or_else(|| {
                                            Self::new_call(&mut calls, &mut by_parts, parts, status)
                                        }),
                                    )
                                }
                                // "We talked for an hour": a weak verb with nobody named joins the
                                // current call only beside a medium or a reference to the pair
                                _ if weak && parts.is_empty() && !group_ref && !self.medium_near(si) => None,
                                Some(c)
                                    if parts.iter().all(|p| calls[c].participants.contains(p))
                                        || calls[c].participants.len() < 2 =>
                                {
                                    by_parts.remove(&calls[c].participants, c);
                                    calls[c].participants.extend(parts.iter().copied());
                                    by_parts.add(&calls[c].participants, c);
                                    Some(c)
                                }
                                _ if weak && !(self.medium_near(si) || phone_context) => None,
                                _ => Some(Self::new_call(&mut calls, &mut by_parts, parts.clone(), status)),
                            }
                        };
                        // "open to further calls", "denied that they had spoken": not evidence of a call held
                        let ci = match ci {
                            Some(c) if status != CallStatus::Held && calls[c].status == CallStatus::Held => {
                                (parts.len() >= 2 && status == CallStatus::Denied)
                                    .then(|| Self::new_call(&mut calls, &mut by_parts, parts.clone(), status))
                            }
                            other => other,
                        };
                        if let Some(ci) = ci {
                            // the document's call stays current when an older one is recalled in passing
                            let keep = current.is_some_and(|c| {
                                c != ci
                                    && calls[c].participants.len() >= 2
                                    && match (calls[c].date, date) {
                                        (Some(a), Some(b)) => b < a && !a.compatible(&b),
                                        (Some(_), None) => true,
                                        _ => false,
                                    }
                            });
                            if !keep {
                                current = Some(ci);
                            }
                            let ev = self.sentence_evidence(si, kind.rule());
                            let c = &mut calls[ci];
                            if dates_fit(c.date, date) {
                                c.date = more_precise(c.date, date);
                            }
                            if c.medium.is_none() {
                                c.medium = medium;
                            }
                            if c.initiator.is_none() {
                                c.initiator = initiator;
                            }
                            let named_here: Vec<usize> =
                                named.iter().filter_map(|&mi| self.res.entity_of[mi]).collect();
                            c.evidence.push((ev, named_here));
                            reported += 1;
                            phone_context |= c.medium.is_some()
                                || (c.status == CallStatus::Held && matches!(kind.rule(), "call.verb" | "call.called"));
                            if let Some(ini) = self.initiator_cue(si, &words, &ids, &calls[ci].participants) {
                                calls[ci].initiator.get_or_insert(ini);
                                // "X initiated both calls": every call of the pair, also those
                                // reported later in the article
                                if words.windows(2).any(|w| {
                                    matches!(w[0], "both" | "all") && matches!(w[1], "calls" | "conversations")
                                }) {
                                    every_call_of.push((calls[ci].participants.clone(), ini));
                                }
                            }
                        }
                    }
                }
                if let Some(at) = earlier {
                    // the people named, or those of the current call ("they", "their")
                    let explicit: BTreeSet<usize> = people.iter().copied().collect();
                    let parts = if explicit.len() >= 2 && !group_ref {
                        explicit
                    } else if let Some(c) = current {
                        calls[c].participants.clone()
                    } else {
                        continue;
                    };
                    if parts.len() < 2 {
                        continue;
                    }
                    let date = self.dates[si].iter().filter(|d| d.toks.start > at).map(|d| d.date).next();
                    let existing = by_parts
                        .with(&parts)
                        .iter()
                        .copied()
                        .find(|&i| Some(i) != current && dates_fit(calls[i].date, date));
                    let ci = existing
                        .unwrap_or_else(|| Self::new_call(&mut calls, &mut by_parts, parts.clone(), CallStatus::Held));
                    let ev = self.sentence_evidence(si, TriggerKind::Earlier.rule());
                    let c = &mut calls[ci];
                    c.date = more_precise(c.date, date);
                    c.evidence.push((ev, parts.iter().copied().collect()));
                    reported += 1;
                }
            }
        }
        for (parts, ini) in every_call_of {
            for &i in by_parts.with(&parts) {
                if calls[i].status == CallStatus::Held {
                    calls[i].initiator.get_or_insert(ini);
                }
            }
        }
        calls.retain(|c| c.participants.len() >= 2);
        for c in &mut calls {
            if c.initiator.is_some_and(|i| !c.participants.contains(&i)) {
                c.initiator = None;
            }
        }
        self.facts.calls = calls;
    }

    /// The call trigger of `words` (with their `ids`): the first verb phrase of the list found,
    /// else "X called Y", else the first noun (that is one there), else the first weak verb.
    /// (`places`: a buffer, kept by the caller for the next clause.)
    fn call_trigger(
        &self,
        si: usize,
        words: &[&str],
        ids: &[u32],
        places: &mut Vec<Option<usize>>,
    ) -> Option<(usize, TriggerKind)> {
        let ts = self.ts(si);
        let outside = |i: usize| !self.seg.in_quote(ts[i].start);
        let phrases = &self.rules.phrases;
        if let Some((_, i)) = phrases.call_verbs.first(ids) {
            return Some((i, TriggerKind::Strong));
        }
        // "X called Y" / "X phoned Y"
        for (i, &w) in ids.iter().enumerate() {
            if phrases.caller.contains(w) && outside(i) {
                let next = words.get(i + 1).copied().unwrap_or("");
                if self.rules.calls.not_after_called.contains(next) {
                    continue;
                }
                if let Some(mi) = self.mention_starting(si, i + 1) {
                    let after = words.get(self.mentions[mi].toks.end).copied().unwrap_or("");
                    let naming = matches!(after, "a" | "an" | "the" | "\"" | "\u{201c}") || after.ends_with('"');
                    // "X calls Y talk 'productive'": a noun after the callee makes it no call
                    let follows_ok = after.is_empty()
                        || !after.chars().next().is_some_and(char::is_alphanumeric)
                        || self.rules.calls.after_callee.contains(after);
                    if let (false, true, Some(e)) = (naming, follows_ok, self.entity(mi)) {
                        if self.is_person_entity(e) {
                            return Some((i, TriggerKind::Called { callee: e }));
                        }
                    }
                }
            }
        }
        // (each noun where it first occurs: a noun that is no call there is not looked for further on)
        phrases.call_nouns.first_places(ids, places);
        for (n, &place) in self.rules.calls.nouns.iter().zip(places.iter()) {
            if let Some(i) = place {
                // "to call", "call for", "call on", "calls for": the verb, not a call
                let before = if i > 0 { words[i - 1] } else { "" };
                let after = words.get(i + n.split(' ').count()).copied().unwrap_or("");
                if (n == "call" || n == "calls")
                    && (before == "to"
                        || matches!(after, "for" | "on" | "off" | "it" | "an" | "a" | "the")
                            && !matches!(before, "a" | "the" | "such" | "first" | "their" | "phone"))
                {
                    continue;
                }
                if n == "conversation"
                    && !matches!(before, "the" | "a" | "phone" | "telephone" | "this" | "their" | "that")
                {
                    continue;
                }
                let reference = i >= 2
                    && matches!(words[i - 1], "the" | "their" | "this" | "that")
                    && matches!(words[i - 2], "before" | "after" | "during" | "following" | "since" | "of");
                let reference = reference
                    || (i >= 3
                        && matches!(words[i - 1], "phone" | "telephone" | "video")
                        && matches!(words[i - 3], "before" | "after" | "during" | "following"));
                return Some((i, if reference { TriggerKind::Reference } else { TriggerKind::Noun }));
            }
        }
        if let Some((_, i)) = phrases.call_weak.first(ids) {
            return Some((i, TriggerKind::Weak));
        }
        None
    }

    /// Who placed or asked for the call, from the sentence's words (and their `ids`).
    fn initiator_cue(&self, si: usize, words: &[&str], ids: &[u32], participants: &BTreeSet<usize>) -> Option<usize> {
        // (every cue below begins with one of these words)
        if !ids.iter().any(|&w| self.rules.phrases.initiator_starts.contains(w)) {
            return None;
        }
        // "at the initiative of the American side" / "at the initiative of X"
        let by = Self::find_phrase(words, INITIATED_BY).map(|i| i + 1);
        if let Some(i) = Self::find_phrase(words, INITIATIVE_OF).or(by) {
            if let Some(mi) = self.mention_starting(si, i + 2) {
                return self.entity(mi);
            }
            let mut j = i + 2;
            if words.get(j).is_some_and(|w| *w == "the") {
                j += 1;
            }
            let adj = self.w(si, j);
            if let Some(c) = self.rules.country_adjectives.get(adj) {
                return participants.iter().copied().find(|&p| self.country_of(p) == Some(*c));
            }
        }
        // "at X's request" / "at the request of X"
        if let Some(i) = Self::find_phrase(words, REQUEST_OF) {
            if let Some(mi) = self.mention_starting(si, i + 2) {
                return self.entity(mi);
            }
        }
        if let Some(i) = words.iter().position(|w| *w == REQUEST) {
            if i >= 1 {
                if let Some(mi) = self.mention_ending(si, i) {
                    if self.mentions[mi].possessive {
                        // "at Washington's request": the participant of that country
                        let e = self.entity(mi)?;
                        if let (MentionKind::Place { country, .. }, false) =
                            (&self.mentions[mi].kind, participants.contains(&e))
                        {
                            return participants.iter().copied().find(|&p| self.country_of(p) == Some(*country));
                        }
                        return Some(e);
                    }
                }
            }
        }
        // "X initiated the call", "X requested the call", "X reached out to", "to connect with"
        for cue in &self.rules.calls.initiator {
            if let Some(i) = words.iter().position(|w| *w == cue.as_str()) {
                if cue == "requested"
                    && !words[i + 1..].iter().take(4).any(|w| matches!(*w, "call" | "conversation" | "talks"))
                {
                    continue;
                }
                // the nearest person before the cue, quotes included ("Secretary Doe took today as
                // an opportunity to connect with Minister Roe")
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

    fn refusals(&mut self) {
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
                        if matches!(words[j], "from" | "with" | "by" | "to") {
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
                if requesters.is_empty() && matches!(what.as_str(), "meeting" | "talks" | "call") {
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
                    let group = words[..ti]
                        .iter()
                        .any(|w| matches!(*w, "they" | "both" | "two") || self.rules.group_nouns.contains(*w));
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
    fn actor_list_before(&self, si: usize, ti: usize) -> Vec<usize> {
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
    fn actor_list_after(&self, si: usize, ti: usize) -> Vec<usize> {
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

    fn push_refusal(
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
    fn request_pairs(&self, si: usize, words: &[&str], ids: &[u32]) -> (Vec<(usize, usize)>, Vec<usize>) {
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
            let respective = words[ti..clause_end].contains(&"respective");
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

    fn affiliations(&mut self) {
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
            for t in &m.titles {
                // (a title of no minister or secretary is passed over before its topic is looked for)
                if !t.contains("Minister") && !t.contains("Secretary") && !t.contains("minister") {
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
                    None if same_topic.len() == 1 && t.contains("Minister") => Some(same_topic[0]),
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
    fn country_entity(&mut self, c: usize, known: &mut rustc_hash::FxHashMap<String, usize>) -> usize {
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
    fn countries(&mut self) {
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

    fn successions(&mut self) {
        for si in 0..self.seg.sentences.len() {
            let lower = self.lower;
            let words = lower.words(si);
            let mut found = 0;
            for (ti, w) in words.iter().enumerate() {
                if !matches!(*w, "replaced" | "succeeded" | "replacing" | "succeeding") {
                    continue;
                }
                if found == MAX_FACTS_PER_SENTENCE {
                    break;
                }
                let Some(pred_mi) = self.mention_starting(si, ti + 1) else {
                    continue;
                };
                let Some(pred) = self.entity(pred_mi) else {
                    continue;
                };
                // "X, who replaced Y" / "X replaced Y"
                let mut k = ti;
                if k > 0 && words[k - 1] == "who" {
                    k -= 1;
                }
                let succ = if k > 0 && words[k - 1] == "," {
                    self.mention_ending(si, k - 1)
                } else {
                    self.mention_ending(si, k)
                };
                let Some(succ) = succ.and_then(|mi| self.entity(mi)) else {
                    continue;
                };
                if succ != pred && self.is_person_entity(succ) && self.is_person_entity(pred) {
                    let ev = self.sentence_evidence(si, "succession.replaced");
                    self.facts.successions.push(DocSuccession { successor: succ, predecessor: pred, evidence: ev });
                    found += 1;
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TriggerKind {
    Strong,
    /// "before the call", "during the phone call": the current call, no new participants
    Reference,
    Noun,
    Weak,
    Called {
        callee: usize,
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
            TriggerKind::Called { .. } => "call.called",
            TriggerKind::Earlier => "call.earlier",
        }
    }
}

fn dates_fit(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.compatible(&b),
        _ => true,
    }
}

fn more_precise(a: Option<PartialDate>, b: Option<PartialDate>) -> Option<PartialDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.precision() > a.precision() { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// The words of a sentence (and their ids) with those outside `keep` blanked (empty, and
/// [`UNKNOWN`]), so token indices stay valid; borrowed as they are when `keep` holds them all.
fn mask<'a, 'w>(words: &'a [&'w str], ids: &'a [u32], keep: &Range<usize>) -> (Cow<'a, [&'w str]>, Cow<'a, [u32]>) {
    if keep.start == 0 && keep.end >= words.len() {
        return (Cow::Borrowed(words), Cow::Borrowed(ids));
    }
    let words = (words.iter().enumerate()).map(|(i, &w)| if keep.contains(&i) { w } else { "" }).collect();
    let ids = (ids.iter().enumerate()).map(|(i, &w)| if keep.contains(&i) { w } else { UNKNOWN }).collect();
    (Cow::Owned(words), Cow::Owned(ids))
}

/// Does `t` hold "of " right before `w` (`t.contains(&format!("of {w}"))`, with no string made)?
fn follows_of(t: &str, w: &str) -> bool {
    let t = t.as_bytes();
    (0..t.len().saturating_sub(2)).any(|i| t[i..].starts_with(b"of ") && t[i + 3..].starts_with(w.as_bytes()))
}

/// The words of a statement as one line: white space collapsed, outer commas dropped.
fn clean_words(s: &str) -> String {
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
    }

    /// Give the document another name, in its evidence too.
    pub fn rename(&mut self, name: &str) {
        self.doc = name.to_string();
        let shared: Arc<str> = Arc::from(name);
        for e in self.evidence_mut() {
            e.doc = shared.clone();
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
                "refusal: {} -> {} ({}) <- {}",
                name(r.refuser),
                name(r.requester),
                r.what,
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
                "succeeded: {} -> {} <- {}@{}",
                name(s.successor),
                name(s.predecessor),
                s.evidence.rule,
                s.evidence.sentence
            ));
        }
        lines.sort();
        let mut out = lines.join("\n");
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::input::{DocMeta, Document};
    use crate::rules::Rules;

    /// `clean_words` as it was first written, string by string.
    fn clean_words_by_strings(s: &str) -> String {
        let mut out = String::new();
        for (i, w) in s.split_whitespace().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
        let out = out.trim_matches(|c: char| c == ',' || c == ' ' || c == ':').to_string();
        let opens = out.matches(['"', '\u{201c}']).count();
        let closes = out.matches(['"', '\u{201d}']).count();
        let straight = out.matches('"').count();
        let balanced = if straight > 0 { straight % 2 == 0 } else { opens == closes };
        match out.strip_prefix(['"', '\u{201c}']) {
            Some(rest) if !balanced => rest.trim_start().to_string(),
            _ => out,
        }
    }

    #[test]
    fn clean_words_collapses_space_and_drops_an_unclosed_quote() {
        let cases = [
            "",
            "   ",
            ", : ,",
            "  the talks were  \t useful ,",
            ": \"We will not\n back down,\" he",
            "\"We will not back down",
            "\u{201c} We will not back down",
            "\u{201c}We will\u{201d} not \u{201c}back",
            "\u{201c}Nous\u{a0}verrons\u{2003}bien\u{201d},",
            "caf\u{e9}\u{b}ol\u{85}x\u{3000}y \u{11c}\u{11d} \u{2019}s",
            ",\"a\" \"b",
            "\" , x",
        ];
        for s in cases {
            assert_eq!(super::clean_words(s), clean_words_by_strings(s), "{s:?}");
        }
        assert_eq!(super::clean_words("  a \n\n b, "), "a b");
        assert_eq!(super::clean_words("\u{201c} Jane Doe will go"), "Jane Doe will go");
    }

    /// Extract `text` (published on `date`) and check the fact dump: every `want` line is a
    /// substring of some fact line, no `not` line is.
    fn check(text: &str, date: &str, want: &[&str], not: &[&str]) {
        let doc = Document {
            name: "t.txt".into(),
            text: text.into(),
            meta: DocMeta { published: crate::dates::parse_iso(date), ..Default::default() },
        };
        let dump = crate::analyze_document(&doc, Rules::builtin()).dump();
        for w in want {
            assert!(dump.lines().any(|l| l.contains(w)), "missing {w:?} in:\n{dump}");
        }
        for n in not {
            assert!(!dump.lines().any(|l| l.contains(n)), "unexpected {n:?} in:\n{dump}");
        }
    }

    const PUB: &str = "2024-06-26"; // a Wednesday

    #[test]
    fn lower_forms_are_the_lower_case_of_each_token() {
        let text = "The ÉLYSÉE said \u{201c}Jane Roe\u{201d} phoned İstanbul's MAYOR, ÖZ, and Ängel. ok";
        let seg = crate::text::segment(text);
        let toks = crate::mentions::tokens(text, &seg);
        let forms = super::LowerForms::new(text, &toks);
        let all: Vec<_> = toks.per_sentence.iter().flatten().collect();
        let words = forms.words(&toks);
        assert_eq!(words.len(), all.len());
        for (t, w) in all.iter().zip(&words) {
            assert_eq!(*w, t.text(text).to_lowercase(), "{:?}", t.text(text));
        }
        assert_eq!(forms.other.len(), 4, "ÉLYSÉE, İstanbul, ÖZ, Ängel");
        // (the forms that change more than their ASCII letters are written after the text)
        assert!(forms.text.starts_with(&text.to_ascii_lowercase()));
        assert!(forms.text[text.len()..].contains("élysée") && forms.text[text.len()..].contains("i\u{307}stanbul"));
        assert!(!forms.text[text.len()..].contains("jane"));
        // a document all ASCII: every form in place
        let ascii = "Jane ROE phoned.";
        let seg = crate::text::segment(ascii);
        let toks = crate::mentions::tokens(ascii, &seg);
        let forms = super::LowerForms::new(ascii, &toks);
        assert!(forms.other.is_empty() && forms.text == "jane roe phoned.");
        assert_eq!(forms.words(&toks), ["jane", "roe", "phoned", "."]);
    }

    #[test]
    fn call_by_telephone_with_weekday_date_and_initiator() {
        check(
            "Defense Secretary Jane Roe spoke by telephone on Tuesday with Defense Minister Ivan Petrov. \
             Roe initiated the call, a spokesperson said.",
            PUB,
            &["call: Ivan Petrov + Jane Roe @ 2024-06-25 initiator Jane Roe status held"],
            &[],
        );
    }

    #[test]
    fn called_someone_a_name_is_a_statement_not_a_call() {
        check(
            "Foreign Minister Ivan Petrov called Secretary of State Jane Roe a liar on Monday.",
            PUB,
            &["statement: Ivan Petrov -> Jane Roe (target) ~ a liar"],
            &["call:"],
        );
        check("President Jane Roe called for talks with Ivan Petrov.", PUB, &[], &["call:"]);
    }

    #[test]
    fn negated_requested_and_infinitive_calls_are_not_held_calls() {
        check("There have been no talks between Jane Roe and Ivan Petrov since the war began.", PUB, &[], &["call:"]);
        check("Gen. Jane Roe had sought a call with Gen. Ivan Petrov.", PUB, &[], &["call:"]);
        check("Minister Jane Roe said it was vital for Ivan Petrov and her to be able to speak.", PUB, &[], &["call:"]);
    }

    #[test]
    fn since_a_call_on_a_date_is_an_earlier_call_but_first_such_call_is_not() {
        check(
            "Minister Jane Roe spoke by phone with Minister Ivan Petrov on Friday, their first conversation since a call on May 13.",
            "2022-10-21",
            &["@ 2022-10-21", "@ 2022-05-13"],
            &[],
        );
        check(
            "Minister Jane Roe spoke by phone with Minister Ivan Petrov on Friday, the first such call since March.",
            "2022-10-21",
            &["call: Ivan Petrov + Jane Roe @ 2022-10-21"],
            &["@ 2022-03"],
        );
    }

    #[test]
    fn rejecting_claims_does_not_hide_a_call_in_the_same_sentence() {
        check(
            "President Jane Roe spoke by phone with President Ivan Petrov on Tuesday and rejected claims of a rift.",
            PUB,
            &["call: Ivan Petrov + Jane Roe @ 2024-06-25"],
            &["refusal:"],
        );
    }

    #[test]
    fn a_spokesman_named_between_commas_speaks_not_his_principal() {
        check(
            "Prime Minister Ivan Petrov's spokesman, Oleg Sidorov, said the prime minister \"had no time\" for talks.",
            PUB,
            &["statement: Oleg Sidorov"],
            &["statement: Ivan Petrov"],
        );
    }

    #[test]
    fn a_denied_call_is_no_held_call() {
        check(
            "The Kremlin denied that President Ivan Petrov had spoken by phone with President Jane Roe on Monday.",
            PUB,
            &["call: Ivan Petrov + Jane Roe @ 2024-06-24 initiator none status denied"],
            &["status held"],
        );
    }

    #[test]
    fn two_clauses_report_two_calls() {
        check(
            "Prime Minister Jane Roe held phone talks with President John Doe on Tuesday, a day after Doe spoke by \
             phone with President Ivan Petrov on Monday.",
            PUB,
            &["call: Jane Roe + John Doe @ 2024-06-25", "call: Ivan Petrov + John Doe @ 2024-06-24"],
            &["Ivan Petrov + Jane Roe"],
        );
    }

    #[test]
    fn separately_splits_one_report_into_two_calls() {
        check(
            "On Monday, Gen. Ivan Petrov spoke by phone with Gen. Jane Roe, and separately with Adm. John Doe.",
            PUB,
            &["call: Ivan Petrov + Jane Roe", "call: Ivan Petrov + John Doe"],
            &["Jane Roe + John Doe"],
        );
    }

    #[test]
    fn respective_counterparts_pair_up_and_declined_to_comment_is_no_refusal() {
        check(
            "Brussels-based envoys Jane Roe and Mary Major each sought talks with their respective opposite numbers, \
             Foreign Minister Ivan Petrov and Deputy Minister Oleg Sidorov, according to diplomats. \
             Both officials turned the requests down.",
            PUB,
            &["refusal: Ivan Petrov -> Jane Roe", "refusal: Oleg Sidorov -> Mary Major"],
            &["refusal: Ivan Petrov -> Mary Major", "refusal: Oleg Sidorov -> Jane Roe"],
        );
        check("Kremlin spokesman Ivan Petrov declined to comment on the calls from Jane Roe.", PUB, &[], &["refusal:"]);
        check("Minister Ivan Petrov has never refused calls from Jane Roe.", PUB, &[], &["refusal:"]);
    }

    #[test]
    fn refusal_with_explicit_requester() {
        check(
            "Defense Minister Ivan Petrov has declined repeated requests for a call from Defense Secretary Jane Roe.",
            PUB,
            &["refusal: Ivan Petrov -> Jane Roe (call)"],
            &[],
        );
    }

    /// "calls from Jane Roe, the Pentagon spokesman,": the institution after the comma is in
    /// Roe's apposition. `mention_starting` took it for the mention there and gave back the person
    /// it belongs to, Roe, named before it, so the requester list went round for ever (found by
    /// the `extract` fuzz target; any refusal with such an apposition hung the build).
    #[test]
    fn a_requester_with_an_apposition_ends_the_list() {
        let texts = [
            "Defense Minister Ivan Petrov declined calls from Jane Roe, the Pentagon spokesman, on Friday.",
            "Defense Minister Ivan Petrov has declined calls from Jane Roe, a Pentagon spokesman.",
        ];
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for text in texts {
                check(text, PUB, &["refusal: Ivan Petrov -> Jane Roe (call)"], &["refusal: Ivan Petrov -> Pentagon"]);
            }
            let _ = done.send(());
        });
        // a panic in the thread drops `done`: an error at once, not after the wait
        finished.recv_timeout(std::time::Duration::from_secs(60)).expect("extraction ends (and finds the refusal)");
    }

    #[test]
    fn quotes_split_around_the_cue_and_pronoun_speakers() {
        check(
            "Foreign Minister Ivan Petrov met reporters on Monday.\n\n\
             \u{201c}We are ready to talk,\u{201d} he said, \u{201c}but not on these terms.\u{201d}",
            PUB,
            &[
                "statement: Ivan Petrov -> none (none) ~ \u{201c}We are ready to talk,\u{201d} \u{2026} \u{201c}but not on these terms",
            ],
            &[],
        );
    }

    #[test]
    fn reported_speech_forms() {
        check(
            "According to the Kremlin, the talks were useful.",
            PUB,
            &["statement: Kremlin -> none (none) ~ the talks were useful"],
            &[],
        );
        check(
            "The talks were useful, Minister Ivan Petrov told Reuters.",
            PUB,
            &["statement: Ivan Petrov -> Reuters (audience) ~ The talks were useful"],
            &[],
        );
        check(
            "Turkey's Interior Ministry, for its part, said that the border had reopened.",
            PUB,
            &["statement: Turkish Interior Ministry -> none (none) ~ the border had reopened"],
            &[],
        );
    }

    #[test]
    fn group_subjects_speak_for_no_one() {
        check(
            "Officials from France and Germany believe the plan is sound, several ministers say.",
            PUB,
            &[],
            &["statement:"],
        );
        check("Diplomats in Brussels said a summit remained possible.", PUB, &[], &["statement:"]);
    }
}
