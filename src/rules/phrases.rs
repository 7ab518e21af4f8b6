//! # Phrases: the word lists of events as word ids
//!
//! Events reads every sentence against dozens of phrase lists (`call_words.tsv`,
//! `refusal_cues.tsv`): compared string by string, phrase by phrase, that was the most costly part
//! of extraction. Here every word of those lists gets a small id in a [`Vocab`]; a document's
//! lower-cased words become ids once ([`Vocab::id`]); each phrase list becomes id sequences
//! indexed by their first word ([`PhraseList`]), so one pass over a sentence finds every phrase of
//! a list; each word set becomes a bit set over the ids ([`WordSet`]).
//!
//! Everything here is derived from the parsed [`Rules`](super::Rules) data when the rules are
//! built; the lists keep their order, so phrase `p` of a table is phrase `p` of its rule list.
//!
//! Matching by ids is matching by words: a phrase is its words joined by single spaces, a token
//! never holds white space, and a word outside the vocabulary (or a blanked word) has the id
//! [`UNKNOWN`], which no phrase holds.

use rustc_hash::{FxHashMap, FxHashSet};

use super::event_words::EventWords;
use super::textmap::TextMap;
use super::{CallWords, RefusalCues};

/// The id of every word in no list, and of the blanked words of a clause.
pub const UNKNOWN: u32 = 0;

/// An id no word has: a part of a phrase that no single token can equal.
const NONE: u32 = u32::MAX;

/// The words of the event lists, numbered from 1 (filled by [`PhraseList`] and [`WordSet`],
/// then finished by [`EventPhrases::new`]).
#[derive(Debug, Default)]
pub struct Vocab {
    ids: TextMap<u32>,
    /// The [`Keys16::sketch`] of every word: most words of a text are in no list, and most of
    /// them are known absent by it alone.
    sketches: Keys16,
}

impl Vocab {
    fn add(&mut self, word: &str) -> u32 {
        if let Some(key) = Keys16::sketch(word) {
            self.sketches.insert(key);
        }
        let next = self.ids.len() as u32 + 1;
        *self.ids.entry(word, next)
    }

    /// The id of `word`: [`UNKNOWN`] for a word of no list.
    pub fn id(&self, word: &str) -> u32 {
        if Keys16::sketch(word).is_some_and(|key| !self.sketches.contains(key)) {
            return UNKNOWN;
        }
        self.ids.get(word).unwrap_or(UNKNOWN)
    }

    /// How many ids there are, [`UNKNOWN`] included.
    pub fn len(&self) -> usize {
        self.ids.len() + 1
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// A set of 16-bit keys, as 65,536 bits: a first test that turns most words away before a
/// costlier lookup.
#[derive(Debug, Clone)]
pub struct Keys16 {
    bits: Box<[u64; 1024]>,
}

impl Default for Keys16 {
    fn default() -> Self {
        Keys16 { bits: Box::new([0; 1024]) }
    }
}

impl Keys16 {
    fn insert(&mut self, key: u16) {
        self.bits[usize::from(key) / 64] |= 1 << (key % 64);
    }

    /// Is `key` in the set?
    pub fn contains(&self, key: u16) -> bool {
        self.bits[usize::from(key) / 64] & (1 << (key % 64)) != 0
    }

    /// A word's first two bytes as a key (None for a word shorter than that).
    fn first_two(word: &str) -> Option<u16> {
        match word.as_bytes() {
            [a, b, ..] => Some(u16::from(*a) << 8 | u16::from(*b)),
            _ => None,
        }
    }

    /// A word's length and first, second and last bytes, mixed into a key (None for "").
    fn sketch(word: &str) -> Option<u16> {
        let b = word.as_bytes();
        let (&first, &last) = (b.first()?, b.last()?);
        let second = b.get(1).copied().unwrap_or(0);
        let x = u32::from(first) | u32::from(second) << 8 | u32::from(last) << 16 | (b.len() as u32) << 24;
        Some((x.wrapping_mul(0x9E37_79B1) >> 16) as u16)
    }
}

/// The beginnings of words (stems or whole words) by their first two bytes: a word that does
/// not begin like one of them begins with none of them.
#[derive(Debug, Default)]
pub struct WordStarts {
    pairs: Keys16,
    /// A beginning shorter than two bytes was added: every word may begin with it.
    any: bool,
}

impl WordStarts {
    /// Words may begin with `start`.
    fn add(&mut self, start: &str) {
        match Keys16::first_two(start) {
            Some(key) => self.pairs.insert(key),
            None => self.any = true,
        }
    }

    /// Can `word` begin with one of the beginnings added? (False only when it cannot.)
    pub fn may_begin(&self, word: &str) -> bool {
        match Keys16::first_two(word) {
            Some(key) => self.any || self.pairs.contains(key),
            None => self.any,
        }
    }
}

/// A phrase list as id sequences, in list order, indexed by first word.
#[derive(Debug, Default)]
pub struct PhraseList {
    /// The words of each phrase; empty for a phrase that cannot match (one with an empty word).
    phrases: Vec<Box<[u32]>>,
    /// The phrases that begin with word id `w` are `order[starts[w]..starts[w + 1]]`, ascending.
    starts: Vec<u32>,
    order: Vec<u32>,
}

impl PhraseList {
    fn new<S: AsRef<str>>(vocab: &mut Vocab, list: &[S]) -> Self {
        let phrases: Vec<Box<[u32]>> = list
            .iter()
            .map(|p| {
                let words: Vec<&str> = p.as_ref().split(' ').collect();
                // (`split` gives an empty word for a doubled, leading or trailing space: such a
                // phrase matches no words; rule lines are trimmed, so none comes from the data)
                if words.iter().any(|w| w.is_empty()) {
                    return Box::default();
                }
                words.iter().map(|w| vocab.add(w)).collect()
            })
            .collect();
        PhraseList { phrases, starts: Vec::new(), order: Vec::new() }
    }

    /// Index the phrases by first word, once the vocabulary is complete.
    fn index(&mut self, vocab_len: usize) {
        let mut by_first: Vec<Vec<u32>> = vec![Vec::new(); vocab_len];
        for (p, words) in self.phrases.iter().enumerate() {
            if let Some(&w) = words.first() {
                by_first[w as usize].push(p as u32);
            }
        }
        self.starts = Vec::with_capacity(vocab_len + 1);
        self.order = Vec::with_capacity(self.phrases.len());
        for list in by_first {
            self.starts.push(self.order.len() as u32);
            self.order.extend(list);
        }
        self.starts.push(self.order.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// How many words phrase `p` has.
    pub fn words(&self, p: usize) -> usize {
        self.phrases[p].len()
    }

    /// The phrases that begin with the word `id`, in list order.
    fn starting_with(&self, id: u32) -> &[u32] {
        match self.starts.get(id as usize..id as usize + 2) {
            Some(&[a, b]) => &self.order[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Does phrase `p` begin at `ids[0]`?
    pub fn at(&self, ids: &[u32], p: usize) -> bool {
        let phrase = &self.phrases[p];
        !phrase.is_empty() && ids.starts_with(phrase)
    }

    /// The phrases that begin at `ids[0]`, in list order.
    pub fn matching_at<'s>(&'s self, ids: &'s [u32]) -> impl Iterator<Item = usize> + 's {
        let first = ids.first().map_or(&[][..], |&w| self.starting_with(w));
        first.iter().map(|&p| p as usize).filter(move |&p| ids.starts_with(&self.phrases[p]))
    }

    /// The first phrase of the list that occurs anywhere in `ids`, and where it first occurs.
    pub fn first(&self, ids: &[u32]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        // (no phrase begins with UNKNOWN, the id of most words)
        for i in (0..ids.len()).filter(|&i| ids[i] != UNKNOWN) {
            for &p in self.starting_with(ids[i]) {
                let p = p as usize;
                // (a phrase met again later keeps its first place; the first phrase cannot be beaten)
                if best.is_some_and(|(b, _)| b <= p) {
                    break;
                }
                if ids[i..].starts_with(&self.phrases[p]) {
                    best = Some((p, i));
                    break;
                }
            }
            if best.is_some_and(|(b, _)| b == 0) {
                break;
            }
        }
        best
    }

    /// Where phrase `p` first occurs in `ids`.
    pub fn find(&self, ids: &[u32], p: usize) -> Option<usize> {
        let phrase = &self.phrases[p];
        let &w = phrase.first()?;
        (0..ids.len()).find(|&i| ids[i] == w && ids[i..].starts_with(phrase))
    }

    /// Where each phrase first occurs in `ids`, by phrase, into `out`.
    pub fn first_places(&self, ids: &[u32], out: &mut Vec<Option<usize>>) {
        out.clear();
        out.resize(self.phrases.len(), None);
        for i in (0..ids.len()).filter(|&i| ids[i] != UNKNOWN) {
            for &p in self.starting_with(ids[i]) {
                let p = p as usize;
                if out[p].is_none() && ids[i..].starts_with(&self.phrases[p]) {
                    out[p] = Some(i);
                }
            }
        }
    }

    /// Does any phrase of the list occur in `ids`?
    pub fn any(&self, ids: &[u32]) -> bool {
        (0..ids.len()).any(|i| ids[i] != UNKNOWN && self.matching_at(&ids[i..]).next().is_some())
    }
}

/// A set of words, as a bit set over the ids.
#[derive(Debug, Default)]
pub struct WordSet {
    bits: Vec<u64>,
}

impl WordSet {
    fn new<'w>(vocab: &mut Vocab, words: impl IntoIterator<Item = &'w str>) -> Self {
        let ids: Vec<u32> = words.into_iter().map(|w| vocab.add(w)).collect();
        let mut set = WordSet::default();
        for id in ids {
            let (i, b) = (id as usize / 64, id % 64);
            if set.bits.len() <= i {
                set.bits.resize(i + 1, 0);
            }
            set.bits[i] |= 1 << b;
        }
        set
    }

    /// Is the word `id` in the set? ([`UNKNOWN`] never is.)
    pub fn contains(&self, id: u32) -> bool {
        // (the bit of UNKNOWN is never set: every word added has an id from 1)
        self.bits.get(id as usize / 64).is_some_and(|b| b & (1 << (id % 64)) != 0)
    }
}

/// A refusing verb of `refusal_cues.tsv`, by its place in the list.
#[derive(Debug)]
pub enum RefusalVerb {
    /// One word: the stem begins the verb ("declin" -> "declined").
    Stem,
    /// Words: the phrase ("turned down"), or its first word and the rest of it (after the first
    /// space, [`NONE`] when that is more than a word) split around an object ("turned the
    /// requests down").
    Phrasal { words: Box<[u32]>, first: u32, rest: u32 },
}

/// The tables of events: the call and refusal lists of the rules as ids.
#[derive(Debug, Default)]
pub struct EventPhrases {
    pub vocab: Vocab,
    /// `CallWords::verbs`, `nouns`, `weak`, `earlier`, `later`, `meeting`, `denial`
    pub call_verbs: PhraseList,
    pub call_nouns: PhraseList,
    pub call_weak: PhraseList,
    pub earlier: PhraseList,
    pub later: PhraseList,
    pub meeting: PhraseList,
    pub denial: PhraseList,
    /// Every word that can begin a call report: the first words of `call_verbs`, `call_nouns`,
    /// `call_weak` and `earlier`, and the `caller` verbs. A clause with none of them reports no
    /// call.
    pub call_starts: WordSet,
    /// The first words of every initiator cue: the `CallWords::initiator` verbs and the
    /// initiator phrases of `event_words.tsv` ([`EventWords::initiator_phrases`]).
    pub initiator_starts: WordSet,
    /// `CallWords::caller`, `medium`, `requested`, `planned`
    pub caller: WordSet,
    pub medium: WordSet,
    pub requested: WordSet,
    pub planned: WordSet,
    /// `RefusalCues::verbs`, `objects` and `not` (as phrases), `skip`, `negation`, `frame`, `contact`
    pub refusal_verbs: Vec<RefusalVerb>,
    /// How the refusing verbs begin: the stems, and the first words of the phrases.
    pub refusal_starts: WordStarts,
    pub refusal_objects: PhraseList,
    pub refusal_not: PhraseList,
    /// `RefusalCues::negated`
    pub refusal_negated: PhraseList,
    pub skip: WordSet,
    pub negation: WordSet,
    pub frame: WordSet,
    pub contact: WordSet,
    /// The country adjectives, lower-cased (`Rules::country_adjectives_lower`).
    pub country_adjectives: WordSet,
    /// The statement cues (`Rules::speech`), lower-cased: a word can be a cue only when its
    /// lower-case form is in this set.
    pub speech_lower: WordSet,
    /// `EventWords::succession_verbs`, `succession_phrases`, `succession_passives`
    pub succession_verbs: WordSet,
    pub succession_phrases: PhraseList,
    pub succession_passives: PhraseList,
}

impl EventPhrases {
    pub fn new(
        calls: &CallWords,
        refusal: &RefusalCues,
        speech: &FxHashMap<String, super::Frame>,
        country_adjectives_lower: &FxHashSet<String>,
        event_words: &EventWords,
    ) -> Self {
        let mut v = Vocab::default();
        let s = |set: &FxHashSet<String>| -> Vec<String> { set.iter().cloned().collect() };
        let mut out = EventPhrases {
            call_verbs: PhraseList::new(&mut v, &calls.verbs),
            call_nouns: PhraseList::new(&mut v, &calls.nouns),
            call_weak: PhraseList::new(&mut v, &calls.weak),
            earlier: PhraseList::new(&mut v, &calls.earlier),
            later: PhraseList::new(&mut v, &calls.later),
            meeting: PhraseList::new(&mut v, &calls.meeting),
            denial: PhraseList::new(&mut v, &calls.denial),
            initiator_starts: WordSet::new(
                &mut v,
                (calls.initiator.iter().map(String::as_str))
                    .chain(event_words.initiator_phrases().filter_map(|p| p.split(' ').next())),
            ),
            caller: WordSet::new(&mut v, s(&calls.caller).iter().map(String::as_str)),
            medium: WordSet::new(&mut v, calls.medium.iter().map(String::as_str)),
            requested: WordSet::new(&mut v, s(&calls.requested).iter().map(String::as_str)),
            planned: WordSet::new(&mut v, s(&calls.planned).iter().map(String::as_str)),
            refusal_objects: PhraseList::new(
                &mut v,
                &refusal.objects.iter().map(|(o, _)| o.as_str()).collect::<Vec<_>>(),
            ),
            refusal_not: PhraseList::new(&mut v, &refusal.not),
            refusal_negated: PhraseList::new(
                &mut v,
                &refusal.negated.iter().map(|(o, _)| o.as_str()).collect::<Vec<_>>(),
            ),
            skip: WordSet::new(&mut v, s(&refusal.skip).iter().map(String::as_str)),
            negation: WordSet::new(&mut v, s(&refusal.negation).iter().map(String::as_str)),
            frame: WordSet::new(&mut v, s(&refusal.frame).iter().map(String::as_str)),
            contact: WordSet::new(&mut v, s(&refusal.contact).iter().map(String::as_str)),
            country_adjectives: WordSet::new(&mut v, s(country_adjectives_lower).iter().map(String::as_str)),
            speech_lower: WordSet::new(
                &mut v,
                speech.keys().map(|k| k.to_lowercase()).collect::<Vec<_>>().iter().map(String::as_str),
            ),
            succession_verbs: WordSet::new(&mut v, s(&event_words.succession_verbs).iter().map(String::as_str)),
            succession_phrases: PhraseList::new(&mut v, &event_words.succession_phrases),
            succession_passives: PhraseList::new(&mut v, &event_words.succession_passives),
            refusal_verbs: Vec::new(),
            refusal_starts: WordStarts::default(),
            call_starts: WordSet::default(),
            vocab: Vocab::default(),
        };
        let starts: Vec<&str> = [&calls.verbs, &calls.nouns, &calls.weak, &calls.earlier]
            .into_iter()
            .flatten()
            .filter_map(|p| p.split(' ').next())
            .chain(calls.caller.iter().map(String::as_str))
            .collect();
        out.call_starts = WordSet::new(&mut v, starts);
        for (stem, _) in &refusal.verbs {
            out.refusal_starts.add(stem.split(' ').next().unwrap_or_default());
        }
        out.refusal_verbs = refusal
            .verbs
            .iter()
            .map(|(stem, _)| match stem.split_once(' ') {
                None => RefusalVerb::Stem,
                Some((first, rest)) => {
                    let words = stem.split(' ').map(|w| if w.is_empty() { NONE } else { v.add(w) }).collect();
                    let rest = if rest.contains(' ') || rest.is_empty() { NONE } else { v.add(rest) };
                    RefusalVerb::Phrasal { words, first: v.add(first), rest }
                }
            })
            .collect();
        let n = v.len();
        for list in [
            &mut out.call_verbs,
            &mut out.call_nouns,
            &mut out.call_weak,
            &mut out.earlier,
            &mut out.later,
            &mut out.meeting,
            &mut out.denial,
            &mut out.refusal_objects,
            &mut out.refusal_not,
            &mut out.refusal_negated,
            &mut out.succession_phrases,
            &mut out.succession_passives,
        ] {
            list.index(n);
        }
        v.ids.finish();
        out.vocab = v;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    /// The ids of the words of `s`.
    fn ids(p: &EventPhrases, s: &str) -> Vec<u32> {
        s.split(' ').map(|w| p.vocab.id(w)).collect()
    }

    #[test]
    fn every_phrase_of_every_list_is_found_by_its_index() {
        let r = Rules::builtin();
        let p = &r.phrases;
        let objects: Vec<String> = r.refusal.objects.iter().map(|(o, _)| o.clone()).collect();
        let negated: Vec<String> = r.refusal.negated.iter().map(|(o, _)| o.clone()).collect();
        for (list, words) in [
            (&p.call_verbs, &r.calls.verbs),
            (&p.call_nouns, &r.calls.nouns),
            (&p.call_weak, &r.calls.weak),
            (&p.earlier, &r.calls.earlier),
            (&p.later, &r.calls.later),
            (&p.meeting, &r.calls.meeting),
            (&p.denial, &r.calls.denial),
            (&p.refusal_objects, &objects),
            (&p.refusal_not, &r.refusal.not),
            (&p.refusal_negated, &negated),
        ] {
            assert_eq!(list.len(), words.len());
            for (i, phrase) in words.iter().enumerate() {
                // (the rule lines are trimmed: no phrase has an empty word)
                assert!(phrase.split(' ').all(|w| !w.is_empty()), "{phrase:?}");
                assert_eq!(list.words(i), phrase.split(' ').count());
                let mut sentence = vec![UNKNOWN, UNKNOWN];
                sentence.extend(ids(p, phrase));
                sentence.push(UNKNOWN);
                assert_eq!(list.find(&sentence, i), Some(2), "{phrase:?}");
                assert!(list.at(&sentence[2..], i));
                assert!(list.matching_at(&sentence[2..]).any(|q| q == i), "{phrase:?}");
                assert!(list.any(&sentence));
                let mut places = Vec::new();
                list.first_places(&sentence, &mut places);
                assert_eq!(places[i], Some(2), "{phrase:?}");
                // the first phrase of the list found there is the first one that occurs
                let (q, at) = list.first(&sentence).expect("found");
                assert!(q <= i && places[q] == Some(at));
                assert!((0..q).all(|k| places[k].is_none()));
            }
        }
    }

    #[test]
    fn the_first_phrase_in_list_order_wins_at_its_first_place() {
        let r = Rules::builtin();
        let p = &r.phrases;
        // "call" after "phone call" in the noun list: the longer phrase, named later, wins
        let nouns = &r.calls.nouns;
        let phone_call = nouns.iter().position(|n| n == "phone call").expect("listed");
        let call = nouns.iter().position(|n| n == "call").expect("listed");
        assert!(phone_call < call);
        let s = ids(p, "the call and the phone call and a phone call");
        assert_eq!(p.call_nouns.first(&s), Some((phone_call, 4)));
        assert_eq!(p.call_nouns.find(&s, call), Some(1));
        assert_eq!(p.call_nouns.first(&ids(p, "nothing here")), None);
        assert!(!p.call_nouns.any(&[UNKNOWN, UNKNOWN]));
    }

    #[test]
    fn word_sets_hold_their_words_and_never_unknown() {
        let r = Rules::builtin();
        let p = &r.phrases;
        for w in &r.calls.caller {
            assert!(p.caller.contains(p.vocab.id(w)));
        }
        for w in &r.refusal.skip {
            assert!(p.skip.contains(p.vocab.id(w)));
        }
        for k in r.speech.keys() {
            assert!(p.speech_lower.contains(p.vocab.id(&k.to_lowercase())));
        }
        assert!(!p.caller.contains(UNKNOWN) && !p.caller.contains(p.vocab.id("zebra")));
        assert_eq!(p.vocab.id("zebra"), UNKNOWN);
        // every first word of a call phrase, and every caller, can begin a call report
        for list in [&r.calls.verbs, &r.calls.nouns, &r.calls.weak, &r.calls.earlier] {
            for phrase in list {
                assert!(p.call_starts.contains(p.vocab.id(phrase.split(' ').next().unwrap_or(""))), "{phrase:?}");
            }
        }
        assert!(r.calls.caller.iter().all(|w| p.call_starts.contains(p.vocab.id(w))));
        // every initiator verb, and the first word of every initiator phrase, can begin a cue
        assert!(r.calls.initiator.iter().all(|w| p.initiator_starts.contains(p.vocab.id(w))));
        for phrase in r.event_words.initiator_phrases() {
            assert!(p.initiator_starts.contains(p.vocab.id(phrase.split(' ').next().unwrap_or(""))), "{phrase:?}");
        }
        assert!(!p.initiator_starts.contains(p.vocab.id("the")));
    }

    #[test]
    fn short_and_long_words_have_one_id_each() {
        let p = &Rules::builtin().phrases;
        let all: Vec<(&str, u32)> = p.vocab.ids.iter().collect();
        let by_text: std::collections::HashMap<&str, u32> = all.iter().copied().collect();
        let mut ids: Vec<u32> = all.iter().map(|&(_, id)| id).collect();
        ids.sort_unstable();
        assert_eq!(ids, (1..=all.len() as u32).collect::<Vec<_>>(), "ids are 1..=n, each once");
        for &(w, id) in &all {
            assert_eq!(p.vocab.id(w), id, "{w:?}");
            // any other string: its own id or none (a prefix, or the same bytes and another
            // length, never shares a key)
            let others = [format!("{w}x"), format!("{w}\0"), w.chars().skip(1).collect(), format!("x{w}")];
            for o in others.iter().map(String::as_str).chain(w.char_indices().last().map(|(i, _)| &w[..i])) {
                assert_eq!(p.vocab.id(o), by_text.get(o).copied().unwrap_or(UNKNOWN), "{o:?}");
            }
        }
        assert!(all.iter().any(|(w, _)| w.len() < 8) && all.iter().any(|(w, _)| w.len() >= 8));
    }

    #[test]
    fn keys16_hold_what_was_inserted() {
        let mut keys = Keys16::default();
        for k in [0, 1, 63, 64, 0x7a61, u16::MAX] {
            assert!(!keys.contains(k));
            keys.insert(k);
            assert!(keys.contains(k));
        }
        assert!(!keys.contains(2) && !keys.contains(0x617a) && !keys.contains(u16::MAX - 1));
        assert_eq!(Keys16::first_two("ab"), Some(0x6162));
        assert_eq!(Keys16::first_two("abc"), Keys16::first_two("abd"));
        assert_eq!(Keys16::first_two("a"), None);
        assert_eq!(Keys16::sketch(""), None);
        assert_eq!(Keys16::sketch("said"), Keys16::sketch("said"));
        // (a sketch tells apart most words: only a few of these share one)
        let words = ["said", "says", "told", "the", "a", "an", "and", "call", "calls", "called", "talks", "spoke"];
        let mut sketches: Vec<_> = words.iter().map(|w| Keys16::sketch(w)).collect();
        sketches.sort_unstable();
        sketches.dedup();
        assert!(sketches.len() >= words.len() - 2);
    }

    #[test]
    fn word_starts_turn_away_only_words_that_begin_with_none() {
        let mut starts = WordStarts::default();
        assert!(!starts.may_begin("declined") && !starts.may_begin("") && !starts.may_begin("d"));
        starts.add("declin");
        starts.add("turned");
        for w in ["declined", "de", "turned", "tu", "tuxedo"] {
            assert!(starts.may_begin(w), "{w:?}");
        }
        for w in ["d", "", "the", "refused", "ed"] {
            assert!(!starts.may_begin(w), "{w:?}");
        }
        starts.add("x");
        assert!(starts.may_begin("the") && starts.may_begin("") && starts.may_begin("q"));
        // the built-in verbs: every form that `refusal_verb` takes begins as one of them
        let r = Rules::builtin();
        for (stem, _) in &r.refusal.verbs {
            assert!(r.phrases.refusal_starts.may_begin(stem), "{stem:?}");
            assert!(r.phrases.refusal_starts.may_begin(&format!("{stem}ed")), "{stem:?}");
        }
        assert!(!r.phrases.refusal_starts.may_begin("the") && !r.phrases.refusal_starts.may_begin("a"));
    }

    #[test]
    fn vocab_ids_pass_the_sketch_test() {
        let p = &Rules::builtin().phrases;
        for (w, id) in p.vocab.ids.iter() {
            assert_eq!(p.vocab.id(w), id, "{w:?}");
            assert!(Keys16::sketch(w).is_none_or(|k| p.vocab.sketches.contains(k)), "{w:?}");
        }
        assert_eq!(p.vocab.id(""), UNKNOWN);
        assert_eq!(p.vocab.id("\u{1}"), UNKNOWN);
    }

    #[test]
    fn refusal_verbs_follow_the_list() {
        let r = Rules::builtin();
        let p = &r.phrases;
        assert_eq!(p.refusal_verbs.len(), r.refusal.verbs.len());
        for ((stem, _), v) in r.refusal.verbs.iter().zip(&p.refusal_verbs) {
            match v {
                RefusalVerb::Stem => assert!(!stem.contains(' ')),
                RefusalVerb::Phrasal { words, first, .. } => {
                    assert_eq!(words.len(), stem.split(' ').count());
                    assert_eq!(*first, p.vocab.id(stem.split(' ').next().unwrap_or("")));
                }
            }
        }
    }
}
