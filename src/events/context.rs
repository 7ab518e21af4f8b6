//! What every fact reader shares: the mentions of a sentence by position, what a pronoun can
//! stand for, the lower-cased words and their rule ids, the subject before a verb, and the clauses
//! of a sentence.

use std::ops::Range;
use std::sync::Arc;

use crate::facts::{DocStatement, Evidence};
use crate::mentions::{GenderEvidence, Mention, MentionKind, Pronoun, Tokens};
use crate::resolve::{EntityKind, InstType, Resolved};
use crate::rules::phrases::RefusalVerb;
use crate::rules::{Gender, Rules};
use crate::text::{Tok, TokKind};

use super::Ctx;

/// The mentions of each sentence by the token they start at, end at, and by their affiliation:
/// the lookups by position run at every cue, comma and trigger, and a sentence can hold
/// thousands of mentions (scanning them all each time made a long sentence quadratic).
pub(super) struct MentionIndex {
    /// (sentence, first token, mention), sorted
    by_start: Vec<(u32, u32, u32)>,
    /// (sentence, token after the last, mention), sorted
    by_end: Vec<(u32, u32, u32)>,
    /// (sentence, affiliation, mention) of the mentions that have one, sorted
    by_affiliation: Vec<(u32, u32, u32)>,
}

impl MentionIndex {
    pub(super) fn new(mentions: &[Mention], by_sentence: &[Range<usize>]) -> Self {
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
    pub(super) fn at(list: &[(u32, u32, u32)], si: usize, key: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        // (a key past u32 matches nothing: no list holds it)
        let want = (u32::try_from(si).unwrap_or(u32::MAX), u32::try_from(key).unwrap_or(u32::MAX));
        let lo = list.partition_point(|&(s, k, _)| (s, k) < want);
        let hi = lo + list[lo..].partition_point(|&(s, k, _)| (s, k) == want);
        list[lo..hi].iter().map(|&(_, _, mi)| mi as usize)
    }
    /// The mentions of sentence `si` whose tokens start at `tok`.
    pub(super) fn starting(&self, si: usize, tok: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        Self::at(&self.by_start, si, tok)
    }
    /// The mentions of sentence `si` whose tokens end right before `tok`.
    pub(super) fn ending(&self, si: usize, tok: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        Self::at(&self.by_end, si, tok)
    }
    /// The mentions of sentence `si` affiliated with mention `a`.
    pub(super) fn affiliated(&self, si: usize, a: usize) -> impl DoubleEndedIterator<Item = usize> + '_ {
        Self::at(&self.by_affiliation, si, a)
    }
}

/// A sentence, token or mention index as a `u32`, for the indexes kept per mention (an article
/// would need four billion tokens to overflow it; the text is read whole into memory first).
pub(super) fn small(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// What a pronoun can stand for, found once for every mention and sentence instead of by looking
/// back from each pronoun (a sentence of pronouns made that quadratic). Indices are `u32`,
/// `u32::MAX` for none.
pub(super) struct Antecedents {
    /// The last mention before each mention that is a person (or role) outside quotes, resolved.
    person: Vec<u32>,
    /// The last mention before each mention, outside quotes, whose entity is a thing other than a
    /// country or capital (`[0]`), or a person (`[1]`).
    of_kind: [Vec<u32>; 2],
    /// The entity of the first actor of each sentence (outside quotes, not a possessive) that is a
    /// thing other than a place (`[0]`), or a person (`[1]`).
    subject: [Vec<u32>; 2],
    /// The gender of each entity, where all its mentions that tell one agree.
    gender: Vec<Option<Gender>>,
}

/// How many person mentions a pronoun looks back over, at most, for one of its gender: in its
/// own sentence, in the sentence before, and in the three sentences before. (A chain of people of
/// the other gender is short in news; the bound keeps a sentence of pronouns linear.)
const GENDER_WINDOW: usize = 8;

impl Antecedents {
    pub(super) fn new(mentions: &[Mention], res: &Resolved, by_sentence: &[Range<usize>]) -> Self {
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
        let mut told = vec![GenderEvidence::default(); res.entities.len()];
        for (m, e) in mentions.iter().zip(&res.entity_of) {
            if let Some(e) = *e {
                told[e].merge(m.gender);
            }
        }
        let gender = told.into_iter().map(GenderEvidence::gender).collect();
        Antecedents { person, of_kind, subject, gender }
    }
}

/// `u32::MAX` is none.
pub(super) fn some(i: u32) -> Option<usize> {
    (i != u32::MAX).then_some(i as usize)
}

/// Who a subject phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Subject {
    /// An entity, through mention `mention`.
    Actor { entity: usize, mention: usize },
    /// An unnamed group ("officials", "the Russian leaders", "they").
    Group { mention: Option<usize>, tok: usize },
}

/// The lower-case forms of the tokens of a document: the document with its ASCII letters
/// lower-cased, followed by the full lower-case forms (with a typographic apostrophe as `'`) of
/// the tokens whose other letters change too (`text`), and those tokens, by number in document order, with where their forms lie in
/// it (`other`, in that order). One pass over the document lower-cases every ASCII token at once.
pub(super) struct LowerForms {
    pub(super) text: String,
    pub(super) other: Vec<(u32, u32, u32)>,
}

impl LowerForms {
    pub(super) fn new(text: &str, toks: &Tokens) -> Self {
        let mut lower = text.to_ascii_lowercase();
        let mut other = Vec::new();
        // (in a document all ASCII, every form is in place: no token needs a look)
        if !text.is_ascii() {
            for (k, t) in toks.per_sentence.iter().flatten().enumerate() {
                if text.as_bytes()[t.start..t.end].is_ascii() {
                    continue;
                }
                // (a typographic apostrophe is the rules' plain one: "didn’t" is "didn't")
                let full = t.text(text).to_lowercase().replace('\u{2019}', "'");
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
    pub(super) fn words<'t>(&'t self, toks: &Tokens) -> Vec<&'t str> {
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
pub(super) struct Lowered<'t> {
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
    pub(super) fn new(toks: &Tokens, forms: &'t LowerForms, rules: &Rules) -> Self {
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
    pub(super) fn words(&self, si: usize) -> &[&'t str] {
        &self.words[self.starts[si]..self.starts[si + 1]]
    }

    /// The ids of the words of sentence `si`.
    pub(super) fn ids(&self, si: usize) -> &[u32] {
        &self.ids[self.starts[si]..self.starts[si + 1]]
    }

    /// The refusing verbs of sentence `si`: (token, where its object starts).
    pub(super) fn refusal_verbs(&self, si: usize) -> &[(usize, usize)] {
        &self.refusal_verbs[self.verb_starts[si]..self.verb_starts[si + 1]]
    }
}

/// A refusing verb at token `ti`: where its object starts. A phrasal verb may be split around
/// its object ("turned the requests down").
pub(super) fn refusal_verb(rules: &Rules, words: &[&str], ids: &[u32], ti: usize) -> Option<usize> {
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

pub(super) fn is_open_quote(s: &str) -> bool {
    matches!(s, "\"" | "\u{201c}" | "\u{201e}" | "\u{ab}")
}

pub(super) fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "\u{201c}" | "\u{201d}" | "\u{201e}" | "\u{ab}" | "\u{bb}")
}

impl<'a> Ctx<'a> {
    pub(super) fn ts(&self, si: usize) -> &'a [Tok] {
        &self.toks.per_sentence[si]
    }

    /// Token `ti` of sentence `si` ("" past the end), borrowed from the text, not from `self`.
    pub(super) fn w(&self, si: usize, ti: usize) -> &'a str {
        self.ts(si).get(ti).map(|t| t.text(self.text)).unwrap_or("")
    }

    /// The date of the event a sentence reports, where it gives one: its first date expression
    /// that dates neither the report ("said on Tuesday") nor another event ("since May 13").
    pub(super) fn event_date(&self, si: usize) -> Option<crate::dates::PartialDate> {
        self.dates[si]
            .iter()
            .find(|d| {
                let before = d.toks.start.checked_sub(1).map_or("", |k| self.w(si, k));
                !self.rules.speech.contains_key(before) && !self.rules.event_words.date_of_other_event.contains(before)
            })
            .map(|d| d.date)
    }

    pub(super) fn sentence_span(&self, si: usize) -> Range<usize> {
        let s = &self.seg.sentences[si];
        s.start..s.end
    }

    /// Evidence for `span` of sentence `si`. The document name, each span's text and each rule
    /// name are allocated once per document and shared by the evidence that repeats them.
    pub(super) fn evidence(&self, si: usize, span: Range<usize>, rule: &str) -> Evidence {
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

    pub(super) fn sentence_evidence(&self, si: usize, rule: &str) -> Evidence {
        self.evidence(si, self.sentence_span(si), rule)
    }

    pub(super) fn entity(&self, mi: usize) -> Option<usize> {
        self.res.entity_of[mi]
    }

    pub(super) fn is_person_entity(&self, e: usize) -> bool {
        self.res.entities[e].kind == EntityKind::Person
    }

    /// The mention whose tokens start at ti (a leading "the" allowed), not in a quote.
    pub(super) fn mention_starting(&self, si: usize, ti: usize) -> Option<usize> {
        let ti2 = if matches!(self.w(si, ti), "the" | "The" | "a" | "an") { ti + 1 } else { ti };
        // the first mention of the sentence that starts at either
        let at = |t: usize| self.index.starting(si, t).find(|&mi| !self.mentions[mi].in_quote);
        let first = match (at(ti), if ti2 == ti { None } else { at(ti2) }) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        // "Ministry spokesman Ivan Petrov": the person, not the institution in the title. Only a
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

    pub(super) fn mention_ending(&self, si: usize, end_tok: usize) -> Option<usize> {
        self.index.ending(si, end_tok).rev().find(|&mi| !self.mentions[mi].in_quote)
    }

    // ---------------------------------------------------------------- pronouns

    /// Can entity `e` be what pronoun `p` stands for, by gender? "he" passes over a woman and
    /// "she" over a man; a person of unknown gender (or of conflicting evidence) fits both, and
    /// "it" any entity.
    pub(super) fn gender_fits(&self, e: usize, p: Pronoun) -> bool {
        // (entities added after extraction began have no mentions, and no gender)
        let g = self.antecedents.gender.get(e).copied().flatten();
        match p {
            Pronoun::He => g != Some(Gender::Female),
            Pronoun::She => g != Some(Gender::Male),
            Pronoun::It | Pronoun::They => true,
        }
    }

    /// The entity of the nearest mention of a chain (`next` gives the mention before each, as
    /// [`Antecedents`] keeps them) that starts at `from`, stays within `keep` and fits `p`, over
    /// at most [`GENDER_WINDOW`] mentions.
    fn nearest_fitting(&self, chain: &[u32], from: usize, p: Pronoun, keep: impl Fn(usize) -> bool) -> Option<usize> {
        let mut k = some(chain[from]);
        for _ in 0..GENDER_WINDOW {
            let at = k.filter(|&k| keep(k))?;
            if let Some(e) = self.entity(at).filter(|&e| self.gender_fits(e, p)) {
                return Some(e);
            }
            k = some(chain[at]);
        }
        None
    }

    /// Resolve a pronoun at mention `mi` to an entity: the nearest antecedent of its kind (a
    /// person for "he" and "she", a thing for "it") and, for "he" and "she", of a gender that
    /// fits ([`Self::gender_fits`]). Where each step below finds only people of the other
    /// gender, the next step looks further back; where no step finds one that fits, the pronoun
    /// stands for no one (a statement then has no named speaker), never for a person of the other
    /// gender.
    pub(super) fn resolve_pronoun(&self, mi: usize, p: Pronoun) -> Option<usize> {
        let m = &self.mentions[mi];
        let si = m.sentence;
        let want_person = matches!(p, Pronoun::He | Pronoun::She);
        if !want_person && p != Pronoun::It {
            return None;
        }
        let fits = |e: usize| self.gender_fits(e, p);
        // 1. earlier in the same sentence, outside quotes, unless the pronoun closes the words it
        // attributes (`"...", he said`: who is named in the words is not who speaks)
        let ti = m.toks.start;
        let closes = ti >= 1
            && matches!(self.w(si, ti - 1), "," | "\"" | "\u{201d}")
            && self.rules.speech.contains_key(self.w(si, ti + 1));
        let found = &self.antecedents;
        // "The ministry said (that) it had refused": the speaker of the verb before
        if p == Pronoun::It {
            let verb = if ti >= 2 && self.w(si, ti - 1) == "that" { ti - 2 } else { ti.saturating_sub(1) };
            if verb < ti && self.rules.speech.contains_key(self.w(si, verb)) {
                if let Some(Subject::Actor { entity, .. }) = self.subject_before(si, verb, false) {
                    if !self.is_person_entity(entity) {
                        return Some(entity);
                    }
                }
            }
        }
        if want_person && !closes {
            let start = self.by_sentence[si].start;
            if let Some(e) = self.nearest_fitting(&found.person, mi, p, |k| k >= start) {
                return Some(e);
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
            // ("He also said that X had ...": the speaker, not X, when a pronoun opens the sentence)
            let pronoun_first = self.by_sentence[prev]
                .clone()
                .find(|&k| !self.mentions[k].in_quote && !self.mentions[k].possessive)
                .is_some_and(|k| matches!(self.mentions[k].kind, MentionKind::Pronoun(Pronoun::He | Pronoun::She)));
            if let Some(s) = speaker.filter(|s| Some(*s) == subject || subject.is_none() || pronoun_first) {
                if self.is_person_entity(s) == want_person && fits(s) {
                    return Some(s);
                }
            }
            if let Some(e) = subject.filter(|&e| fits(e)) {
                return Some(e);
            }
            // "Ferri hosted Brandt. He said": a subject of the other gender; the other people of
            // that sentence in order, outside quotes and not possessive modifiers (among its first
            // mentions: a sentence of thousands of names is read this far for each pronoun)
            if want_person && subject.is_some() {
                let other = self.by_sentence[prev]
                    .clone()
                    .take(4 * GENDER_WINDOW)
                    .filter(|&k| {
                        let x = &self.mentions[k];
                        x.is_person() && !x.in_quote && !x.possessive
                    })
                    .find_map(|k| self.entity(k).filter(|&e| self.is_person_entity(e) && fits(e)));
                if other.is_some() {
                    return other;
                }
            }
        }
        // 3. the last speaker of that kind in the three sentences before
        let last_speaker = self
            .recent_statements(si, true)
            .find(|s| self.is_person_entity(s.speaker) == want_person && fits(s.speaker));
        if let Some(s) = last_speaker {
            return Some(s.speaker);
        }
        for back in 2..=3 {
            let Some(prev) = si.checked_sub(back) else { break };
            if let Some(e) = subject_of(prev).filter(|&e| fits(e)) {
                return Some(e);
            }
        }
        // 4. the last such mention before, within three sentences
        let near = |k: usize| self.mentions[k].sentence + 3 >= si;
        if want_person {
            return self.nearest_fitting(&found.of_kind[1], mi, p, near);
        }
        some(found.of_kind[0][mi]).filter(|&k| near(k)).and_then(|k| self.entity(k))
    }

    /// The statements of the three sentences before `si` (and of `si` itself with `with_si`), the
    /// last first. (Statements come in sentence order: look back from where those of `si` end, not
    /// through every statement of the document.)
    pub(super) fn recent_statements(&self, si: usize, with_si: bool) -> impl Iterator<Item = &DocStatement> {
        let statements = &self.facts.statements;
        let end = statements.partition_point(|s| s.evidence.sentence < si + usize::from(with_si));
        statements[..end].iter().rev().take_while(move |s| s.evidence.sentence + 3 >= si)
    }

    /// A person's country: stated ("US Defense Secretary") or through an institution named in a
    /// title ("Pentagon chief").
    pub(super) fn country_of(&self, e: usize) -> Option<usize> {
        let ent = &self.res.entities[e];
        // (entities added after extraction began have no mentions)
        ent.nationality.or(ent.country).or_else(|| self.country_by_affiliation.get(e).copied().flatten())
    }

    pub(super) fn subject_entity(&self, mi: usize) -> Option<usize> {
        match &self.mentions[mi].kind {
            MentionKind::Pronoun(p) => self.resolve_pronoun(mi, *p),
            _ => self.entity(mi),
        }
    }

    /// The subject of a sentence: its first actor, outside quotes and not a possessive modifier,
    /// named before token `ti` ("Dar briefed on Pakistan's position and said ...").
    pub(super) fn sentence_subject(&self, si: usize, ti: usize) -> Option<Subject> {
        let mi = self.by_sentence[si].clone().find(|&mi| {
            let m = &self.mentions[mi];
            !m.in_quote && !m.possessive && m.toks.end <= ti && m.is_actor()
        })?;
        // a sentence that opens with a clause ("After the call, ...") has its subject later; only
        // take a subject that opens the sentence, or the author of its opening document ("But a
        // statement by Jane Roe recalled ...")
        let start = self.mentions[mi].toks.start;
        let lead = self.ts(si)[..start].iter().filter(|t| t.kind == TokKind::Word).take(5).count();
        let document = start >= 2
            && matches!(self.w(si, start - 1), "by" | "from")
            && self.rules.event_words.speaker_documents.contains(self.w(si, start - 2));
        if lead > 3 && !(document && lead <= 4) {
            return None;
        }
        self.subject_entity(mi).map(|e| Subject::Actor { entity: e, mention: mi })
    }

    /// The subject of the verb at token `ti` of sentence `si`.
    pub(super) fn subject_before(&self, si: usize, ti: usize, allow_quotes_in_gap: bool) -> Option<Subject> {
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
                // "The ministry, in a statement on the call, said": an aside of any length
                let aside = self.rules.event_words.aside_starts.contains(self.w(si, c + 1));
                if let Some(mi) = self.mention_ending(si, c) {
                    let m = &self.mentions[mi];
                    if m.is_person() || between <= 3 || aside {
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
            // "the Saudi Press Agency (SPA) said": an abbreviation in brackets after the name
            // (unless the abbreviation is a name itself: "China Central Television (CCTV)")
            if k >= 3
                && self.w(si, k) == ")"
                && self.w(si, k - 2) == "("
                && self.index.ending(si, k + 1).next().is_none()
            {
                k -= 3;
            }
            let tok = &ts[k];
            // does a mention end here?
            if let Some(mi) = self.index.ending(si, k + 1).next_back() {
                let m = &self.mentions[mi];
                if m.in_quote {
                    return None;
                }
                if m.possessive {
                    // "Moscow's statement said": the owner speaks; "Russia's top officials": a group
                    let owner_ok = ts[k + 1..ti]
                        .iter()
                        .any(|t| self.rules.event_words.speaker_documents.contains(t.text(self.text)));
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
                        // (a name after a verb or a preposition is its object: "Roe thanked Doe
                        // and said", "Roe spoke with Doe and reiterated": the subject speaks)
                        let start = self.mentions[mi].toks.start;
                        let opens = start == 0 || {
                            let before = self.w(si, start - 1);
                            matches!(before, "," | ";" | "and" | "that") || self.rules.speech.contains_key(before)
                        };
                        let actor =
                            self.mentions[mi].is_person() || matches!(self.mentions[mi].kind, MentionKind::Pronoun(_));
                        if actor && opens {
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
            // ("Roe's office said": the owner's document or office, see the possessive above)
            let document = self.rules.event_words.speaker_documents.contains(w);
            if !(self.rules.lexicon.gap.contains(w) || weekday || verb_after_subject || document) {
                return None;
            }
            gap += 1;
        }
        None
    }

    // ---------------------------------------------------------------- statements

    /// Does `phrase` (words joined by single spaces) begin at `words[0]`?
    /// (This and [`Self::find_phrase`] serve the few phrases written in this file; the rule
    /// lists are matched as word ids, see [`crate::rules::phrases`].)
    pub(super) fn phrase_at(words: &[&str], phrase: &str) -> bool {
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
    pub(super) fn find_phrase(words: &[&str], phrase: &str) -> Option<usize> {
        let first = phrase.as_bytes().split(|&b| b == b' ').next().unwrap_or_default();
        let (&f0, more) = (first.first()?, first.len() < phrase.len());
        words.iter().enumerate().find_map(|(i, w)| {
            let w = w.as_bytes();
            let hit =
                w.len() == first.len() && w[0] == f0 && w == first && (!more || Self::phrase_at(&words[i..], phrase));
            hit.then_some(i)
        })
    }

    pub(super) fn negated_before(&self, words: &[&str], ids: &[u32], at: usize) -> bool {
        let negation = &self.rules.phrases.negation;
        (at.saturating_sub(4)..at).any(|k| negation.contains(ids[k]) || words[k].ends_with("n't"))
    }

    /// "sought a call with", "tried to set up calls", "to be able to speak": asked for or
    /// wished, not held.
    pub(super) fn requested_before(&self, words: &[&str], ids: &[u32], at: usize) -> bool {
        let infinitive = at > 0 && words[at - 1] == "to";
        // "X requested the call": the call held, at X's request
        if at >= 2 && words[at - 1] == "the" && self.rules.event_words.requesting_initiators.contains(words[at - 2]) {
            return false;
        }
        let from = at.saturating_sub(5);
        infinitive
            || (from..at).any(|k| {
                // (not the noun of "at X's request, A spoke with B" or "following a request by X")
                self.rules.phrases.requested.contains(ids[k])
                    && !(self.rules.event_words.possessive_request.contains(words[k])
                        && words[k.saturating_sub(4)..k]
                            .iter()
                            .any(|w| self.rules.event_words.request_adverbials.contains(*w)))
            })
    }

    pub(super) fn planned_before(&self, ids: &[u32], at: usize) -> bool {
        let p = &self.rules.phrases;
        ids[at.saturating_sub(4)..at].iter().any(|&w| p.planned.contains(w))
            || p.later.any(&ids[at..(at + 12).min(ids.len())])
    }

    /// Tokens inside relative clauses and "replaced/appointed by" phrases: from the cue to the
    /// next comma. Their people and dates belong to another event. (Into `excluded`, by token.)
    pub(super) fn side_clauses(&self, si: usize, words: &[&str], excluded: &mut Vec<bool>) {
        excluded.clear();
        excluded.resize(words.len(), false);
        let mut k = 0;
        while k < words.len() {
            // "who said ...", and "after meeting with X," (a participle: another event)
            let participle = self.rules.event_words.participle_clause_starts.contains(words[k])
                && words.get(k + 1).is_some_and(|w| w.len() > 4 && w.ends_with("ing"));
            let before_name = self.rules.event_words.side_clause_starts_before_name.contains(words[k])
                && self.w(si, k + 1).chars().next().is_some_and(char::is_uppercase);
            if participle || before_name || self.rules.event_words.side_clause_starts.contains(words[k]) {
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
    pub(super) fn clause_mask(&self, si: usize, words: &[&str], trigger: Option<usize>, excluded: &mut Vec<bool>) {
        self.side_clauses(si, words, excluded);
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
}
