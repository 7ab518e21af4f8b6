//! The words the fact readers of `src/events/` look for besides the trigger lists of
//! `call_words.tsv`, `refusal_cues.tsv` and `speech_verbs.tsv` (`data/event_words.tsv`, whose
//! header says what each section is for).

use super::load::Tables;
use super::{HashSet, list, set};

/// The sections of `event_words.tsv`: sets of words, and lists of phrases (`Vec`) for those
/// looked for as phrases.
#[derive(Debug, Default)]
pub struct EventWords {
    pub according: Vec<String>,
    pub quoted_as: HashSet<String>,
    pub speaker_documents: HashSet<String>,
    pub aside_starts: HashSet<String>,
    pub bare_documents: HashSet<String>,
    pub report_nouns: HashSet<String>,
    pub side_clause_starts: HashSet<String>,
    pub side_clause_starts_before_name: HashSet<String>,
    pub audience_groups: HashSet<String>,
    pub press_words: HashSet<String>,
    pub cue_tail_starts: HashSet<String>,
    pub continuation_breaks: HashSet<String>,
    pub possessive_call_words: HashSet<String>,
    pub vague_times: Vec<String>,
    pub future_tense: HashSet<String>,
    pub date_boundaries: HashSet<String>,
    pub date_of_other_event: HashSet<String>,
    pub clause_cuts: HashSet<String>,
    pub pair_references: HashSet<String>,
    pub pair_pronouns: HashSet<String>,
    pub same_day: Vec<String>,
    pub separate_calls: HashSet<String>,
    pub call_from: Vec<String>,
    pub participle_clause_starts: HashSet<String>,
    pub multiparty_calls: HashSet<String>,
    pub plural_triggers: HashSet<String>,
    pub unnamed_media: HashSet<String>,
    pub medium_plurals: HashSet<String>,
    pub remote_verbs: HashSet<String>,
    pub in_person: HashSet<String>,
    pub reported_before: HashSet<String>,
    pub topic_before: HashSet<String>,
    pub bystanders_after: HashSet<String>,
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
    pub request_adverbials: HashSet<String>,
    pub requesting_initiators: HashSet<String>,
    pub requested_objects: HashSet<String>,
    pub requester_prepositions: HashSet<String>,
    pub meeting_objects: HashSet<String>,
    pub group_subjects: HashSet<String>,
    pub respective: HashSet<String>,
    pub pair_prepositions: HashSet<String>,
    pub country_groups: HashSet<String>,
    pub counterpart_words: HashSet<String>,
    pub succession_verbs: HashSet<String>,
    pub succession_phrases: Vec<String>,
    pub succession_passives: Vec<String>,
    pub minister_titles: HashSet<String>,
    pub ministry_head_titles: HashSet<String>,
}

impl EventWords {
    /// The phrases that name a call's initiator ([initiated-by], [initiative-of], [request-of],
    /// [possessive-request]).
    pub fn initiator_phrases(&self) -> impl Iterator<Item = &str> {
        let lists = [&self.initiated_by, &self.initiative_of, &self.request_of, &self.call_from];
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

    pub(super) fn from_tables(t: &Tables) -> Self {
        const FILE: &str = "event_words.tsv";
        EventWords {
            according: list(t, FILE, "according"),
            quoted_as: set(t, FILE, "quoted-as"),
            speaker_documents: set(t, FILE, "speaker-documents"),
            aside_starts: set(t, FILE, "aside-starts"),
            bare_documents: set(t, FILE, "bare-documents"),
            report_nouns: set(t, FILE, "report-nouns"),
            side_clause_starts: set(t, FILE, "side-clause-starts"),
            side_clause_starts_before_name: set(t, FILE, "side-clause-starts-before-name"),
            audience_groups: set(t, FILE, "audience-groups"),
            press_words: set(t, FILE, "press-words"),
            cue_tail_starts: set(t, FILE, "cue-tail-starts"),
            continuation_breaks: set(t, FILE, "continuation-breaks"),
            possessive_call_words: set(t, FILE, "possessive-call-words"),
            vague_times: list(t, FILE, "vague-times"),
            future_tense: set(t, FILE, "future-tense"),
            date_boundaries: set(t, FILE, "date-boundaries"),
            date_of_other_event: set(t, FILE, "date-of-other-event"),
            clause_cuts: set(t, FILE, "clause-cuts"),
            pair_references: set(t, FILE, "pair-references"),
            pair_pronouns: set(t, FILE, "pair-pronouns"),
            same_day: list(t, FILE, "same-day"),
            separate_calls: set(t, FILE, "separate-calls"),
            call_from: list(t, FILE, "call-from"),
            participle_clause_starts: set(t, FILE, "participle-clause-starts"),
            multiparty_calls: set(t, FILE, "multiparty-calls"),
            plural_triggers: set(t, FILE, "plural-triggers"),
            unnamed_media: set(t, FILE, "unnamed-media"),
            medium_plurals: set(t, FILE, "medium-plurals"),
            remote_verbs: set(t, FILE, "remote-verbs"),
            in_person: set(t, FILE, "in-person"),
            reported_before: set(t, FILE, "reported-before"),
            topic_before: set(t, FILE, "topic-before"),
            bystanders_after: set(t, FILE, "bystanders-after"),
            all_calls_quantifiers: set(t, FILE, "all-calls-quantifiers"),
            all_calls_nouns: set(t, FILE, "all-calls-nouns"),
            verb_call_nouns: set(t, FILE, "verb-call-nouns"),
            verb_call_after: set(t, FILE, "verb-call-after"),
            noun_call_before: set(t, FILE, "noun-call-before"),
            determined_call_nouns: set(t, FILE, "determined-call-nouns"),
            call_determiners: set(t, FILE, "call-determiners"),
            reference_determiners: set(t, FILE, "reference-determiners"),
            reference_prepositions: set(t, FILE, "reference-prepositions"),
            medium_reference_prepositions: set(t, FILE, "medium-reference-prepositions"),
            initiated_by: list(t, FILE, "initiated-by"),
            initiative_of: list(t, FILE, "initiative-of"),
            request_of: list(t, FILE, "request-of"),
            possessive_request: set(t, FILE, "possessive-request"),
            request_adverbials: set(t, FILE, "request-adverbials"),
            requesting_initiators: set(t, FILE, "requesting-initiators"),
            requested_objects: set(t, FILE, "requested-objects"),
            requester_prepositions: set(t, FILE, "requester-prepositions"),
            meeting_objects: set(t, FILE, "meeting-objects"),
            group_subjects: set(t, FILE, "group-subjects"),
            respective: set(t, FILE, "respective"),
            pair_prepositions: set(t, FILE, "pair-prepositions"),
            country_groups: set(t, FILE, "country-groups"),
            counterpart_words: set(t, FILE, "counterpart-words"),
            succession_verbs: set(t, FILE, "succession-verbs"),
            succession_phrases: list(t, FILE, "succession-phrases"),
            succession_passives: list(t, FILE, "succession-passives"),
            minister_titles: set(t, FILE, "minister-titles"),
            ministry_head_titles: set(t, FILE, "ministry-head-titles"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_read_into_its_field() {
        let w = &crate::rules::Rules::builtin().event_words;
        assert!(w.according.iter().any(|p| p == "according to"));
        assert!(w.side_clause_starts.contains("who") && !w.side_clause_starts.contains("said"));
        assert_eq!(w.initiator_phrases().count(), 8);
        let spec = crate::rules::load::spec("event_words.tsv").expect("event_words.tsv is described");
        let t = Tables::builtin().expect("built-in rules load");
        for section in spec.sections {
            assert!(t.section("event_words.tsv", section.name).next().is_some(), "[{}] is empty", section.name);
        }
    }
}
