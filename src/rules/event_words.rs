//! The words the fact readers of `src/events/` look for besides the trigger lists of
//! `call_words.tsv`, `refusal_cues.tsv` and `speech_verbs.tsv` (`data/event_words.tsv`, whose
//! header says what each section is for).

use super::{HashMap, HashSet, sections, set};

/// The sections of `event_words.tsv`, in file order.
pub const SECTIONS: [&str; 43] = [
    "according",
    "quoted-as",
    "speaker-documents",
    "side-clause-starts",
    "audience-groups",
    "press-words",
    "cue-tail-starts",
    "continuation-breaks",
    "possessive-call-words",
    "vague-times",
    "date-boundaries",
    "date-of-other-event",
    "clause-cuts",
    "pair-references",
    "pair-pronouns",
    "same-day",
    "separate-calls",
    "plural-triggers",
    "unnamed-media",
    "medium-plurals",
    "all-calls-quantifiers",
    "all-calls-nouns",
    "verb-call-nouns",
    "verb-call-after",
    "noun-call-before",
    "determined-call-nouns",
    "call-determiners",
    "reference-determiners",
    "reference-prepositions",
    "medium-reference-prepositions",
    "initiated-by",
    "initiative-of",
    "request-of",
    "possessive-request",
    "requesting-initiators",
    "requested-objects",
    "requester-prepositions",
    "meeting-objects",
    "group-subjects",
    "respective",
    "succession-verbs",
    "minister-titles",
    "ministry-head-titles",
];

/// The sections of `event_words.tsv`: sets of words, and lists of phrases (`Vec`) for those
/// looked for as phrases.
#[derive(Debug, Default)]
pub struct EventWords {
    pub according: Vec<String>,
    pub quoted_as: HashSet<String>,
    pub speaker_documents: HashSet<String>,
    pub side_clause_starts: HashSet<String>,
    pub audience_groups: HashSet<String>,
    pub press_words: HashSet<String>,
    pub cue_tail_starts: HashSet<String>,
    pub continuation_breaks: HashSet<String>,
    pub possessive_call_words: HashSet<String>,
    pub vague_times: Vec<String>,
    pub date_boundaries: HashSet<String>,
    pub date_of_other_event: HashSet<String>,
    pub clause_cuts: HashSet<String>,
    pub pair_references: HashSet<String>,
    pub pair_pronouns: HashSet<String>,
    pub same_day: Vec<String>,
    pub separate_calls: HashSet<String>,
    pub plural_triggers: HashSet<String>,
    pub unnamed_media: HashSet<String>,
    pub medium_plurals: HashSet<String>,
    pub all_calls_quantifiers: HashSet<String>,
    pub all_calls_nouns: HashSet<String>,
    pub verb_call_nouns: HashSet<String>,
    pub verb_call_after: HashSet<String>,
    pub noun_call_before: HashSet<String>,
    pub determined_call_nouns: HashSet<String>,
    pub call_determiners: HashSet<String>,
    pub reference_determiners: HashSet<String>,
    pub reference_prepositions: HashSet<String>,
    pub medium_reference_prepositions: HashSet<String>,
    pub initiated_by: Vec<String>,
    pub initiative_of: Vec<String>,
    pub request_of: Vec<String>,
    pub possessive_request: HashSet<String>,
    pub requesting_initiators: HashSet<String>,
    pub requested_objects: HashSet<String>,
    pub requester_prepositions: HashSet<String>,
    pub meeting_objects: HashSet<String>,
    pub group_subjects: HashSet<String>,
    pub respective: HashSet<String>,
    pub succession_verbs: HashSet<String>,
    pub minister_titles: HashSet<String>,
    pub ministry_head_titles: HashSet<String>,
}

impl EventWords {
    /// The phrases that name a call's initiator ([initiated-by], [initiative-of], [request-of],
    /// [possessive-request]).
    pub fn initiator_phrases(&self) -> impl Iterator<Item = &str> {
        let lists = [&self.initiated_by, &self.initiative_of, &self.request_of];
        (lists.into_iter().flatten().map(String::as_str)).chain(self.possessive_request.iter().map(String::as_str))
    }

    /// Does an [according] phrase start with this lower-case word?
    pub fn according_starts(&self, lower: &str) -> bool {
        self.according.iter().any(|p| p.split(' ').next() == Some(lower))
    }

    /// The [according] phrase of two words whose first is `first` as written (or capitalised)
    /// and whose second is `second`.
    pub fn according_at(&self, first: &str, second: &str) -> Option<&str> {
        self.according.iter().map(String::as_str).find(|p| {
            let Some((a, b)) = p.split_once(' ') else { return false };
            let capitalised = first.len() == a.len()
                && first.get(1..) == a.get(1..)
                && first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && first.chars().next().map(|c| c.to_ascii_lowercase()) == a.chars().next();
            (first == a || capitalised) && second == b
        })
    }

    pub(super) fn parse(data: &str) -> Self {
        let s = sections(data);
        let list = |s: &HashMap<&str, Vec<&str>>, name: &str| -> Vec<String> {
            s.get(name).map(|v| v.iter().map(|l| l.trim().to_string()).collect()).unwrap_or_default()
        };
        EventWords {
            according: list(&s, "according"),
            quoted_as: set(&s, "quoted-as"),
            speaker_documents: set(&s, "speaker-documents"),
            side_clause_starts: set(&s, "side-clause-starts"),
            audience_groups: set(&s, "audience-groups"),
            press_words: set(&s, "press-words"),
            cue_tail_starts: set(&s, "cue-tail-starts"),
            continuation_breaks: set(&s, "continuation-breaks"),
            possessive_call_words: set(&s, "possessive-call-words"),
            vague_times: list(&s, "vague-times"),
            date_boundaries: set(&s, "date-boundaries"),
            date_of_other_event: set(&s, "date-of-other-event"),
            clause_cuts: set(&s, "clause-cuts"),
            pair_references: set(&s, "pair-references"),
            pair_pronouns: set(&s, "pair-pronouns"),
            same_day: list(&s, "same-day"),
            separate_calls: set(&s, "separate-calls"),
            plural_triggers: set(&s, "plural-triggers"),
            unnamed_media: set(&s, "unnamed-media"),
            medium_plurals: set(&s, "medium-plurals"),
            all_calls_quantifiers: set(&s, "all-calls-quantifiers"),
            all_calls_nouns: set(&s, "all-calls-nouns"),
            verb_call_nouns: set(&s, "verb-call-nouns"),
            verb_call_after: set(&s, "verb-call-after"),
            noun_call_before: set(&s, "noun-call-before"),
            determined_call_nouns: set(&s, "determined-call-nouns"),
            call_determiners: set(&s, "call-determiners"),
            reference_determiners: set(&s, "reference-determiners"),
            reference_prepositions: set(&s, "reference-prepositions"),
            medium_reference_prepositions: set(&s, "medium-reference-prepositions"),
            initiated_by: list(&s, "initiated-by"),
            initiative_of: list(&s, "initiative-of"),
            request_of: list(&s, "request-of"),
            possessive_request: set(&s, "possessive-request"),
            requesting_initiators: set(&s, "requesting-initiators"),
            requested_objects: set(&s, "requested-objects"),
            requester_prepositions: set(&s, "requester-prepositions"),
            meeting_objects: set(&s, "meeting-objects"),
            group_subjects: set(&s, "group-subjects"),
            respective: set(&s, "respective"),
            succession_verbs: set(&s, "succession-verbs"),
            minister_titles: set(&s, "minister-titles"),
            ministry_head_titles: set(&s, "ministry-head-titles"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_known_and_read() {
        let data = include_str!("data/event_words.tsv");
        let found: Vec<&str> = sections(data).keys().copied().filter(|k| !k.is_empty()).collect();
        for name in &found {
            assert!(SECTIONS.contains(name), "event_words.tsv: unknown section [{name}]");
        }
        for name in SECTIONS {
            let n = sections(data).get(name).map_or(0, Vec::len);
            assert!(n > 0, "event_words.tsv: section [{name}] is empty or missing");
        }
        let w = EventWords::parse(data);
        assert!(w.according.iter().any(|p| p == "according to"));
        assert!(w.side_clause_starts.contains("who") && !w.side_clause_starts.contains("said"));
    }
}
