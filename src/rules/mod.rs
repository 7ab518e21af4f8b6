//! # Rules: the word lists and gazetteers that drive extraction, as data
//!
//! Every list lives in `src/rules/data/` as a small commented text file, embedded with
//! `include_str!`, read by the one strict loader ([`load`]: an unknown section, kind or column
//! count is an error naming the file and line) and built once into [`Rules`]. A new title, trigger
//! verb, outlet or name variant is a data edit; the tests at the bottom of this file and the
//! fixture suite check each list.
//!
//! | file | what it holds |
//! |---|---|
//! | `titles.tsv` | titles, ranks and roles that stand before names, and the gender some tell |
//! | `given_names.txt` | common given names (never surnames), with the gender of those given to one |
//! | `name_variants.tsv` | transliteration and nickname families (Sergey/Sergei, Pat/Patrick) |
//! | `east_asian_surnames.txt` | family names written first |
//! | `countries.tsv` | countries, adjectives, other names, capitals |
//! | `institutions.tsv` | well-known bodies and outlets, with aliases |
//! | `speech_verbs.tsv` | statement cues and their frames |
//! | `group_nouns.txt` | nouns for unnamed groups ("officials") |
//! | `refusal_cues.tsv` | refusing verbs, refusable objects, exclusions, negations |
//! | `call_words.tsv` | call nouns and verbs, weak verbs, media, "called" exclusions |
//! | `institution_patterns.tsv` | ministry topics and country bodies found by pattern |
//! | `credit_lines.txt` | starts of byline, credit and caption lines that name no actors |
//! | `event_words.tsv` | the other words the fact readers look for, a section a job |
//! | `lexicon.tsv` | small word lists: gap words, words that are no names, title modifiers |
//! | `event_codes.tsv` | the CAMEO code and PLOVER type of each cue, refusal and call status |

// FxHash: the tables are fixed rule data, looked up for every word of every sentence; SipHash
// took a seventh of extraction
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::normalize::fold;

mod credits;
pub mod event_codes;
pub mod event_words;
#[cfg(test)]
mod examples;
pub mod load;
pub mod phrases;
mod textmap;
mod words;
pub use credits::Credits;
pub use load::{RuleError, Tables};
pub use words::{WordInfo, Words};

/// What a title is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// Mr, Ms, Dr: not kept as a title.
    Honorific,
    /// A post: President, Defense Secretary.
    Office,
    /// Military rank: Gen., Brig. Gen.
    Rank,
    /// A service branch before a rank: Air Force.
    Service,
    /// Lower-case descriptor before a name: spokesperson, counterpart.
    Role,
}

impl TitleKind {
    /// The kinds as `titles.tsv` writes them, in the order of [`TitleKind::ALL`].
    pub const NAMES: [&'static str; 5] = ["honorific", "office", "rank", "service", "role"];
    pub const ALL: [TitleKind; 5] =
        [TitleKind::Honorific, TitleKind::Office, TitleKind::Rank, TitleKind::Service, TitleKind::Role];

    pub fn from_name(name: &str) -> Option<TitleKind> {
        Self::NAMES.iter().position(|n| *n == name).map(|i| Self::ALL[i])
    }
}

/// The gender a given name or a title tells (`given_names.txt`, `titles.tsv`): what lets "he"
/// and "she" pass over people of the other gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

impl Gender {
    /// The genders as the data files write them, in the order of [`Gender::ALL`].
    pub const NAMES: [&'static str; 2] = ["female", "male"];
    pub const ALL: [Gender; 2] = [Gender::Female, Gender::Male];

    pub fn from_name(name: &str) -> Option<Gender> {
        Self::NAMES.iter().position(|n| *n == name).map(|i| Self::ALL[i])
    }
}

/// The frame of a speech verb: where the words and the audience stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Plain,
    /// Words follow only after "that" or a quotation ("announced that ..."), or stand before.
    That,
    /// ", saying ...": the speaker is the subject of the sentence.
    Participle,
    Audience,
    Target,
    Charge,
    Naming,
    /// "X promised to ...", "X vowed that ...": the words from "to" (or after "that").
    Pledge,
    /// "X expressed concern over ...", "X called for ...": the words are the verb's phrase.
    Stance,
}

impl Frame {
    /// The frames as `speech_verbs.tsv` writes them, in the order of [`Frame::ALL`].
    pub const NAMES: [&'static str; 9] =
        ["plain", "that", "participle", "audience", "target", "charge", "naming", "pledge", "stance"];
    pub const ALL: [Frame; 9] = [
        Frame::Plain,
        Frame::That,
        Frame::Participle,
        Frame::Audience,
        Frame::Target,
        Frame::Charge,
        Frame::Naming,
        Frame::Pledge,
        Frame::Stance,
    ];

    pub fn from_name(name: &str) -> Option<Frame> {
        Self::NAMES.iter().position(|n| *n == name).map(|i| Self::ALL[i])
    }

    /// The frame as `speech_verbs.tsv` writes it.
    pub fn name(self) -> &'static str {
        Self::NAMES[Self::ALL.iter().position(|f| *f == self).unwrap_or(0)]
    }
}

#[derive(Debug, Clone)]
pub struct Country {
    pub name: String,
    pub adjectives: Vec<String>,
    pub names: Vec<String>,
    pub capitals: Vec<String>,
}

impl Country {
    /// The adjective used in labels ("Russian Defense Ministry").
    pub fn adjective(&self) -> &str {
        self.adjectives.first().map(String::as_str).unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone)]
pub struct InstitutionEntry {
    pub canonical: String,
    pub kind: String,
    pub country: Option<String>,
    /// Titles whose holders belong to it, lower-cased ("defense secretary").
    pub offices: Vec<String>,
}

/// A gazetteer hit: which entry, and whether the alias only counts beside the full name.
#[derive(Debug, Clone, Copy)]
pub struct GazetteerAlias {
    pub entry: usize,
    pub contextual: bool,
}

#[derive(Debug, Default)]
pub struct RefusalCues {
    /// (stem, canonical verb)
    pub verbs: Vec<(String, String)>,
    /// The indices into `verbs` of the stems that begin with each byte, in order (a word can
    /// only begin a refusing verb with the stem's first letter).
    pub verbs_by_byte: Vec<Vec<usize>>,
    /// (phrase, what), longest first
    pub objects: Vec<(String, String)>,
    pub not: Vec<String>,
    pub negation: HashSet<String>,
    /// words between the verb and the object
    pub skip: HashSet<String>,
    /// verbs of asking for contact ("tried", "sought") and the contact words after them
    pub frame: HashSet<String>,
    pub contact: HashSet<String>,
    /// (phrase, what): contact verbs that refuse when negated
    pub negated: Vec<(String, String)>,
    /// objects of `objects` that refuse only with a contact noun or an actor after them
    pub needs_object: HashSet<String>,
    /// call verbs that refuse when negated in the future ("will not call X")
    pub negated_call_verbs: HashSet<String>,
}

#[derive(Debug, Default)]
pub struct CallWords {
    pub nouns: Vec<String>,
    pub verbs: Vec<String>,
    pub weak: Vec<String>,
    pub medium: Vec<String>,
    pub not_after_called: HashSet<String>,
    pub caller: HashSet<String>,
    pub planned: HashSet<String>,
    pub requested: HashSet<String>,
    /// phrases, longest first
    pub earlier: Vec<String>,
    pub initiator: Vec<String>,
    pub later: Vec<String>,
    pub meeting: Vec<String>,
    pub denial: Vec<String>,
    pub after_callee: HashSet<String>,
}

/// Small word lists (`lexicon.tsv`).
#[derive(Debug, Default)]
pub struct Lexicon {
    pub gap: HashSet<String>,
    pub not_name_start: HashSet<String>,
    pub not_name: HashSet<String>,
    pub not_surname: HashSet<String>,
    pub title_modifier: HashSet<String>,
    pub past_title_modifier: HashSet<String>,
    pub not_person: HashSet<String>,
    pub country_noun_before: HashSet<String>,
    pub cue_before_name: HashSet<String>,
    pub apposition_start: HashSet<String>,
    pub relative_role: HashSet<String>,
    /// lower-case words that never modify a role after them ("from his counterpart")
    pub not_role_modifier: HashSet<String>,
    pub credit_word: HashSet<String>,
    pub ministry_head: HashSet<String>,
    /// places that are also given names ("Chad", "Jordan")
    pub place_given_name: HashSet<String>,
    /// (epithet, title): "the Latvian leader" is the last person of that country with one of the
    /// epithet's titles (lower case, matched at the end of a holder's title)
    pub epithets: Vec<(String, String)>,
    /// (ending, canonical ending) of surnames, longest first: transliterations of one name
    pub surname_endings: Vec<(String, String)>,
    /// articles joined to a surname by a hyphen ("al-", "el-"), longest first
    pub surname_articles: Vec<String>,
}

/// All rule data, parsed.
#[derive(Debug)]
pub struct Rules {
    /// title phrase -> kind
    pub titles: HashMap<String, TitleKind>,
    /// title phrase -> the gender it tells ("Mrs", "Sir", "spokeswoman"), as written
    pub title_genders: HashMap<String, Gender>,
    /// the longest title in words
    pub title_max_words: usize,
    /// first words of titles and of gazetteer keys: the only words that can begin a match
    pub title_first_words: HashSet<String>,
    pub gazetteer_first_words: HashSet<String>,
    pub given_names: HashSet<String>,
    /// folded given name -> the gender it tells (only names given to one gender)
    pub given_genders: HashMap<String, Gender>,
    /// folded variant -> folded canonical
    pub variants: HashMap<String, String>,
    pub east_asian: HashSet<String>,
    /// The first words of the verbs of calls, refusals and initiators ("spoke", "phoned",
    /// "declined"): a capitalised word that begins a sentence before one may be a surname
    /// (`mentions`' lone capitalised words). Made from the tables, no list of its own.
    pub actor_verb_first_words: HashSet<String>,
    pub countries: Vec<Country>,
    /// country noun forms (names, other names) -> country index
    pub country_names: HashMap<String, usize>,
    /// adjectives -> country index
    pub country_adjectives: HashMap<String, usize>,
    /// capitals -> country index
    pub capitals: HashMap<String, usize>,
    /// adjectives, lower-cased
    pub country_adjectives_lower: HashSet<String>,
    /// First words of the two-word country names and adjectives ("United", "South").
    pub country_pair_first_words: HashSet<String>,
    pub institutions: Vec<InstitutionEntry>,
    /// alias (as written; a leading "the " lower-cased) -> entry
    pub gazetteer: HashMap<String, GazetteerAlias>,
    pub gazetteer_max_words: usize,
    pub speech: HashMap<String, Frame>,
    pub group_nouns: HashSet<String>,
    pub refusal: RefusalCues,
    pub calls: CallWords,
    /// ministry topics as written -> canonical, longest first
    pub topics: Vec<(String, String)>,
    /// The first words of `topics` (a topic can start only at one of these).
    pub topic_first_words: HashSet<String>,
    /// country bodies as written -> canonical, longest first
    pub bodies: Vec<(String, String)>,
    /// The first words of `bodies`.
    pub body_first_words: HashSet<String>,
    /// starts of credit lines ("Reporting by", "By")
    pub credit_lines: Vec<String>,
    /// phrases that make a line a credit ("contributed to this report")
    pub credit_phrases: Vec<String>,
    /// `credit_lines` and `credit_phrases` made quick to test ([`Credits`]).
    pub credits: Credits,
    /// last words of organisations' names ("Fund", "Directorate")
    pub org_heads: HashSet<String>,
    /// what an outlet is, written before its name ("the newspaper X") and after it ("X news agency")
    pub outlet_before: HashSet<String>,
    pub outlet_after: HashSet<String>,
    pub lexicon: Lexicon,
    /// Every table above that mention finding asks about a token, compiled into one ([`Words`]).
    pub words: Words,
    /// The call and refusal lists as word ids, for events.
    pub phrases: phrases::EventPhrases,
    /// The other words the fact readers look for (`event_words.tsv`).
    pub event_words: event_words::EventWords,
    /// The CAMEO and PLOVER codes of the edges, by cue, refusal and call (`event_codes.tsv`).
    pub event_codes: event_codes::EventCodes,
}

/// A section's cells (first column) as a set.
fn set(t: &Tables, file: &str, section: &'static str) -> HashSet<String> {
    t.section(file, section).map(|r| r.get(0).to_string()).collect()
}

/// A section's cells (first column), in file order.
fn list(t: &Tables, file: &str, section: &'static str) -> Vec<String> {
    t.section(file, section).map(|r| r.get(0).to_string()).collect()
}

/// A section's (first, second) column pairs, in file order.
fn pairs(t: &Tables, file: &str, section: &'static str) -> Vec<(String, String)> {
    t.section(file, section).map(|r| (r.get(0).to_string(), r.get(1).to_string())).collect()
}

/// The gender in column `i` of a row (`None` when the line leaves it off; the loader has
/// checked that a written one is a gender).
fn gender_cell(r: &load::Row, i: usize) -> Result<Option<Gender>, RuleError> {
    match r.get(i) {
        "" => Ok(None),
        g => Gender::from_name(g).map(Some).ok_or_else(|| r.error(format!("unknown gender {g:?}"))),
    }
}

/// A cell's list (`,`- or `|`-separated), trimmed, empty items left out.
fn split_list(cell: &str, sep: char) -> impl Iterator<Item = &str> {
    cell.split(sep).map(str::trim).filter(|x| !x.is_empty())
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

impl Rules {
    /// The rules shipped with switchboard, parsed once. (The built-in data always loads: the
    /// test `builtin_data_loads_without_error` holds it to that.)
    pub fn builtin() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| {
            Tables::builtin().and_then(|t| Rules::from_tables(&t)).unwrap_or_else(|e| panic!("built-in rules: {e}"))
        })
    }

    /// The built-in rules with a user's rule folder on top. The folder holds files named as the
    /// data files (`titles.tsv`, `call_words.tsv`, ...); each one adds its lines to the built-in
    /// file of its name, or, when a line `#replace` stands before its first data line, takes the
    /// built-in file's place. Any other file name is an error (names starting with `.` are passed
    /// over), and so is any line the strict loader ([`load`]) refuses, named by its path and line.
    pub fn from_dir(dir: &std::path::Path) -> Result<Rules, RuleError> {
        Rules::from_tables(&Tables::with_user_files(&load::read_dir(dir)?)?)
    }

    /// Build the rules from the rows of every data file ([`load`]), checking what needs more
    /// than one file: an institution's country must be a country.
    // (Long, flat: one assignment per rule table, in the order of the data files; nothing in it
    // branches.)
    pub fn from_tables(t: &Tables) -> Result<Rules, RuleError> {
        let mut titles = HashMap::default();
        let mut title_genders = HashMap::default();
        for r in t.rows("titles.tsv") {
            let kind = TitleKind::from_name(r.get(1)).ok_or_else(|| r.error("unknown title kind"))?;
            titles.insert(r.get(0).to_string(), kind);
            // (a later line wins whole: one without a gender takes the gender away)
            match gender_cell(r, 2)? {
                Some(g) => title_genders.insert(r.get(0).to_string(), g),
                None => title_genders.remove(r.get(0)),
            };
        }
        let title_max_words = titles.keys().map(|t| words(t)).max().unwrap_or(1);
        // the first token of a title: "Brig." is the token "Brig" before a "." token
        let title_first_words = titles
            .keys()
            .filter_map(|t| t.split(' ').next())
            .flat_map(|w| {
                [w.to_string(), w.trim_end_matches('.').to_string(), w.split('-').next().unwrap_or(w).to_string()]
            })
            .collect();
        let given_names = t.rows("given_names.txt").iter().map(|r| fold(r.get(0))).collect();
        let mut given_genders = HashMap::default();
        for r in t.rows("given_names.txt") {
            match gender_cell(r, 1)? {
                Some(g) => given_genders.insert(fold(r.get(0)), g),
                None => given_genders.remove(&fold(r.get(0))),
            };
        }
        let mut variants = HashMap::default();
        for r in t.rows("name_variants.tsv") {
            let canon = fold(r.get(0));
            for v in split_list(r.get(1), ',') {
                variants.insert(fold(v), canon.clone());
            }
            variants.insert(canon.clone(), canon);
        }
        let east_asian = t.rows("east_asian_surnames.txt").iter().map(|r| r.get(0).to_string()).collect();

        let mut countries = Vec::new();
        let (mut country_names, mut country_adjectives, mut capitals) =
            (HashMap::default(), HashMap::default(), HashMap::default());
        for r in t.rows("countries.tsv") {
            let list = |i: usize| -> Vec<String> { split_list(r.get(i), ',').map(String::from).collect() };
            let c = Country { name: r.get(0).to_string(), adjectives: list(1), names: list(2), capitals: list(3) };
            let i = countries.len();
            // (the word table keeps country indices in 16 bits, one value meaning none)
            if i >= usize::from(u16::MAX) {
                return Err(r.error(format!("more than {} countries", u16::MAX - 1)));
            }
            country_names.insert(c.name.clone(), i);
            for n in &c.names {
                country_names.insert(n.strip_prefix("the ").unwrap_or(n).to_string(), i);
            }
            for a in &c.adjectives {
                country_adjectives.insert(a.clone(), i);
            }
            for cap in &c.capitals {
                capitals.insert(cap.clone(), i);
            }
            countries.push(c);
        }

        let country_adjectives_lower = country_adjectives.keys().map(|a: &String| a.to_lowercase()).collect();
        let country_pair_first_words = country_adjectives
            .keys()
            .chain(country_names.keys())
            .filter_map(|k: &String| k.split_once(' ').map(|(first, _)| first.to_string()))
            .collect();
        let mut institutions = Vec::new();
        let mut gazetteer = HashMap::default();
        for r in t.rows("institutions.tsv") {
            let entry = institutions.len();
            let canonical = r.get(0).to_string();
            let mut add = |alias: &str, contextual: bool| {
                gazetteer.insert(gazetteer_key(alias).into_owned(), GazetteerAlias { entry, contextual });
            };
            add(&canonical, false);
            if let Some(rest) = canonical.strip_prefix("The ") {
                add(rest, false);
            }
            for a in split_list(r.get(2), '|') {
                match a.strip_prefix('~') {
                    Some(a) => add(a, true),
                    None => add(a, false),
                }
            }
            let country = Some(r.get(3)).filter(|s| !s.is_empty()).map(String::from);
            if let Some(c) = country.as_ref().filter(|c| !country_names.contains_key(*c)) {
                return Err(r.error(format!("unknown country {c:?} (not a name in countries.tsv)")));
            }
            institutions.push(InstitutionEntry {
                canonical,
                kind: r.get(1).to_string(),
                country,
                offices: split_list(r.get(4), '|').map(str::to_lowercase).collect(),
            });
        }
        let gazetteer_max_words = gazetteer.keys().map(|k| words(k)).max().unwrap_or(1);
        let mut gazetteer_first_words: HashSet<String> = gazetteer
            .keys()
            .filter_map(|k| k.split(' ').next())
            .flat_map(|w| [w.to_string(), w.trim_end_matches(|c: char| !c.is_alphanumeric()).to_string()])
            .collect();
        gazetteer_first_words.insert("The".into());

        let mut speech = HashMap::default();
        for r in t.rows("speech_verbs.tsv") {
            let frame = Frame::from_name(r.get(1)).ok_or_else(|| r.error("unknown speech frame"))?;
            speech.insert(r.get(0).to_string(), frame);
        }
        let group_nouns = t.rows("group_nouns.txt").iter().map(|r| r.get(0).to_string()).collect();

        const REFUSAL: &str = "refusal_cues.tsv";
        let mut objects = pairs(t, REFUSAL, "object");
        objects.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        let verbs = pairs(t, REFUSAL, "verb");
        let mut verbs_by_byte = vec![Vec::new(); 256];
        for (i, (stem, _)) in verbs.iter().enumerate() {
            if let Some(&b) = stem.as_bytes().first() {
                verbs_by_byte[b as usize].push(i);
            }
        }
        let refusal = RefusalCues {
            verbs,
            verbs_by_byte,
            objects,
            not: list(t, REFUSAL, "not"),
            negation: set(t, REFUSAL, "negation"),
            skip: set(t, REFUSAL, "skip"),
            frame: set(t, REFUSAL, "frame"),
            contact: set(t, REFUSAL, "contact"),
            negated: pairs(t, REFUSAL, "negated"),
            needs_object: set(t, REFUSAL, "needs-object"),
            negated_call_verbs: set(t, REFUSAL, "negated-call-verbs"),
        };
        // phrase lists longest first
        let longest_first = |section: &'static str| -> Vec<String> {
            let mut v = list(t, "call_words.tsv", section);
            v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            v
        };
        let word_set = |section: &'static str| -> HashSet<String> { set(t, "call_words.tsv", section) };
        let calls = CallWords {
            nouns: longest_first("noun"),
            verbs: longest_first("verb"),
            weak: longest_first("weak"),
            medium: longest_first("medium"),
            not_after_called: word_set("not-after-called"),
            caller: word_set("caller"),
            planned: word_set("planned"),
            requested: word_set("requested"),
            earlier: longest_first("earlier"),
            initiator: longest_first("initiator"),
            later: longest_first("later"),
            meeting: longest_first("meeting"),
            denial: longest_first("denial"),
            after_callee: word_set("after-callee"),
        };
        const LEXICON: &str = "lexicon.tsv";
        let lexicon = Lexicon {
            gap: set(t, LEXICON, "gap"),
            not_name_start: set(t, LEXICON, "not-name-start"),
            not_name: set(t, LEXICON, "not-name"),
            not_surname: set(t, LEXICON, "not-surname"),
            title_modifier: set(t, LEXICON, "title-modifier"),
            past_title_modifier: set(t, LEXICON, "past-title-modifier"),
            not_person: set(t, LEXICON, "not-person"),
            country_noun_before: set(t, LEXICON, "country-noun-before"),
            cue_before_name: set(t, LEXICON, "cue-before-name"),
            apposition_start: set(t, LEXICON, "apposition-start"),
            relative_role: set(t, LEXICON, "relative-role"),
            not_role_modifier: set(t, LEXICON, "not-role-modifier"),
            credit_word: set(t, LEXICON, "credit-word"),
            ministry_head: set(t, LEXICON, "ministry-head"),
            place_given_name: set(t, LEXICON, "place-given-name"),
            epithets: pairs(t, LEXICON, "epithet"),
            surname_endings: {
                let mut v = pairs(t, LEXICON, "surname-ending");
                v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
                v
            },
            surname_articles: {
                let mut v = list(t, LEXICON, "surname-article");
                v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
                v
            },
        };
        const PATTERNS: &str = "institution_patterns.tsv";
        // patterns with the most words first
        let most_words_first = |section: &'static str| -> Vec<(String, String)> {
            let mut v = pairs(t, PATTERNS, section);
            v.sort_by(|a, b| words(&b.0).cmp(&words(&a.0)).then(a.0.cmp(&b.0)));
            v
        };
        let topics = most_words_first("topic");
        let topic_first_words = first_words(&topics);
        let org_heads = set(t, PATTERNS, "head");
        let (outlet_before, outlet_after) = (set(t, PATTERNS, "outlet-before"), set(t, PATTERNS, "outlet-after"));
        let bodies = most_words_first("body");
        let body_first_words = first_words(&bodies);
        let credit_lines = list(t, "credit_lines.txt", "starts");
        let credit_phrases = list(t, "credit_lines.txt", "contains");
        let event_words = event_words::EventWords::from_tables(t);
        let phrases = phrases::EventPhrases::new(&calls, &refusal, &speech, &country_adjectives_lower, &event_words);
        let event_codes = event_codes::EventCodes::from_tables(t, &speech)?;
        let actor_verb_first_words = calls
            .verbs
            .iter()
            .chain(&calls.weak)
            .chain(&calls.initiator)
            .chain(calls.caller.iter())
            .chain(refusal.verbs.iter().map(|(v, _)| v))
            .filter_map(|p| p.split(' ').next())
            .map(str::to_string)
            .collect();
        let mut rules = Rules {
            words: Words::default(),
            phrases,
            country_adjectives_lower,
            country_pair_first_words,
            title_first_words,
            gazetteer_first_words,
            credit_phrases,
            credits: Credits::default(),
            lexicon,
            org_heads,
            outlet_before,
            outlet_after,
            credit_lines,
            topics,
            topic_first_words,
            bodies,
            body_first_words,
            titles,
            title_genders,
            title_max_words,
            given_names,
            given_genders,
            variants,
            east_asian,
            actor_verb_first_words,
            countries,
            country_names,
            country_adjectives,
            capitals,
            institutions,
            gazetteer,
            gazetteer_max_words,
            speech,
            group_nouns,
            refusal,
            calls,
            event_words,
            event_codes,
        };
        rules.words = Words::new(&rules);
        rules.credits = Credits::new(&rules.credit_lines, &rules.credit_phrases);
        Ok(rules)
    }

    /// The canonical (folded) given name of a family: "Andrey" -> "andrei", "Pat" -> "patrick".
    pub fn given_family(&self, given: &str) -> String {
        let f = fold(given);
        self.variants.get(&f).cloned().unwrap_or(f)
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.given_names.contains(&fold(word))
    }

    /// The gender a given name tells ("Giulia" -> female), folded as [`Self::is_given_name`];
    /// `None` for a name given to both or not listed.
    pub fn given_gender(&self, word: &str) -> Option<Gender> {
        self.given_genders.get(&fold(word)).copied()
    }

    /// The gender a title tells ("Mrs.", "Queen", "spokeswoman"), matched as written.
    pub fn title_gender(&self, title: &str) -> Option<Gender> {
        self.title_genders.get(title).copied()
    }

    /// Is this sentence a credit line (byline, photo credit, "Reporting by")? A line starting "By"
    /// counts only when short, so "By Tuesday, the talks..." is news.
    pub fn is_credit_line(&self, sentence: &str) -> bool {
        let s = sentence.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(');
        if self.credits.contains_phrase(&self.credit_phrases, s) {
            return true;
        }
        let bare = s.trim_start_matches('(');
        if !self.credits.may_start(s, bare) {
            return false;
        }
        self.credit_lines.iter().any(|p| {
            let s = if p.starts_with('(') { s } else { bare };
            s.starts_with(p.as_str())
                && s[p.len()..]
                    .starts_with(|c: char| c.is_whitespace() || c == '/' || !p.ends_with(char::is_alphanumeric))
                && (!matches!(p.as_str(), "By" | "BY") || s.split_whitespace().count() <= 6)
        })
    }

    /// Look a surface form up in the gazetteer.
    pub fn gazetteer_lookup(&self, surface: &str) -> Option<GazetteerAlias> {
        self.gazetteer.get(&*gazetteer_key(surface)).copied()
    }

    /// Is this lower-cased word a country's adjective ("russian", "u.s.")?
    pub fn is_country_adjective_lower(&self, word: &str) -> bool {
        self.country_adjectives_lower.contains(word)
    }
}

/// The first words of the phrases of (phrase, canonical) pairs.
fn first_words(pairs: &[(String, String)]) -> HashSet<String> {
    pairs.iter().map(|(p, _)| p.split(' ').next().unwrap_or("").to_string()).collect()
}

/// Gazetteer keys: white space collapsed, a leading "The"/"the" lower-cased. Borrowed when `s`
/// is a key already (most surfaces looked up are: this runs for every candidate span).
pub fn gazetteer_key(s: &str) -> std::borrow::Cow<'_, str> {
    let collapsed = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s.contains(|c: char| c.is_whitespace() && c != ' ');
    if collapsed {
        return match s.strip_prefix("The ") {
            None => std::borrow::Cow::Borrowed(s),
            Some(rest) => std::borrow::Cow::Owned(format!("the {rest}")),
        };
    }
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.strip_prefix("The ") {
        Some(rest) => format!("the {rest}").into(),
        None => s.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_parses_and_is_non_empty() {
        let r = Rules::builtin();
        assert!(r.titles.len() > 50);
        assert!(r.given_names.len() > 200);
        assert!(r.countries.len() > 30);
        assert!(r.institutions.len() > 30);
        assert!(r.speech.len() > 30);
        assert!(!r.refusal.verbs.is_empty() && !r.refusal.objects.is_empty() && !r.refusal.not.is_empty());
        // the first-word sets hold the first word of every topic and body
        assert!(r.topics.iter().all(|(t, _)| r.topic_first_words.contains(t.split(' ').next().unwrap_or(""))));
        assert!(r.bodies.iter().all(|(b, _)| r.body_first_words.contains(b.split(' ').next().unwrap_or(""))));
        // each refusing verb is indexed once, under its first byte, in list order
        let mut seen: Vec<usize> = r.refusal.verbs_by_byte.iter().flatten().copied().collect();
        assert!(r.refusal.verbs_by_byte.iter().all(|v| v.windows(2).all(|w| w[0] < w[1])));
        seen.sort();
        assert_eq!(seen, (0..r.refusal.verbs.len()).collect::<Vec<_>>());
        for (b, list) in r.refusal.verbs_by_byte.iter().enumerate() {
            assert!(list.iter().all(|&i| r.refusal.verbs[i].0.as_bytes()[0] as usize == b));
        }
        assert!(!r.calls.nouns.is_empty() && !r.calls.verbs.is_empty() && !r.calls.weak.is_empty());
    }

    #[test]
    fn every_section_of_every_sectioned_file_is_read() {
        let r = Rules::builtin();
        let l = &r.lexicon;
        for (name, n) in [
            ("gap", l.gap.len()),
            ("not-name-start", l.not_name_start.len()),
            ("not-name", l.not_name.len()),
            ("not-surname", l.not_surname.len()),
            ("title-modifier", l.title_modifier.len()),
            ("past-title-modifier", l.past_title_modifier.len()),
            ("not-person", l.not_person.len()),
            ("caller", r.calls.caller.len()),
            ("planned", r.calls.planned.len()),
            ("requested", r.calls.requested.len()),
            ("earlier", r.calls.earlier.len()),
            ("initiator", r.calls.initiator.len()),
            ("medium", r.calls.medium.len()),
            ("skip", r.refusal.skip.len()),
            ("frame", r.refusal.frame.len()),
            ("contact", r.refusal.contact.len()),
            ("negated", r.refusal.negated.len()),
            ("negation", r.refusal.negation.len()),
            ("head", r.org_heads.len()),
            ("denial", r.calls.denial.len()),
            ("after-callee", r.calls.after_callee.len()),
            ("meeting", r.calls.meeting.len()),
            ("later", r.calls.later.len()),
        ] {
            assert!(n > 0, "section [{name}] is empty or missing");
        }
        assert!(l.not_name_start.contains("He") && l.not_name.contains("May"));
        assert!(r.calls.earlier.iter().any(|p| p == "since a call"));
    }

    #[test]
    fn titles_have_kinds() {
        let r = Rules::builtin();
        assert_eq!(r.titles.get("Brig. Gen."), Some(&TitleKind::Rank));
        assert_eq!(r.titles.get("Defense Secretary"), Some(&TitleKind::Office));
        assert_eq!(r.titles.get("Air Force"), Some(&TitleKind::Service));
        assert_eq!(r.titles.get("spokesperson"), Some(&TitleKind::Role));
        assert_eq!(r.titles.get("Mr"), Some(&TitleKind::Honorific));
    }

    #[test]
    fn variant_families_fold_spellings_and_nicknames() {
        let r = Rules::builtin();
        for (a, b) in [
            ("Sergey", "Sergei"),
            ("Andrey", "Andrei"),
            ("Valeriy", "Valery"),
            ("Pat", "Patrick"),
            ("Mike", "Michael"),
            ("Dmitri", "Dmitry"),
        ] {
            assert_eq!(r.given_family(a), r.given_family(b), "{a} / {b}");
        }
        assert_ne!(r.given_family("Mark"), r.given_family("Michael"));
    }

    #[test]
    fn names_and_titles_tell_genders() {
        let r = Rules::builtin();
        assert_eq!(r.given_gender("Giulia"), Some(Gender::Female));
        assert_eq!(r.given_gender("OTTO"), Some(Gender::Male));
        // folded as given names are: accents and case
        assert_eq!(r.given_gender("Stephane"), r.given_gender("St\u{e9}phane"));
        // names given to both, and names not listed, tell nothing
        assert_eq!(r.given_gender("Andrea"), None);
        assert_eq!(r.given_gender("Zyx"), None);
        assert_eq!(r.title_gender("Mrs."), Some(Gender::Female));
        assert_eq!(r.title_gender("Sir"), Some(Gender::Male));
        assert_eq!(r.title_gender("spokeswoman"), Some(Gender::Female));
        assert_eq!(r.title_gender("President"), None);
        for n in Gender::NAMES {
            assert_eq!(
                Gender::from_name(n).map(|g| Gender::NAMES[Gender::ALL.iter().position(|x| *x == g).unwrap()]),
                Some(n)
            );
        }
    }

    /// The spellings and nicknames of one family are one person: they must not tell two genders.
    #[test]
    fn no_name_family_has_two_genders() {
        let r = Rules::builtin();
        let mut of_family: HashMap<&str, (Gender, &str)> = HashMap::default();
        for (name, g) in &r.given_genders {
            let family = r.variants.get(name).map_or(name.as_str(), String::as_str);
            if let Some((other, who)) = of_family.insert(family, (*g, name)) {
                assert_eq!(other, *g, "{name} and {who} are one family ({family}) of two genders");
            }
        }
        // every gendered name is a given name
        assert!(r.given_genders.keys().all(|n| r.given_names.contains(n)));
    }

    #[test]
    fn a_later_line_without_a_gender_takes_the_gender_away() {
        let dir =
            folder(&[("given_names.txt", "Giulia\n"), ("titles.tsv", "Mr\thonorific\nLady\thonorific\tfemale\n")]);
        let r = Rules::from_dir(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.given_gender("Giulia"), None);
        assert!(r.is_given_name("Giulia"));
        assert_eq!(r.title_gender("Mr"), None);
        assert_eq!(r.title_gender("Lady"), Some(Gender::Female));
        assert_eq!(r.title_gender("Mrs"), Some(Gender::Female));
    }

    #[test]
    fn no_variant_belongs_to_two_families() {
        let t = Tables::builtin().expect("built-in data");
        let mut seen = HashMap::default();
        for r in t.rows("name_variants.tsv") {
            let canon = r.get(0);
            for v in split_list(r.get(1), ',') {
                if let Some(prev) = seen.insert(v.to_string(), canon.to_string()) {
                    panic!("{v} is in both {prev} and {canon}");
                }
            }
        }
    }

    #[test]
    fn builtin_data_loads_without_error() {
        let t = Tables::builtin().unwrap_or_else(|e| panic!("{e}"));
        let r = Rules::from_tables(&t).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.titles.len(), Rules::builtin().titles.len());
        assert_eq!(r.institutions.len(), Rules::builtin().institutions.len());
    }

    #[test]
    fn an_institution_of_an_unknown_country_is_refused() {
        let u = load::UserFile {
            name: "institutions.tsv".into(),
            label: "mine/institutions.tsv".into(),
            text: "# mine\nHarbor Gazette\toutlet\t~the Gazette\tFreedonia\n".into(),
        };
        let t = Tables::with_user_files(&[u]).expect("rows parse");
        let e = Rules::from_tables(&t).map(|_| ()).expect_err("unknown country").to_string();
        assert_eq!(e, "mine/institutions.tsv:2: unknown country \"Freedonia\" (not a name in countries.tsv)");
    }

    /// The facts dump of one invented article, read with `rules`.
    fn facts(text: &str, rules: &Rules) -> String {
        let doc = crate::input::Document { name: "t.txt".into(), text: text.into(), meta: Default::default() };
        crate::analyze_document(&doc, rules).dump()
    }

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        dir
    }

    #[test]
    fn a_user_file_extends_the_built_in_one() {
        let text = "Archive news\n\nChief Archivist Tobin Varga said the files would be opened.\n";
        assert!(!facts(text, Rules::builtin()).contains("Tobin Varga"), "{}", facts(text, Rules::builtin()));
        let dir = folder(&[("titles.tsv", "# my titles\nChief Archivist\toffice\n"), (".hidden", "ignored")]);
        let r = Rules::from_dir(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let dump = facts(text, &r);
        assert!(dump.contains("person: Tobin Varga [Chief Archivist]"), "{dump}");
        assert!(dump.contains("statement: Tobin Varga -> none"), "{dump}");
        // the built-in titles are all still there
        assert_eq!(r.titles.len(), Rules::builtin().titles.len() + 1);
        assert_eq!(r.titles.get("Defense Secretary"), Some(&TitleKind::Office));
    }

    #[test]
    fn a_user_file_marked_replace_drops_the_built_in_lines() {
        let text = "Talks\n\nDefense Minister Ivan Petrov announced that the talks would resume.\n";
        assert!(facts(text, Rules::builtin()).contains("statement: Ivan Petrov"));
        let dir = folder(&[("speech_verbs.tsv", "# only said\n#replace\nsaid\tplain\n")]);
        let r = Rules::from_dir(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r.speech.len(), 1);
        let dump = facts(text, &r);
        assert!(dump.contains("person: Ivan Petrov") && !dump.contains("statement:"), "{dump}");
        // the other files are the built-in ones
        assert_eq!(r.titles.len(), Rules::builtin().titles.len());
    }

    #[test]
    fn a_user_folder_with_a_bad_file_or_line_is_refused() {
        let dir = folder(&[("title.tsv", "Chief Archivist\toffice\n")]);
        let e = Rules::from_dir(dir.path()).map(|_| ()).expect_err("unknown file").to_string();
        assert!(e.contains("title.tsv: unknown rule file (expected one of titles.tsv, given_names.txt"), "{e}");
        let dir = folder(&[("titles.tsv", "# mine\n\nChief Archivist\tofice\n")]);
        let e = Rules::from_dir(dir.path()).map(|_| ()).expect_err("bad kind").to_string();
        let path = dir.path().join("titles.tsv");
        assert_eq!(
            e,
            format!(
                "{}:3: unknown title kind \"ofice\" (expected one of {})",
                path.display(),
                TitleKind::NAMES.join(", ")
            )
        );
        let e = Rules::from_dir(&dir.path().join("missing")).map(|_| ()).expect_err("no folder").to_string();
        assert!(e.starts_with("cannot read "), "{e}");
    }

    #[test]
    fn kind_names_round_trip() {
        for (n, k) in TitleKind::NAMES.iter().zip(TitleKind::ALL) {
            assert_eq!(TitleKind::from_name(n), Some(k));
        }
        for (n, f) in Frame::NAMES.iter().zip(Frame::ALL) {
            assert_eq!(Frame::from_name(n), Some(f));
        }
        assert_eq!(TitleKind::from_name("ofice"), None);
        assert!(Frame::ALL.iter().all(|f| Frame::from_name(f.name()) == Some(*f)));
    }

    #[test]
    fn given_names_are_not_places_or_countries() {
        let r = Rules::builtin();
        for c in &r.countries {
            assert!(!r.is_given_name(&c.name), "{} is a country", c.name);
            for cap in &c.capitals {
                assert!(!r.is_given_name(cap), "{cap} is a capital");
            }
        }
    }

    #[test]
    fn gazetteer_finds_aliases_and_marks_contextual_ones() {
        let r = Rules::builtin();
        let pentagon = r.gazetteer_lookup("Department of Defense").expect("alias");
        assert_eq!(r.institutions[pentagon.entry].canonical, "Pentagon");
        let post = r.gazetteer_lookup("The Post").expect("contextual alias");
        assert!(post.contextual);
        assert_eq!(r.institutions[post.entry].canonical, "The Washington Post");
        assert!(!r.gazetteer_lookup("Washington Post").expect("alias").contextual);
    }

    #[test]
    fn countries_know_adjectives_and_capitals() {
        let r = Rules::builtin();
        let ru = *r.country_adjectives.get("Russian").expect("adjective");
        assert_eq!(r.countries[ru].name, "Russia");
        assert_eq!(r.capitals.get("Moscow"), Some(&ru));
        let us = *r.country_adjectives.get("U.S.").expect("US");
        assert!(r.is_country_adjective_lower("russian") && r.is_country_adjective_lower("u.s."));
        assert_eq!(r.countries[us].adjective(), "US");
    }

    #[test]
    fn credit_lines_are_recognised_and_news_is_not() {
        let r = Rules::builtin();
        assert!(r.is_credit_line("Reporting by Jane Roe; Editing by John Doe"));
        assert!(r.is_credit_line("By JANE ROE"));
        assert!(r.is_credit_line("(Reporting by Jane Roe in Beijing; Editing by John Doe)"));
        assert!(r.is_credit_line("Associated Press writer Jane Roe in Kyiv contributed to this report."));
        assert!(r.is_credit_line("FILE - Ministers meet in Ankara on March 3, 2025."));
        assert!(!r.is_credit_line("By Tuesday, the ministers had spoken twice by phone and agreed to meet."));
        assert!(!r.is_credit_line("Bystanders said the talks were over."));
    }

    #[test]
    fn refusal_exclusions_cover_declined_to_comment() {
        let r = Rules::builtin();
        assert!(r.refusal.not.iter().any(|n| n == "to comment"));
        assert!(r.refusal.not.iter().any(|n| n == "to say"));
        assert!(r.refusal.negation.contains("never"));
    }
}
