//! # Words: what each word (and each start of a title or gazetteer name) can be, in one table
//!
//! Mention finding tries several rules at every token of every sentence, and each rule used to
//! ask its own tables about the token ("does a title start here? a country? a gazetteer name?").
//! [`Words`] is all those answers, compiled from the other tables of [`Rules`] when the rules are
//! parsed: one lookup of a token's text gives a [`WordInfo`] with a flag per word list and the
//! country, capital, adjective, title and speech-verb entries of that exact text. Nothing here is
//! a list of its own: every entry comes from a rule table, and the tests below check that every
//! word of every source table has its flag.
//!
//! The table also holds every start (cut at any character) of every title and of every surface a
//! gazetteer key is found by ([`WordInfo::TITLE_PREFIX`], [`WordInfo::GAZETTEER_PREFIX`]): a
//! span that is no such start cannot grow into a title or a name, so a lookup walks forward from
//! its first token and stops at the first span that is not one, instead of trying every length.

use super::textmap::TextMap;

use super::{Frame, GazetteerAlias, Rules, TitleKind};

/// What one string is, for every word list mention finding consults. A string not in the table has
/// no flags and no entries.
#[derive(Debug, Clone, Copy)]
pub struct WordInfo {
    flags: u32,
    /// Indices into [`Rules::countries`] (`NONE` when absent): `country_names`, `capitals`,
    /// `country_adjectives`.
    country: u16,
    capital: u16,
    adjective: u16,
    /// `titles.get(text)`
    pub title: Option<TitleKind>,
    /// `speech.get(text)`
    pub speech: Option<Frame>,
    /// `gazetteer_lookup(text)`, for a text with single spaces (a leading "The " is found as
    /// the key's "the ").
    pub gazetteer: Option<GazetteerAlias>,
}

const NONE: u16 = u16::MAX;

impl WordInfo {
    /// In `gazetteer_first_words`.
    pub const GAZETTEER_FIRST: u32 = 1 << 0;
    /// In `title_first_words`.
    pub const TITLE_FIRST: u32 = 1 << 1;
    /// In `country_pair_first_words`.
    pub const COUNTRY_PAIR_FIRST: u32 = 1 << 2;
    /// The first word of a country's name or of a capital of more than one word ("Abu").
    pub const PLACE_PAIR_FIRST: u32 = 1 << 3;
    /// In `topic_first_words` / `body_first_words`.
    pub const TOPIC_FIRST: u32 = 1 << 4;
    pub const BODY_FIRST: u32 = 1 << 5;
    /// In `org_heads`.
    pub const ORG_HEAD: u32 = 1 << 6;
    /// An organisation head with its first letter (ASCII) in lower case: "fund" for "Fund".
    pub const ORG_HEAD_LOWER: u32 = 1 << 7;
    /// In the lexicon's lists.
    pub const NOT_NAME_START: u32 = 1 << 8;
    pub const NOT_NAME: u32 = 1 << 9;
    pub const NOT_SURNAME: u32 = 1 << 10;
    pub const TITLE_MODIFIER: u32 = 1 << 11;
    /// In `group_nouns`.
    pub const GROUP_NOUN: u32 = 1 << 12;
    /// The start of a title (any title is a start of itself).
    pub const TITLE_PREFIX: u32 = 1 << 13;
    /// The start of a surface that [`Rules::gazetteer_lookup`] finds with single spaces: a key,
    /// or "The ..." for a key "the ...".
    pub const GAZETTEER_PREFIX: u32 = 1 << 14;

    pub fn has(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }
    /// In some word list as a whole word: a flag other than the prefix ones, or an entry.
    pub fn is_listed(&self) -> bool {
        self.flags & !(Self::TITLE_PREFIX | Self::GAZETTEER_PREFIX) != 0
            || self.country != NONE
            || self.capital != NONE
            || self.adjective != NONE
            || self.title.is_some()
            || self.speech.is_some()
            || self.gazetteer.is_some()
    }
    /// `country_names.get(text)`
    pub fn country_name(&self) -> Option<usize> {
        (self.country != NONE).then_some(self.country as usize)
    }
    /// `capitals.get(text)`
    pub fn capital(&self) -> Option<usize> {
        (self.capital != NONE).then_some(self.capital as usize)
    }
    /// `country_adjectives.get(text)`
    pub fn adjective(&self) -> Option<usize> {
        (self.adjective != NONE).then_some(self.adjective as usize)
    }
    /// A country's name, a capital or an adjective, or the first word of a two-word one
    /// (`COUNTRY_PAIR_FIRST`): the words a country modifier can begin with.
    pub fn may_begin_country(&self) -> bool {
        self.country != NONE || self.capital != NONE || self.adjective != NONE || self.has(Self::COUNTRY_PAIR_FIRST)
    }
}

/// The word sets of `rules` that give a word a flag of its own, with that flag.
fn flagged_sets(rules: &Rules) -> [(&rustc_hash::FxHashSet<String>, u32); 11] {
    [
        (&rules.gazetteer_first_words, WordInfo::GAZETTEER_FIRST),
        (&rules.title_first_words, WordInfo::TITLE_FIRST),
        (&rules.country_pair_first_words, WordInfo::COUNTRY_PAIR_FIRST),
        (&rules.topic_first_words, WordInfo::TOPIC_FIRST),
        (&rules.body_first_words, WordInfo::BODY_FIRST),
        (&rules.org_heads, WordInfo::ORG_HEAD),
        (&rules.lexicon.not_name_start, WordInfo::NOT_NAME_START),
        (&rules.lexicon.not_name, WordInfo::NOT_NAME),
        (&rules.lexicon.not_surname, WordInfo::NOT_SURNAME),
        (&rules.lexicon.title_modifier, WordInfo::TITLE_MODIFIER),
        (&rules.group_nouns, WordInfo::GROUP_NOUN),
    ]
}

/// The compiled table: text -> [`WordInfo`].
#[derive(Debug, Default)]
pub struct Words {
    map: TextMap<WordInfo>,
}

const EMPTY: WordInfo =
    WordInfo { flags: 0, country: NONE, capital: NONE, adjective: NONE, title: None, speech: None, gazetteer: None };

impl Words {
    /// What `text` is (all empty for a text in no list).
    pub fn get(&self, text: &str) -> WordInfo {
        self.map.get(text).unwrap_or(EMPTY)
    }

    /// Compile the table from the other tables of `rules`.
    pub fn new(rules: &Rules) -> Words {
        assert!(rules.countries.len() < NONE as usize, "country indices are kept in 16 bits");
        let mut w = Words::default();
        for (set, flag) in flagged_sets(rules) {
            for s in set {
                w.entry(s).flags |= flag;
            }
        }
        for h in &rules.org_heads {
            if h.as_bytes().first().is_some_and(u8::is_ascii_uppercase) {
                w.entry(&format!("{}{}", h[..1].to_ascii_lowercase(), &h[1..])).flags |= WordInfo::ORG_HEAD_LOWER;
            }
        }
        for (name, &c) in &rules.country_names {
            w.entry(name).country = c as u16;
        }
        for (name, &c) in &rules.capitals {
            w.entry(name).capital = c as u16;
        }
        for (name, &c) in &rules.country_adjectives {
            w.entry(name).adjective = c as u16;
        }
        for name in rules.country_names.keys().chain(rules.capitals.keys()) {
            if let Some((first, _)) = name.split_once(' ') {
                w.entry(first).flags |= WordInfo::PLACE_PAIR_FIRST;
            }
        }
        for (title, &kind) in &rules.titles {
            w.entry(title).title = Some(kind);
            w.prefixes(title, WordInfo::TITLE_PREFIX);
        }
        for (verb, &frame) in &rules.speech {
            w.entry(verb).speech = Some(frame);
        }
        for (key, &alias) in &rules.gazetteer {
            w.entry(key).gazetteer = Some(alias);
            w.prefixes(key, WordInfo::GAZETTEER_PREFIX);
            // (keys never start with "The ": gazetteer_key writes it "the ")
            if let Some(rest) = key.strip_prefix("the ") {
                let surface = format!("The {rest}");
                w.entry(&surface).gazetteer = Some(alias);
                w.prefixes(&surface, WordInfo::GAZETTEER_PREFIX);
            }
        }
        w.map.finish();
        w
    }

    fn entry(&mut self, text: &str) -> &mut WordInfo {
        self.map.entry(text, EMPTY)
    }

    /// Flag every start of `phrase` that ends at a character boundary (the phrase included).
    fn prefixes(&mut self, phrase: &str, flag: u32) {
        for (i, c) in phrase.char_indices() {
            self.entry(&phrase[..i + c.len_utf8()]).flags |= flag;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_of_every_source_table_has_its_flag() {
        let r = Rules::builtin();
        let w = &r.words;
        for (set, flag) in flagged_sets(r) {
            assert!(!set.is_empty());
            for s in set {
                assert!(w.get(s).has(flag), "{s:?} lacks flag {flag:#x}");
            }
            // and only those words have it
            assert_eq!(w.map.iter().filter(|(_, i)| i.has(flag)).count(), set.len(), "flag {flag:#x}");
        }
        for (name, &c) in &r.country_names {
            assert_eq!(w.get(name).country_name(), Some(c), "{name}");
        }
        for (name, &c) in &r.capitals {
            assert_eq!(w.get(name).capital(), Some(c), "{name}");
        }
        for (name, &c) in &r.country_adjectives {
            assert_eq!(w.get(name).adjective(), Some(c), "{name}");
        }
        for (text, info) in w.map.iter() {
            assert_eq!(info.country_name(), r.country_names.get(text).copied(), "{text}");
            assert_eq!(info.capital(), r.capitals.get(text).copied(), "{text}");
            assert_eq!(info.adjective(), r.country_adjectives.get(text).copied(), "{text}");
            assert_eq!(info.title, r.titles.get(text).copied(), "{text}");
            assert_eq!(info.speech, r.speech.get(text).copied(), "{text}");
            // (spans are looked up with single spaces: "RIA " is only a start of "RIA Novosti")
            if text.split_whitespace().collect::<Vec<_>>().join(" ") == text {
                let (a, b) = (info.gazetteer, r.gazetteer_lookup(text));
                assert_eq!(a.map(|g| (g.entry, g.contextual)), b.map(|g| (g.entry, g.contextual)), "{text}");
            }
        }
        for (verb, &frame) in &r.speech {
            assert_eq!(w.get(verb).speech, Some(frame));
        }
        assert_eq!(w.get("Abu").has(WordInfo::PLACE_PAIR_FIRST), r.capitals.contains_key("Abu Dhabi"));
        assert!(w.get("United").has(WordInfo::PLACE_PAIR_FIRST));
        assert!(!w.get("no such word").has(WordInfo::GAZETTEER_FIRST));
        let none = w.get("no such word");
        assert!(none.flags == 0 && none.country_name().is_none() && none.title.is_none() && none.gazetteer.is_none());
    }

    #[test]
    fn titles_and_gazetteer_surfaces_are_found_with_all_their_starts() {
        let r = Rules::builtin();
        let w = &r.words;
        for (title, &kind) in &r.titles {
            assert_eq!(w.get(title).title, Some(kind));
            for (i, _) in title.char_indices().skip(1) {
                assert!(w.get(&title[..i]).has(WordInfo::TITLE_PREFIX), "{title:?} at {i}");
            }
            assert!(w.get(title).has(WordInfo::TITLE_PREFIX));
        }
        for key in r.gazetteer.keys() {
            assert!(w.get(key).gazetteer.is_some() && w.get(key).has(WordInfo::GAZETTEER_PREFIX), "{key}");
            if let Some(rest) = key.strip_prefix("the ") {
                let surface = format!("The {rest}");
                assert!(w.get(&surface).has(WordInfo::GAZETTEER_PREFIX));
                assert_eq!(w.get(&surface).gazetteer.map(|g| g.entry), r.gazetteer_lookup(&surface).map(|g| g.entry));
            }
        }
        assert!(w.get("Brig. G").has(WordInfo::TITLE_PREFIX));
        assert!(!w.get("Brig. X").has(WordInfo::TITLE_PREFIX));
    }

    #[test]
    fn every_entry_is_found_short_or_long() {
        let w = &Rules::builtin().words;
        assert!(w.map.short_len() > 100 && w.map.short_len() < w.map.len());
        for (text, info) in w.map.iter() {
            assert_eq!(format!("{:?}", w.get(text)), format!("{info:?}"), "{text}");
        }
        for text in ["zzqx", "\0", "the\0", &"x".repeat(w.map.longest() + 1)] {
            assert_eq!(w.get(text).flags, 0, "{text:?}");
        }
    }

    #[test]
    fn lower_case_organisation_heads() {
        let r = Rules::builtin();
        for h in &r.org_heads {
            let mut c = h.chars();
            let first = c.next().unwrap_or(' ');
            if first.is_ascii_uppercase() {
                let lower: String = first.to_ascii_lowercase().to_string() + c.as_str();
                assert!(r.words.get(&lower).has(WordInfo::ORG_HEAD_LOWER), "{lower}");
            }
        }
    }
}
