//! # Load: the one reader of every rule data file
//!
//! Each data file is described once, in [`FILES`]: its name, its sections (or none) and, per
//! section, its columns. [`parse`] reads a text against that description and refuses anything it
//! does not describe, naming the file and the line: an unknown `[section]`, a line outside any
//! section, too few or too many TAB-separated columns, an empty required column, a value outside
//! the ones a typed column takes (a title's kind, a speech verb's frame), a doubled space. Nothing
//! falls back to a default: a mistyped kind is an error, not an `office`.
//!
//! The built-in files are embedded with `include_str!`; a user's rule folder adds to them or
//! replaces them file by file ([`Tables::with_user_files`], [`read_dir`]). Building [`Rules`]
//! from the rows is `Rules::from_tables` (in `mod.rs`), which adds the checks that need more than
//! one file (an institution's country must be a country).
//!
//! [`Rules`]: super::Rules

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Frame, Gender, TitleKind};

/// Why rule data was refused.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    /// A line of a data file: `titles.tsv:42: unknown title kind "ofice" (...)`.
    #[error("{file}:{line}: {message}")]
    Line { file: String, line: usize, message: String },
    /// A whole file or folder.
    #[error("{}: {message}", path.display())]
    File { path: PathBuf, message: String },
    /// (the system's reason is in the message, not a source: a chain printed whole says it once)
    #[error("cannot read {}: {error}", path.display())]
    Read { path: PathBuf, error: std::io::Error },
}

/// What one column holds.
#[derive(Debug, Clone, Copy)]
pub enum Cell {
    /// Text that must not be empty.
    Text,
    /// Text that may be empty (a list, an optional field).
    Optional,
    /// One of these values.
    OneOf(&'static [&'static str]),
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// How errors name it ("title kind").
    pub name: &'static str,
    pub cell: Cell,
}

const fn text(name: &'static str) -> Column {
    Column { name, cell: Cell::Text }
}

const fn optional(name: &'static str) -> Column {
    Column { name, cell: Cell::Optional }
}

const fn one_of(name: &'static str, values: &'static [&'static str]) -> Column {
    Column { name, cell: Cell::OneOf(values) }
}

/// A section of a file (or the whole of a file without sections, named "").
#[derive(Debug, Clone, Copy)]
pub struct Section {
    pub name: &'static str,
    pub columns: &'static [Column],
    /// How many leading columns a line must have; the others may be left off the end.
    pub required: usize,
}

/// A data file: its name, its built-in text and its sections.
#[derive(Debug, Clone, Copy)]
pub struct FileSpec {
    pub name: &'static str,
    pub builtin: &'static str,
    /// `[section]` headers: each line belongs to the header above it. Without, one section "".
    pub sectioned: bool,
    pub sections: &'static [Section],
}

impl FileSpec {
    fn section(&self, name: &str) -> Option<&'static Section> {
        self.sections.iter().find(|s| s.name == name)
    }
}

/// A section whose lines are one word or phrase.
const fn words(name: &'static str) -> Section {
    Section { name, columns: WORD, required: 1 }
}

const WORD: &[Column] = &[text("word or phrase")];

/// A file without sections.
const fn plain(name: &'static str, builtin: &'static str, sections: &'static [Section]) -> FileSpec {
    FileSpec { name, builtin, sectioned: false, sections }
}

const fn sectioned(name: &'static str, builtin: &'static str, sections: &'static [Section]) -> FileSpec {
    FileSpec { name, builtin, sectioned: true, sections }
}

const ONE_NAME: &[Section] = &[Section { name: "", columns: &[text("name")], required: 1 }];
const ONE_NOUN: &[Section] = &[Section { name: "", columns: &[text("noun")], required: 1 }];
const PHRASE_AND_VERB: [Column; 2] = [text("stem"), text("canonical verb")];
const PHRASE_AND_WHAT: [Column; 2] = [text("phrase"), text("what")];
const AS_WRITTEN: [Column; 2] = [text("as written"), text("canonical")];
/// `event_codes.tsv`: what the line is for, its CAMEO code (`-` for none), its PLOVER type (or
/// none); the codes' forms are checked when the rules are built (`rules::event_codes`).
const EVENT_CODE: [Column; 3] = [text("key"), text("CAMEO code"), optional("PLOVER type")];

/// The institution kinds (they become a node's `type`).
pub const INSTITUTION_KINDS: &[&str] = &["government", "military", "organisation", "outlet"];

/// Every rule data file, in the order they are read.
pub const FILES: &[FileSpec] = &[
    plain(
        "titles.tsv",
        include_str!("data/titles.tsv"),
        &[Section {
            name: "",
            columns: &[text("title"), one_of("title kind", &TitleKind::NAMES), one_of("gender", &Gender::NAMES)],
            required: 2,
        }],
    ),
    plain(
        "given_names.txt",
        include_str!("data/given_names.txt"),
        &[Section { name: "", columns: &[text("name"), one_of("gender", &Gender::NAMES)], required: 1 }],
    ),
    plain(
        "name_variants.tsv",
        include_str!("data/name_variants.tsv"),
        &[Section { name: "", columns: &[text("canonical name"), text("variants")], required: 2 }],
    ),
    plain("east_asian_surnames.txt", include_str!("data/east_asian_surnames.txt"), ONE_NAME),
    plain(
        "countries.tsv",
        include_str!("data/countries.tsv"),
        &[Section {
            name: "",
            columns: &[text("country"), optional("adjectives"), optional("other names"), optional("capitals")],
            required: 1,
        }],
    ),
    plain(
        "institutions.tsv",
        include_str!("data/institutions.tsv"),
        &[Section {
            name: "",
            columns: &[
                text("canonical name"),
                one_of("institution kind", INSTITUTION_KINDS),
                optional("aliases"),
                optional("country"),
                optional("offices"),
            ],
            required: 2,
        }],
    ),
    plain(
        "speech_verbs.tsv",
        include_str!("data/speech_verbs.tsv"),
        &[Section { name: "", columns: &[text("verb form"), one_of("speech frame", &Frame::NAMES)], required: 2 }],
    ),
    plain("group_nouns.txt", include_str!("data/group_nouns.txt"), ONE_NOUN),
    sectioned(
        "refusal_cues.tsv",
        include_str!("data/refusal_cues.tsv"),
        &[
            Section { name: "verb", columns: &PHRASE_AND_VERB, required: 2 },
            Section { name: "object", columns: &PHRASE_AND_WHAT, required: 2 },
            words("not"),
            words("negation"),
            words("skip"),
            words("frame"),
            words("contact"),
            Section { name: "negated", columns: &PHRASE_AND_WHAT, required: 2 },
            words("needs-object"),
            words("negated-call-verbs"),
        ],
    ),
    sectioned(
        "call_words.tsv",
        include_str!("data/call_words.tsv"),
        &[
            words("noun"),
            words("verb"),
            words("weak"),
            words("medium"),
            words("not-after-called"),
            words("caller"),
            words("planned"),
            words("requested"),
            words("earlier"),
            words("initiator"),
            words("later"),
            words("meeting"),
            words("denial"),
            words("after-callee"),
        ],
    ),
    sectioned(
        "institution_patterns.tsv",
        include_str!("data/institution_patterns.tsv"),
        &[
            Section { name: "topic", columns: &AS_WRITTEN, required: 2 },
            Section { name: "body", columns: &AS_WRITTEN, required: 2 },
            words("head"),
            words("outlet-before"),
            words("outlet-after"),
        ],
    ),
    sectioned("credit_lines.txt", include_str!("data/credit_lines.txt"), &[words("starts"), words("contains")]),
    sectioned(
        "event_words.tsv",
        include_str!("data/event_words.tsv"),
        &[
            words("according"),
            words("quoted-as"),
            words("speaker-documents"),
            words("report-nouns"),
            words("bare-documents"),
            words("aside-starts"),
            words("side-clause-starts"),
            words("side-clause-starts-before-name"),
            words("audience-groups"),
            words("press-words"),
            words("cue-tail-starts"),
            words("continuation-breaks"),
            words("possessive-call-words"),
            words("vague-times"),
            words("future-tense"),
            words("date-boundaries"),
            words("date-of-other-event"),
            words("clause-cuts"),
            words("pair-references"),
            words("pair-pronouns"),
            words("same-day"),
            words("separate-calls"),
            words("call-from"),
            words("participle-clause-starts"),
            words("multiparty-calls"),
            words("plural-triggers"),
            words("unnamed-media"),
            words("medium-plurals"),
            words("remote-verbs"),
            words("in-person"),
            words("reported-before"),
            words("topic-before"),
            words("bystanders-after"),
            words("all-calls-quantifiers"),
            words("all-calls-nouns"),
            words("verb-call-nouns"),
            words("verb-call-after"),
            words("noun-call-before"),
            words("determined-call-nouns"),
            words("call-determiners"),
            words("reference-determiners"),
            words("reference-prepositions"),
            words("medium-reference-prepositions"),
            words("initiated-by"),
            words("initiative-of"),
            words("request-of"),
            words("possessive-request"),
            words("request-adverbials"),
            words("requesting-initiators"),
            words("requested-objects"),
            words("requester-prepositions"),
            words("meeting-objects"),
            words("group-subjects"),
            words("respective"),
            words("pair-prepositions"),
            words("country-groups"),
            words("counterpart-words"),
            words("succession-verbs"),
            words("succession-phrases"),
            words("succession-passives"),
            words("minister-titles"),
            words("ministry-head-titles"),
        ],
    ),
    sectioned(
        "event_codes.tsv",
        include_str!("data/event_codes.tsv"),
        &[
            Section { name: "statement", columns: &EVENT_CODE, required: 2 },
            Section { name: "refusal", columns: &EVENT_CODE, required: 2 },
            Section { name: "contact", columns: &EVENT_CODE, required: 2 },
        ],
    ),
    sectioned(
        "lexicon.tsv",
        include_str!("data/lexicon.tsv"),
        &[
            words("gap"),
            words("not-name-start"),
            words("not-name"),
            words("not-surname"),
            words("title-modifier"),
            words("past-title-modifier"),
            words("not-person"),
            words("country-noun-before"),
            words("cue-before-name"),
            words("apposition-start"),
            words("relative-role"),
            words("not-role-modifier"),
            words("credit-word"),
            words("ministry-head"),
            words("place-given-name"),
            Section { name: "epithet", columns: &[text("epithet"), text("title")], required: 2 },
            Section { name: "surname-ending", columns: &[text("ending"), text("canonical ending")], required: 2 },
            words("surname-article"),
        ],
    ),
];

/// The examples of what each rule does (`examples.tsv`): read by the same loader, run by the
/// test `rules::examples`, not part of [`Rules`](super::Rules).
pub const EXAMPLES: FileSpec = plain(
    "examples.tsv",
    include_str!("data/examples.tsv"),
    &[Section {
        name: "",
        columns: &[text("rule id"), one_of("example sign", &["+", "-"]), text("text"), text("expected fact")],
        required: 4,
    }],
);

/// The spec of a data file by name.
pub fn spec(name: &str) -> Option<&'static FileSpec> {
    FILES.iter().find(|f| f.name == name)
}

/// The marker that makes a user's file replace the built-in one instead of adding to it: a line
/// of its own before the first data line.
pub const REPLACE: &str = "#replace";

/// One data line: where it is, its section and its cells (trimmed).
#[derive(Debug, Clone)]
pub struct Row {
    /// The file as errors name it ("titles.tsv", "my-rules/titles.tsv").
    pub file: Arc<str>,
    /// 1-based.
    pub line: usize,
    pub section: &'static str,
    cells: Vec<String>,
}

impl Row {
    /// Cell `i` ("" when the line leaves it off).
    pub fn get(&self, i: usize) -> &str {
        self.cells.get(i).map(String::as_str).unwrap_or("")
    }

    /// An error about this line.
    pub fn error(&self, message: impl Into<String>) -> RuleError {
        RuleError::Line { file: self.file.to_string(), line: self.line, message: message.into() }
    }
}

/// A file read: its rows, and whether it asked to replace the built-in file.
#[derive(Debug)]
pub struct Parsed {
    pub rows: Vec<Row>,
    pub replace: bool,
}

/// Read `data` as the file `spec` describes; `label` names it in errors.
pub fn parse(spec: &FileSpec, label: &str, data: &str) -> Result<Parsed, RuleError> {
    let file: Arc<str> = Arc::from(label);
    let err = |line: usize, message: String| RuleError::Line { file: label.to_string(), line, message };
    let mut rows = Vec::new();
    let mut replace = false;
    let mut section: Option<&'static Section> = if spec.sectioned { None } else { spec.section("") };
    let mut seen_data = false;
    for (i, raw) in data.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() {
            continue;
        }
        if let Some(rest) = l.strip_prefix('#') {
            // `#word` alone on a line is a directive; any other `#` line is a comment
            let directive = !rest.is_empty() && rest.trim_end().chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if !directive {
                continue;
            }
            if l.trim_end() != REPLACE {
                return Err(err(line, format!("unknown directive {:?} (the only one is {REPLACE})", l.trim_end())));
            }
            if seen_data {
                return Err(err(line, format!("{REPLACE} must come before the first data line")));
            }
            replace = true;
            continue;
        }
        seen_data = true;
        if let Some(name) = l.trim().strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            if !spec.sectioned {
                return Err(err(line, format!("this file has no sections, found [{name}]")));
            }
            section = Some(spec.section(name).ok_or_else(|| {
                let names: Vec<&str> = spec.sections.iter().map(|s| s.name).collect();
                err(line, format!("unknown section [{name}] (expected one of {})", names.join(", ")))
            })?);
            continue;
        }
        let Some(sec) = section else {
            return Err(err(line, "line before the first [section] header".into()));
        };
        let cells: Vec<String> = l.split('\t').map(|c| c.trim().to_string()).collect();
        let names = || sec.columns.iter().map(|c| c.name).collect::<Vec<_>>().join(", ");
        if cells.len() < sec.required || cells.len() > sec.columns.len() {
            let expected = if sec.required == sec.columns.len() {
                format!("{}", sec.required)
            } else {
                format!("{} to {}", sec.required, sec.columns.len())
            };
            let within = if sec.name.is_empty() { String::new() } else { format!(" in [{}]", sec.name) };
            return Err(err(
                line,
                format!("expected {expected} TAB-separated column(s){within} ({}), found {}", names(), cells.len()),
            ));
        }
        for (c, col) in cells.iter().zip(sec.columns) {
            match col.cell {
                Cell::Text if c.is_empty() => return Err(err(line, format!("empty {}", col.name))),
                Cell::OneOf(values) if !values.contains(&c.as_str()) => {
                    return Err(err(
                        line,
                        format!("unknown {} {c:?} (expected one of {})", col.name, values.join(", ")),
                    ));
                }
                _ => {}
            }
            if c.contains("  ") {
                return Err(err(
                    line,
                    format!("two spaces in a row in {} {c:?} (words take one space, columns a TAB)", col.name),
                ));
            }
        }
        rows.push(Row { file: file.clone(), line, section: sec.name, cells });
    }
    Ok(Parsed { rows, replace })
}

/// A user's version of a data file.
#[derive(Debug, Clone)]
pub struct UserFile {
    /// The data file's name ("titles.tsv").
    pub name: String,
    /// How errors name it (its path).
    pub label: String,
    pub text: String,
}

/// The rows of every data file, by the position of its spec in [`FILES`].
#[derive(Debug)]
pub struct Tables {
    files: Vec<Vec<Row>>,
}

impl Tables {
    /// The built-in files.
    pub fn builtin() -> Result<Tables, RuleError> {
        Tables::with_user_files(&[])
    }

    /// The built-in files, each extended (or replaced, with [`REPLACE`]) by the user's file of
    /// its name. A name that is no data file is an error.
    pub fn with_user_files(user: &[UserFile]) -> Result<Tables, RuleError> {
        for u in user {
            if spec(&u.name).is_none() {
                return Err(unknown_file(Path::new(&u.label)));
            }
        }
        let mut files = Vec::with_capacity(FILES.len());
        for f in FILES {
            let builtin = parse(f, f.name, f.builtin)?;
            if builtin.replace {
                return Err(RuleError::Line {
                    file: f.name.into(),
                    line: 0,
                    message: "a built-in file cannot replace".into(),
                });
            }
            let mut rows = builtin.rows;
            for u in user.iter().filter(|u| u.name == f.name) {
                let mine = parse(f, &u.label, &u.text)?;
                if mine.replace {
                    rows.clear();
                }
                rows.extend(mine.rows);
            }
            files.push(rows);
        }
        Ok(Tables { files })
    }

    /// Every row of a file, in order.
    pub fn rows(&self, file: &str) -> &[Row] {
        let i = FILES.iter().position(|f| f.name == file).unwrap_or_else(|| panic!("no rule file {file}"));
        &self.files[i]
    }

    /// The rows of one section of a file, in order.
    pub fn section<'a>(&'a self, file: &str, section: &'static str) -> impl Iterator<Item = &'a Row> + 'a {
        let spec = spec(file).unwrap_or_else(|| panic!("no rule file {file}"));
        assert!(spec.section(section).is_some(), "{file} has no section [{section}]");
        self.rows(file).iter().filter(move |r| r.section == section)
    }
}

fn unknown_file(path: &Path) -> RuleError {
    let names: Vec<&str> = FILES.iter().map(|f| f.name).collect();
    RuleError::File {
        path: path.to_path_buf(),
        message: format!("unknown rule file (expected one of {})", names.join(", ")),
    }
}

/// The data files of a user's rule folder. Every file must have the name of a data file; names
/// starting with `.` (editor and version-control files) are passed over.
pub fn read_dir(dir: &Path) -> Result<Vec<UserFile>, RuleError> {
    let read = |path: &Path, error| RuleError::Read { path: path.to_path_buf(), error };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| read(dir, e))? {
        let entry = entry.map_err(|e| read(dir, e))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if spec(&name).is_none() || !path.is_file() {
            return Err(unknown_file(&path));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| read(&path, e))?;
        out.push(UserFile { name, label: path.display().to_string(), text });
    }
    // the order of a folder's listing is the file system's: sort, so the rules do not depend on it
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error `text` gets as the file `name`.
    fn refused(name: &str, text: &str) -> String {
        let spec = spec(name).expect("a data file");
        parse(spec, name, text).map(|p| p.rows.len()).expect_err("must be refused").to_string()
    }

    fn rows(name: &str, text: &str) -> Vec<Row> {
        parse(spec(name).expect("a data file"), name, text).expect("parses").rows
    }

    #[test]
    fn every_built_in_file_parses_and_fills_every_section() {
        let t = Tables::builtin().expect("built-in data");
        for f in FILES {
            assert!(!t.rows(f.name).is_empty(), "{} is empty", f.name);
            for s in f.sections {
                assert!(t.rows(f.name).iter().any(|r| r.section == s.name), "{} [{}] is empty", f.name, s.name);
            }
        }
    }

    #[test]
    fn an_unknown_title_kind_is_refused_with_file_and_line() {
        let text = "# titles\nMr\thonorific\n\nGeneral\tofice\n";
        assert_eq!(
            refused("titles.tsv", text),
            "titles.tsv:4: unknown title kind \"ofice\" (expected one of honorific, office, rank, service, role)"
        );
    }

    #[test]
    fn unknown_values_of_other_typed_columns_are_refused() {
        assert_eq!(
            refused("speech_verbs.tsv", "said\tplain\nmurmured\twhisper\n"),
            "speech_verbs.tsv:2: unknown speech frame \"whisper\" \
             (expected one of plain, that, participle, audience, target, charge, naming, pledge, stance)"
        );
        assert_eq!(
            refused("institutions.tsv", "Harbor Gazette\tnewspaper\t~the Gazette\t\n"),
            "institutions.tsv:1: unknown institution kind \"newspaper\" \
             (expected one of government, military, organisation, outlet)"
        );
    }

    #[test]
    fn a_gender_must_be_female_or_male_and_may_be_left_off() {
        assert_eq!(
            refused("given_names.txt", "Giulia\tfemale\nOtto\tm\n"),
            "given_names.txt:2: unknown gender \"m\" (expected one of female, male)"
        );
        // a TAB with nothing after it is a gender written empty, not one left off
        assert_eq!(
            refused("titles.tsv", "Dame\thonorific\t\n"),
            "titles.tsv:1: unknown gender \"\" (expected one of female, male)"
        );
        let r = rows("given_names.txt", "Giulia\tfemale\nAndrea\n");
        let got: Vec<(&str, &str)> = r.iter().map(|r| (r.get(0), r.get(1))).collect();
        assert_eq!(got, [("Giulia", "female"), ("Andrea", "")]);
        let r = rows("titles.tsv", "Queen\toffice\tfemale\nPresident\toffice\n");
        let got: Vec<(&str, &str)> = r.iter().map(|r| (r.get(0), r.get(2))).collect();
        assert_eq!(got, [("Queen", "female"), ("President", "")]);
    }

    #[test]
    fn a_wrong_column_count_is_refused() {
        // spaces instead of the TAB: one column
        assert_eq!(
            refused("titles.tsv", "Chief Archivist office\n"),
            "titles.tsv:1: expected 2 to 3 TAB-separated column(s) (title, title kind, gender), found 1"
        );
        assert_eq!(
            refused("titles.tsv", "Chief Archivist\toffice\tfemale\textra\n"),
            "titles.tsv:1: expected 2 to 3 TAB-separated column(s) (title, title kind, gender), found 4"
        );
        assert_eq!(
            refused("given_names.txt", "Giulia\tfemale\tItalian\n"),
            "given_names.txt:1: expected 1 to 2 TAB-separated column(s) (name, gender), found 3"
        );
        assert_eq!(
            refused("institutions.tsv", "Harbor Gazette\n"),
            "institutions.tsv:1: expected 2 to 5 TAB-separated column(s) \
             (canonical name, institution kind, aliases, country, offices), found 1"
        );
        assert_eq!(
            refused("refusal_cues.tsv", "[verb]\ndeclin\n"),
            "refusal_cues.tsv:2: expected 2 TAB-separated column(s) in [verb] (stem, canonical verb), found 1"
        );
        assert_eq!(
            refused("group_nouns.txt", "officials\textra\n"),
            "group_nouns.txt:1: expected 1 TAB-separated column(s) (noun), found 2"
        );
    }

    #[test]
    fn sections_must_be_known_and_come_first() {
        assert_eq!(
            refused("credit_lines.txt", "[starts]\nFiled by\n[ends]\nall rights reserved\n"),
            "credit_lines.txt:3: unknown section [ends] (expected one of starts, contains)"
        );
        assert_eq!(
            refused("lexicon.tsv", "# words\nalso\n[gap]\n"),
            "lexicon.tsv:2: line before the first [section] header"
        );
        assert_eq!(
            refused("titles.tsv", "[rank]\nGen.\trank\n"),
            "titles.tsv:1: this file has no sections, found [rank]"
        );
    }

    #[test]
    fn empty_cells_doubled_spaces_and_unknown_directives_are_refused() {
        assert_eq!(refused("titles.tsv", "\toffice\n"), "titles.tsv:1: empty title");
        assert_eq!(
            refused("call_words.tsv", "[verb]\nspoke  by phone\n"),
            "call_words.tsv:2: two spaces in a row in word or phrase \"spoke  by phone\" \
             (words take one space, columns a TAB)"
        );
        assert_eq!(
            refused("group_nouns.txt", "#replce\nclerks\n"),
            "group_nouns.txt:1: unknown directive \"#replce\" (the only one is #replace)"
        );
        assert_eq!(
            refused("group_nouns.txt", "clerks\n#replace\n"),
            "group_nouns.txt:2: #replace must come before the first data line"
        );
    }

    #[test]
    fn comments_blank_lines_and_crlf_are_passed_over_and_cells_trimmed() {
        let r = rows(
            "refusal_cues.tsv",
            "# a comment\r\n\r\n[object]\r\nrequests for talks \t talks\r\n[skip]\r\nrepeated\r\n",
        );
        let got: Vec<(usize, &str, &str, &str)> = r.iter().map(|r| (r.line, r.section, r.get(0), r.get(1))).collect();
        assert_eq!(got, [(4, "object", "requests for talks", "talks"), (6, "skip", "repeated", "")]);
        // a comment is a line that starts with '#': "# replace" and "#TODO" are comments
        assert!(!parse(spec("group_nouns.txt").unwrap(), "g", "# replace\n#TODO\nclerks\n").unwrap().replace);
        assert!(parse(spec("group_nouns.txt").unwrap(), "g", "# mine\n#replace\nclerks\n").unwrap().replace);
    }

    #[test]
    fn docs_name_every_file_and_every_section() {
        let docs = include_str!("../../docs/rules.md");
        for f in FILES.iter().chain([&EXAMPLES]) {
            assert!(docs.contains(&format!("`{}`", f.name)), "docs/rules.md does not name {}", f.name);
            // the headers as the files write them, not as the specs list them
            for header in f.builtin.lines().map(str::trim).filter(|l| l.starts_with('[') && l.ends_with(']')) {
                assert!(docs.contains(&format!("`{header}`")), "docs/rules.md does not name {} {header}", f.name);
            }
        }
        assert!(docs.contains(REPLACE) && docs.contains("## Errors") && docs.contains("## Your own rule folder"));
    }

    #[test]
    fn an_unknown_user_file_is_refused() {
        let u = UserFile { name: "title.tsv".into(), label: "mine/title.tsv".into(), text: String::new() };
        let e = Tables::with_user_files(&[u]).expect_err("unknown").to_string();
        assert!(e.starts_with("mine/title.tsv: unknown rule file (expected one of titles.tsv, "), "{e}");
    }
}
