//! The CAMEO code and PLOVER event type of contact, refusal and statement edges
//! (`data/event_codes.tsv`, whose header gives the format), compiled into lookups by fact value:
//! a statement's cue, a refusal's `what`, a call's medium and merged status. The graph stage asks
//! these with the values the facts carry; it reads no words itself.

use super::load::{Row, Tables};
use super::{Frame, HashMap, RuleError};

const FILE: &str = "event_codes.tsv";

/// The PLOVER event types (PLOVER manual, 2021; CAMEO 01 comments and 02 appeals have none).
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "DEMAND",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// The statuses a call node can have (`graph::calls::merged_status`).
pub const CALL_STATUSES: [&str; 4] = ["held", "planned", "denied", "disputed"];

/// The codes of one kind of event: both absent where the table says `-` or has no line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventCode {
    pub cameo: Option<String>,
    pub plover: Option<String>,
}

/// The compiled `event_codes.tsv`.
#[derive(Debug, Default)]
pub struct EventCodes {
    /// cue (lower case) -> code: every speech verb form (its own line, else its frame's, else
    /// `*`), and the other cues the table names
    statements: HashMap<String, EventCode>,
    /// the `*` line: any other cue
    statement_other: EventCode,
    /// what -> code
    refusals: HashMap<String, EventCode>,
    refusal_other: EventCode,
    /// (medium or "none" or "*", status or "*") -> code
    contacts: HashMap<(String, String), EventCode>,
}

static NONE: EventCode = EventCode { cameo: None, plover: None };

impl EventCodes {
    /// The code of a statement introduced by `cue` (as the fact holds it, in any case).
    pub fn statement(&self, cue: &str) -> &EventCode {
        let found = match self.statements.get(cue) {
            Some(c) => Some(c),
            None if cue.bytes().any(|b| b.is_ascii_uppercase()) => self.statements.get(&cue.to_lowercase()),
            None => None,
        };
        found.unwrap_or(&self.statement_other)
    }

    /// The code of a refusal of `what` (call, talks, meeting, request).
    pub fn refusal(&self, what: &str) -> &EventCode {
        self.refusals.get(what).unwrap_or(&self.refusal_other)
    }

    /// The code of the contact edges of a call node of `medium` (none when unnamed) and merged
    /// `status`: the most specific line (medium/status, medium/*, */status, */*).
    pub fn contact(&self, medium: Option<&str>, status: &str) -> &EventCode {
        let medium = medium.unwrap_or("none");
        [(medium, status), (medium, "*"), ("*", status), ("*", "*")]
            .into_iter()
            .find_map(|(m, s)| self.contacts.get(&(m.to_string(), s.to_string())))
            .unwrap_or(&NONE)
    }

    /// Compile the table, checking every key's form (a frame must be a frame, a status a call
    /// status) and every code's. A cue, what or medium the other files do not give is let be (a
    /// user's folder may replace them; the line then never applies): the test
    /// `every_built_in_key_names_a_value_of_the_built_in_lists` holds the built-in lines to them.
    /// `speech` gives every speech verb form its frame's line.
    pub(super) fn from_tables(t: &Tables, speech: &HashMap<String, Frame>) -> Result<EventCodes, RuleError> {
        let mut codes = EventCodes::default();
        // (the lines of each frame, applied to the verbs of that frame below)
        let mut frames: HashMap<String, EventCode> = HashMap::default();
        let mut cues: Vec<(String, EventCode)> = Vec::new();
        for r in t.section(FILE, "statement") {
            let code = code(r)?;
            let key = r.get(0);
            if key == "*" {
                codes.statement_other = code;
            } else if let Some(name) = key.strip_prefix("frame:") {
                if Frame::from_name(name).is_none() {
                    let names = Frame::NAMES.join(", ");
                    return Err(r.error(format!("unknown speech frame {name:?} (expected one of {names})")));
                }
                frames.insert(name.to_string(), code);
            } else if key != key.to_lowercase() || key.contains(['*', '/', ':']) {
                return Err(r.error(format!("malformed cue {key:?} (a cue in lower case, frame:NAME or *)")));
            } else {
                cues.push((key.to_string(), code));
            }
        }
        for (form, frame) in speech {
            let code = frames.get(frame.name()).unwrap_or(&codes.statement_other).clone();
            codes.statements.insert(form.clone(), code);
        }
        codes.statements.extend(cues);

        for r in t.section(FILE, "refusal") {
            let code = code(r)?;
            match r.get(0) {
                "*" => codes.refusal_other = code,
                what if what != what.to_lowercase() || what.contains(['*', '/', ':']) => {
                    return Err(r.error(format!("malformed refusal what {what:?} (a what in lower case, or *)")));
                }
                what => {
                    codes.refusals.insert(what.to_string(), code);
                }
            }
        }

        for r in t.section(FILE, "contact") {
            let code = code(r)?;
            let key = r.get(0);
            let Some((medium, status)) = key.split_once('/') else {
                return Err(r.error(format!("contact key {key:?} is not MEDIUM/STATUS")));
            };
            if medium.is_empty() || medium != medium.to_lowercase() || (medium.contains('*') && medium != "*") {
                return Err(r.error(format!("malformed call medium {medium:?} (a medium in lower case, none or *)")));
            }
            if !(status == "*" || CALL_STATUSES.contains(&status)) {
                return Err(r.error(format!(
                    "unknown call status {status:?} (expected *, or one of {})",
                    CALL_STATUSES.join(", ")
                )));
            }
            codes.contacts.insert((medium.to_string(), status.to_string()), code);
        }
        Ok(codes)
    }
}

/// The codes of a line: CAMEO (2 to 4 digits, root 01 to 20, or `-`) and PLOVER (TYPE or
/// TYPE/mode, or nothing).
fn code(r: &Row) -> Result<EventCode, RuleError> {
    let (cameo, plover) = (r.get(1), r.get(2));
    if cameo == "-" {
        if !plover.is_empty() {
            return Err(r.error(format!("PLOVER type {plover:?} beside no CAMEO code (-)")));
        }
        return Ok(EventCode::default());
    }
    if !is_cameo(cameo) {
        return Err(r.error(format!("malformed CAMEO code {cameo:?} (2 to 4 digits, root 01 to 20, or -)")));
    }
    if !plover.is_empty() && !is_plover(plover) {
        return Err(r.error(format!(
            "unknown PLOVER type {plover:?} (TYPE or TYPE/mode, TYPE one of {})",
            PLOVER_TYPES.join(", ")
        )));
    }
    Ok(EventCode { cameo: Some(cameo.to_string()), plover: (!plover.is_empty()).then(|| plover.to_string()) })
}

/// A CAMEO code: 2 to 4 digits whose first two, the root, are 01 to 20.
pub fn is_cameo(s: &str) -> bool {
    (2..=4).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_digit())
        && s[..2].parse::<u8>().is_ok_and(|root| (1..=20).contains(&root))
}

/// A PLOVER value: an event type, or a type and a mode (lower case, `-` between words).
pub fn is_plover(s: &str) -> bool {
    let (kind, mode) = match s.split_once('/') {
        Some((k, m)) => (k, Some(m)),
        None => (s, None),
    };
    PLOVER_TYPES.contains(&kind)
        && mode.is_none_or(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
}

#[cfg(test)]
mod tests {
    use super::super::{Rules, load};
    use super::*;

    fn rows(name: &str, text: &str) -> Result<EventCodes, RuleError> {
        let u = load::UserFile { name: FILE.into(), label: name.into(), text: text.into() };
        let t = Tables::with_user_files(&[u])?;
        Rules::from_tables(&t).map(|r| r.event_codes)
    }

    #[test]
    fn every_built_in_line_has_well_formed_codes() {
        let t = Tables::builtin().expect("built-in data");
        let lines = t.rows(FILE);
        assert!(lines.len() > 20, "{} lines", lines.len());
        for r in lines {
            let c = code(r).unwrap_or_else(|e| panic!("{e}"));
            if let Some(cameo) = &c.cameo {
                assert!(is_cameo(cameo), "{}:{}: {cameo}", r.file, r.line);
            }
            if let Some(p) = &c.plover {
                let kind = p.split('/').next().unwrap_or("");
                assert!(PLOVER_TYPES.contains(&kind), "{}:{}: {p}", r.file, r.line);
                assert!(c.cameo.is_some(), "{}:{}: a PLOVER type needs a CAMEO code", r.file, r.line);
            }
        }
        // every section holds its catch-all, so no cue, what or status is left uncoded by accident
        let keys = |s| t.section(FILE, s).map(|r| r.get(0).to_string()).collect::<Vec<_>>();
        assert!(keys("statement").contains(&"*".into()) && keys("refusal").contains(&"*".into()));
        for status in CALL_STATUSES {
            assert!(keys("contact").iter().any(|k| k == &format!("*/{status}")), "no */{status}");
        }
    }

    #[test]
    fn every_built_in_key_names_a_value_of_the_built_in_lists() {
        let t = Tables::builtin().expect("built-in data");
        let r = Rules::builtin();
        for row in t.section(FILE, "statement").filter(|row| row.get(0) != "*") {
            let key = row.get(0);
            let known = match key.strip_prefix("frame:") {
                Some(frame) => r.speech.values().any(|f| f.name() == frame),
                // a speech verb form, an [according] phrase, or "called on" (the appeal)
                None => {
                    r.speech.contains_key(key)
                        || r.event_words.according.iter().any(|a| a == key)
                        || (key == "called on" && r.speech.get("called") == Some(&Frame::Naming))
                }
            };
            assert!(known, "event_codes.tsv:{}: no speech verb or cue {key:?}", row.line);
        }
        let whats: Vec<&str> = r.refusal.objects.iter().chain(&r.refusal.negated).map(|(_, w)| w.as_str()).collect();
        for row in t.section(FILE, "refusal").filter(|row| row.get(0) != "*") {
            assert!(whats.contains(&row.get(0)), "event_codes.tsv:{}: no refusal of {:?}", row.line, row.get(0));
        }
        for row in t.section(FILE, "contact") {
            let medium = row.get(0).split('/').next().unwrap_or("");
            let known = matches!(medium, "*" | "none") || r.calls.medium.iter().any(|m| m == medium);
            assert!(known, "event_codes.tsv:{}: no call medium {medium:?}", row.line);
            // (a medium no call node gets, "call", would be a dead line)
            assert!(!r.event_words.unnamed_media.contains(medium), "event_codes.tsv:{}: {medium:?}", row.line);
        }
    }

    #[test]
    fn codes_are_checked_for_their_form() {
        assert!(is_cameo("010") && is_cameo("04") && is_cameo("1123") && is_cameo("20"));
        assert!(!is_cameo("0") && !is_cameo("00") && !is_cameo("21") && !is_cameo("01234") && !is_cameo("0x1"));
        assert!(is_plover("CONSULT") && is_plover("CONSULT/phone") && is_plover("REJECT/meet"));
        assert!(
            !is_plover("STATEMENT") && !is_plover("consult") && !is_plover("CONSULT/") && !is_plover("AGREE/Phone")
        );
    }

    #[test]
    fn every_speech_verb_gets_its_line_or_its_frames_or_the_default() {
        let r = Rules::builtin();
        let c = &r.event_codes;
        let code = |cue: &str| (c.statement(cue).cameo.as_deref(), c.statement(cue).plover.as_deref());
        assert_eq!(code("said"), (Some("010"), None));
        assert_eq!(code("According to"), (Some("010"), None));
        assert_eq!(code("warned"), (Some("130"), Some("THREATEN")));
        assert_eq!(code("Warning"), (Some("130"), Some("THREATEN")));
        assert_eq!(code("accused"), (Some("112"), Some("ACCUSE")));
        // blamed has no line: its frame's (charge)
        assert_eq!(code("blamed"), (Some("112"), Some("ACCUSE")));
        assert_eq!(code("condemned"), (Some("111"), Some("ACCUSE")));
        assert_eq!(code("denied"), (Some("016"), None));
        assert_eq!(code("urged"), (Some("020"), None));
        assert_eq!(code("called on"), (Some("020"), None));
        assert_eq!(code("vowed"), (Some("030"), Some("AGREE")));
        // a cue no line names
        assert_eq!(code("quipped"), (Some("010"), None));
        assert_eq!(c.refusal("talks").cameo.as_deref(), Some("125"));
        assert_eq!(c.refusal("request").plover.as_deref(), Some("REJECT"));
        assert_eq!(c.refusal("request").cameo.as_deref(), Some("120"));
        let contact = |m, s| (c.contact(m, s).cameo.as_deref(), c.contact(m, s).plover.as_deref());
        assert_eq!(contact(Some("phone"), "held"), (Some("041"), Some("CONSULT/phone")));
        assert_eq!(contact(None, "held"), (Some("041"), Some("CONSULT/phone")));
        assert_eq!(contact(Some("video"), "held"), (Some("040"), Some("CONSULT/video")));
        assert_eq!(contact(Some("video"), "planned"), (Some("036"), Some("AGREE")));
        assert_eq!(contact(Some("phone"), "denied"), (None, None));
        assert_eq!(contact(Some("video"), "disputed"), (Some("040"), Some("CONSULT/video")));
    }

    #[test]
    fn bad_lines_are_refused_with_file_and_line() {
        let e = |text: &str| rows("mine/event_codes.tsv", text).map(|_| ()).expect_err("refused").to_string();
        assert_eq!(
            e("[statement]\nwarned\t13x\tTHREATEN\n"),
            "mine/event_codes.tsv:2: malformed CAMEO code \"13x\" (2 to 4 digits, root 01 to 20, or -)"
        );
        assert!(
            e("[statement]\nwarned\t130\tWARN\n").starts_with("mine/event_codes.tsv:2: unknown PLOVER type \"WARN\"")
        );
        assert!(e("[statement]\nWarned\t130\n").starts_with("mine/event_codes.tsv:2: malformed cue \"Warned\""));
        assert!(e("[statement]\nframe:whisper\t010\n").starts_with("mine/event_codes.tsv:2: unknown speech frame"));
        assert!(e("[refusal]\nvisa/*\t120\n").starts_with("mine/event_codes.tsv:2: malformed refusal what"));
        assert!(
            e("[contact]\nPhone/held\t040\n").starts_with("mine/event_codes.tsv:2: malformed call medium \"Phone\"")
        );
        assert!(e("[contact]\nphone/refused\t040\n").starts_with("mine/event_codes.tsv:2: unknown call status"));
        assert!(e("[contact]\nphone\t040\n").starts_with("mine/event_codes.tsv:2: contact key \"phone\" is not"));
        assert!(
            e("[contact]\n*/denied\t-\tCONSULT\n")
                .starts_with("mine/event_codes.tsv:2: PLOVER type \"CONSULT\" beside")
        );
        assert!(e("[event]\nsaid\t010\n").starts_with("mine/event_codes.tsv:1: unknown section [event]"));
    }

    #[test]
    fn a_user_line_overrides_a_built_in_one() {
        let c = rows("mine/event_codes.tsv", "[statement]\nsaid\t013\n[contact]\nvideo/held\t041\tCONSULT/phone\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.statement("said").cameo.as_deref(), Some("013"));
        assert_eq!(c.contact(Some("video"), "held").plover.as_deref(), Some("CONSULT/phone"));
        // the rest stay as built in
        assert_eq!(c.statement("accused").cameo.as_deref(), Some("112"));
    }
}
