//! Clauses, word classes, roles and mode around an event verb.
//!
//! Everything here is a shallow reading of English: a few token positions to
//! the left and right of the verb, the clause it stands in, and the cues.

use crate::cues::{CueMap, Mode};
use crate::sentence::Sentence;
use crate::{Participant, Tense};
use parley_actors::{Mention, MentionKind, Reference};
use parley_lexicon::CueKind;
use parley_text::Token;
use std::ops::Range;

/// For each token, the mention (index) it belongs to, locative places excluded.
pub fn owners(len: usize, mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut owner = vec![None; len];
    for (m, mention) in mentions.iter().enumerate() {
        // A place, or a reference nothing before it resolved ("the front line").
        if mention.locative || (matches!(mention.kind, MentionKind::Reference(_)) && mention.entity.is_none()) {
            continue;
        }
        for t in mention.tokens.clone() {
            owner[t] = Some(m);
        }
    }
    owner
}

/// Prepositions whose object is not a verb's subject ("allies of the government").
/// "of" is not among them: "allies of the government called" is the government's act.
const PREPOSITIONS: &[&str] = &[
    "in", "at", "on", "with", "for", "to", "from", "by", "against", "between", "among", "amid", "over", "under",
    "about", "near", "toward", "towards", "into", "across", "than", "like", "including", "outside", "inside",
    "around", "along", "beyond", "behind", "beside", "within", "throughout", "upon", "onto", "via",
];

/// Conjunctions that open a subordinate clause, which a comma closes.
const SUBORDINATORS: &[&str] = &["if", "unless", "when", "although", "though", "while", "because", "after", "before", "since", "as", "once", "whereas"];

/// Clause segments of a sentence. A new segment starts at a clause opener
/// ("who", "which", "but"), a reporting verb ("said"), and after `;` `:` and
/// brackets; two tokens are in the same clause when they share a segment.
pub struct Clause {
    segment: Vec<usize>,
    hard: Vec<bool>,
    starts: Vec<usize>,
}

impl Clause {
    pub fn new(tokens: &[Token], cues: &CueMap, owner: &[Option<usize>]) -> Clause {
        let mut segment = Vec::with_capacity(tokens.len());
        let mut hard = Vec::with_capacity(tokens.len());
        let mut starts = vec![0];
        let mut current = 0;
        // A fronted subordinate clause ("If X attacks Y, ...") ends at its first comma.
        let mut subordinate = false;
        for (i, t) in tokens.iter().enumerate() {
            // "the European Union (EU) agree": an abbreviation in brackets renames the
            // actor before it, and the clause runs on across it.
            let abbreviation = abbreviation_at(tokens, owner, i);
            // "urged N. Korea to return": a point inside an actor's name ends nothing.
            let inside_name = owner[i].is_some() && owner.get(i + 1) == Some(&owner[i]);
            let is_hard = matches!(t.norm.as_str(), ";" | ":" | "(" | ")" | "\"" | "." | "?" | "!") && !abbreviation && !inside_name;
            // A reporting word after "and" is a second predicate of the same subject
            // ("detained her and declared an emergency"), not a new clause.
            let coordinated = i > 0 && matches!(tokens[i - 1].norm.as_str(), "and" | "but");
            // "since 2021", "after March": a preposition of time opens no clause
            // ("after 30 people died" is one: a count is no date).
            let of_time = matches!(t.norm.as_str(), "since" | "after" | "before" | "until")
                && tokens.get(i + 1).is_some_and(|n| parley_text::numbers::year(n).is_some() || parley_text::is_month(&n.norm) || TIME_WORDS.contains(&n.norm.as_str()));
            let opener = owner[i].is_none()
                && i > 0
                && !of_time
                && (cues.is(i, CueKind::ClauseOpener) || (cues.is(i, CueKind::Reporting) && !coordinated))
                // "that" after a reporting verb belongs to it; as a determiner it opens nothing.
                && !(t.norm == "that" && (cues.is(i - 1, CueKind::Reporting) || tokens.get(i + 1).is_some_and(|n| n.norm == "the")));
            let after_hard = i > 0 && hard[i - 1] && !abbreviation;
            let closes_subordinate = subordinate && i > 0 && tokens[i - 1].norm == ",";
            if opener || after_hard || closes_subordinate {
                current += 1;
                // ", the U.S. State Department said": the attribution after the comma
                // belongs to the reporting verb, not to the clause before it.
                let mut first = i;
                if cues.is(i, CueKind::Reporting) && !coordinated {
                    if let Some(comma) = (i.saturating_sub(8)..i).rev().find(|&k| tokens[k].norm == ",") {
                        if comma > starts[starts.len() - 1] && (comma + 1..i).all(|k| !hard[k] && !cues.is(k, CueKind::Reporting)) {
                            first = comma + 1;
                            for seg in segment.iter_mut().skip(first) {
                                *seg = current;
                            }
                        }
                    }
                }
                starts.push(first);
                subordinate = false;
            }
            if SUBORDINATORS.contains(&t.norm.as_str()) && (i == 0 || opener) {
                subordinate = true;
            }
            segment.push(current);
            hard.push(is_hard);
        }
        Clause { segment, hard, starts }
    }

    /// Whether tokens `a` and `b` stand in the same clause segment.
    pub fn same(&self, a: usize, b: usize) -> bool {
        self.segment.get(a).is_some() && self.segment.get(a) == self.segment.get(b)
    }

    /// Whether token `i` is punctuation that no pattern or role crosses.
    pub fn hard_break(&self, i: usize) -> bool {
        self.hard.get(i).copied().unwrap_or(true)
    }

    /// The first token of the segment `i` stands in.
    pub fn start(&self, i: usize) -> usize {
        self.starts[self.segment[i]]
    }
}

/// Whether token `k` is part of an abbreviation in brackets right after an
/// actor's name: "(", one upper-case word, ")" ("the European Union (EU)").
fn abbreviation_at(tokens: &[Token], owner: &[Option<usize>], k: usize) -> bool {
    let open = match tokens[k].norm.as_str() {
        "(" => k,
        ")" if k >= 2 => k - 2,
        _ if k >= 1 => k - 1,
        _ => return false,
    };
    open >= 1
        && tokens[open].norm == "("
        && owner[open - 1].is_some()
        && tokens.get(open + 1).is_some_and(|t| t.is_word() && t.all_caps)
        && tokens.get(open + 2).is_some_and(|t| t.norm == ")")
}

/// The grammatical form of a verb token; the matcher knows it from the
/// lexicon's inflections (see `EventMatcher::new`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Form {
    Base,
    Third,
    Gerund,
    Past,
}

pub(crate) fn is_adverb(t: &Token) -> bool {
    (t.norm.ends_with("ly") && t.norm.len() > 4) || matches!(t.norm.as_str(), "not" | "n't" | "also" | "long" | "yet" | "never" | "already" | "now" | "still" | "again" | "just" | "since" | "ever" | "even")
}

/// Whether the token at `i` (a form of some lexicon verb) is used as a verb
/// here, not as a noun or adjective (see the crate documentation).
pub(crate) fn reads_as_verb(sentence: &Sentence, i: usize, form: Form, earlier_verbs: &[bool]) -> bool {
    let Sentence { tokens, mentions, owner, cues, clause, .. } = sentence;
    let Some(mut p) = i.checked_sub(1) else { return false };
    // "the European Union (EU) agree": the word before is the named actor.
    if abbreviation_at(tokens, owner, p) && tokens[p].norm == ")" {
        p -= 3;
    }
    let prev = &tokens[p];
    // "flood-hit", "Russian-backed": a hyphenated compound is an adjective.
    if prev.norm == "-" && prev.end == tokens[i].start {
        return false;
    }
    // Inside a short bracket ("(Canadian Press)") nothing acts.
    if let Some(open) = tokens[i.saturating_sub(4)..i].iter().rposition(|t| t.norm == "(") {
        let open = i.saturating_sub(4) + open;
        if tokens[open..i].iter().all(|t| t.norm != ")") && tokens[i + 1..].iter().take(4).any(|t| t.norm == ")") {
            return false;
        }
    }
    // After "is", "was", "be" a bare form is an adjective ("was free to move").
    if matches!(prev.norm.as_str(), "is" | "are" | "was" | "were" | "be" | "been" | "being") && matches!(form, Form::Base | Form::Third) {
        return false;
    }
    if let Some(m) = owner[p] {
        let m = &mentions[m];
        // "struck Hezbollah targets": an actor that is a verb's object modifies the
        // bare or -s word after it.
        let object = m.tokens.start > 0 && earlier_verbs.get(m.tokens.start - 1).copied().unwrap_or(false);
        if object && matches!(form, Form::Base | Form::Third) {
            return false;
        }
        // "military targets", "artillery shells": a bare agent word with no article
        // before it modifies the noun after it.
        let bare_modifier = (m.country.is_none() || m.tokens.len() == 1)
            && m.kind == MentionKind::Agent
            && !tokens[m.tokens.start].capitalized
            && (m.tokens.start == 0 || !matches!(tokens[m.tokens.start - 1].norm.as_str(), "the" | "a" | "an" | "its" | "their" | "his" | "her"));
        if bare_modifier && form == Form::Third {
            return false;
        }
        // "Russia attacked", "rebels attack" act; but an adjective modifies a noun
        // ("Israeli strikes"), and a singular actor before a bare form makes a
        // compound noun ("a UN call", "the US attack"), since a singular subject
        // would take "calls", "attacks".
        // A conjoined subject ("the Philippines and France agree") is plural too.
        let before = |k: usize| m.tokens.start.checked_sub(k).map(|j| tokens[j].norm.as_str());
        let conjoined = (before(1) == Some("and") && m.tokens.start > 1 && owner[m.tokens.start - 2].is_some())
            || (before(1) == Some("the") && before(2) == Some("and") && m.tokens.start > 2 && owner[m.tokens.start - 3].is_some());
        let plural = conjoined || m.plural || m.members.len() > 1 || matches!(m.kind, MentionKind::Reference(Reference::Plural | Reference::Pair));
        return form != Form::Gerund && !m.adjectival && (form != Form::Base || plural);
    }
    // After "to" only a bare form is an infinitive ("to ousted Syrian President").
    if prev.norm == "to" && matches!(form, Form::Past | Form::Third) {
        return false;
    }
    if cues.is(p, CueKind::Auxiliary) || cues.is(p, CueKind::Negation) {
        return true;
    }
    // "the coalition that attacked": a relative "that" before a past form.
    if prev.norm == "that" && form == Form::Past {
        return true;
    }
    if cues.is(p, CueKind::Determiner) {
        return false;
    }
    if is_adverb(prev) {
        // "repeatedly denied", "did not even ever clash": look past the adverbs.
        let mut q = p;
        while q > 0 && is_adverb(&tokens[q - 1]) && !cues.is(q - 1, CueKind::Negation) && !cues.is(q - 1, CueKind::Auxiliary) {
            q -= 1;
        }
        // "a widely opposed change": after a determiner the past form is an adjective.
        let adjective = form == Form::Past && cues.is(q - 1, CueKind::Determiner);
        return q > 0 && (owner[q - 1].is_some() || cues.is(q - 1, CueKind::Auxiliary) || cues.is(q - 1, CueKind::Negation) || (form == Form::Past && !adjective));
    }
    match form {
        // After punctuation, a name, a weekday ("Beijing on Monday accused") or a
        // coordinator ("... but rejected calls") a past form acts; after a plain
        // noun it is a participle ("a plot linked to").
        // After an actor's possessed noun ("Ithilen's militia vowed", "X's new mayor
        // left") a past form is the verb of that noun phrase.
        // After a plain noun with an object of its own ("the group seized the town",
        // "planes killed at least 30") the past form acts too.
        // "67 alleged mercenaries", "three wounded soldiers": between a figure and
        // its noun a past form is an adjective.
        Form::Past if is_figure(prev) && tokens.get(i + 1).is_some_and(|n| owner[i + 1].is_some() || (n.is_word() && !n.capitalized && !is_figure(n))) => false,
        Form::Past => {
            !prev.is_word()
                || prev.capitalized
                || matches!(prev.norm.as_str(), "and" | "but")
                || possessed_noun_ends_at(tokens, p, owner)
                || tokens.get(i + 1).is_some_and(|n| matches!(n.norm.as_str(), "the" | "a" | "an") || owner[i + 1].is_some())
                || parley_text::numbers::quantity_at(tokens, i + 1).is_some()
        }
        // Headlines: "Rebels Seize Town" has a capitalised verb after a noun; but
        // after the headline's verb, such a word ends a noun phrase ("Yemen
        // Sentences 15 Militants on Terror Charges").
        // An -s form after "and" that follows a verb in the -s form is a second
        // verb of the same subject ("puts the blame on his critics -- and
        // supports the president").
        Form::Third if prev.norm == "and" && (0..p).any(|k| earlier_verbs[k] && tokens[k].norm.ends_with('s')) => true,
        Form::Third | Form::Base => {
            tokens[i].capitalized && prev.capitalized && i > 1 && !(0..p).any(|k| earlier_verbs[k] && clause.same(k, i))
        }
        // "members urging both parties": a gerund with a direct object acts.
        Form::Gerund => owner.get(i + 1).is_some_and(|o| o.is_some()),
    }
}

/// Whether an actor named after "by" follows the past form at `i` ("a swap
/// brokered *by the UAE*"): after a plain noun such a participle is a passive
/// with its agent, an act of that agent, not a description of the noun.
pub(crate) fn agent_named_after(tokens: &[Token], owner: &[Option<usize>], i: usize) -> bool {
    if tokens.get(i + 1).is_none_or(|t| t.norm != "by") {
        return false;
    }
    let at = if tokens.get(i + 2).is_some_and(|t| t.norm == "the") { i + 3 } else { i + 2 };
    owner.get(at).is_some_and(|o| o.is_some())
}

/// Words after "since", "after", "before" that make it a preposition of time.
const TIME_WORDS: &[&str] = &["last", "then", "dawn", "midnight", "noon", "early", "late"];

/// Whether a token is a figure written in digits ("67", "1,500").
fn is_figure(t: &Token) -> bool {
    t.norm.starts_with(|c: char| c.is_ascii_digit()) && t.norm.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// Whether the token at `p` ends a noun phrase possessed by an actor: the
/// actor, "'s", then one to three plain lower-case words ("Russia's new mayor").
fn possessed_noun_ends_at(tokens: &[Token], p: usize, owner: &[Option<usize>]) -> bool {
    let plain = |t: &Token| t.is_word() && !t.capitalized && !matches!(t.norm.as_str(), "the" | "a" | "an" | "of" | "to" | "in" | "on" | "that" | "which" | "who");
    let mut k = p;
    while p - k < 3 && plain(&tokens[k]) && owner[k].is_none() {
        if k < 2 {
            return false;
        }
        k -= 1;
        if tokens[k].norm == "'s" {
            return owner[k - 1].is_some();
        }
    }
    false
}

/// Whether the past form at `i` is a participle describing the object of an
/// earlier verb ("detained journalists accused of links to militants"): it
/// follows that object directly, and a preposition, not an object, follows it.
/// The object is then its target.
pub fn is_reduced_relative(tokens: &[Token], i: usize, form: Form, verbish: &[bool], owner: &[Option<usize>], cues: &CueMap, clause: &Clause) -> bool {
    if form != Form::Past || i == 0 || owner[i - 1].is_none() {
        return false;
    }
    let followed_by_preposition =
        tokens.get(i + 1).is_some_and(|n| matches!(n.norm.as_str(), "of" | "with" | "for" | "over" | "in" | "at" | "during" | "after"));
    let object_of_earlier_verb =
        (clause.start(i)..i).any(|k| verbish[k] && !cues.is(k, CueKind::Reporting) && owner[k].is_none() && clause.same(k, i));
    followed_by_preposition && object_of_earlier_verb
}

/// Past forms of verbs that need an object: without one after them they are
/// passive participles, whatever the case of the headline they stand in.
const NEEDS_OBJECT: &[&str] = &[
    "killed", "murdered", "assassinated", "slain", "massacred", "executed", "beheaded", "hanged", "stabbed", "injured",
    "wounded", "hurt", "tortured", "beaten", "freed", "released", "rescued", "kidnapped", "abducted", "seized", "captured",
    "arrested", "detained", "nabbed", "jailed", "imprisoned", "sentenced", "charged", "indicted", "convicted", "expelled",
    "deported", "sacked", "ousted",
];

/// Past forms of accusing and charging whose charge follows with "of" or "with".
const ACCUSED: &[&str] = &["accused", "charged", "suspected", "convicted", "indicted"];

/// Whether the past form at `i` is a verb of accusation right after a noun
/// and followed by the preposition of the charge, not by whom it accuses
/// ("Sixty men accused of plotting a coup deny ...", "soldiers charged with
/// abuse", "a policewoman accused in the scandal"): a participle on that noun.
pub fn is_accused_participle(tokens: &[Token], i: usize) -> bool {
    ACCUSED.contains(&tokens[i].norm.as_str())
        && i > 0
        && tokens[i - 1].is_word()
        && !is_adverb(&tokens[i - 1])
        && !matches!(
            tokens[i - 1].norm.as_str(),
            "has" | "have" | "had" | "who" | "which" | "that" | "they" | "he" | "she" | "it" | "we" | "i" | "you" | "is" | "are" | "was" | "were" | "be" | "been" | "being" | "get" | "got" | "not"
        )
        && tokens.get(i + 1).is_some_and(|t| matches!(t.norm.as_str(), "of" | "with" | "in" | "over"))
}

/// Nouns after "by" that say how, not who.
const BY_MANNER: &[&str] = &[
    "telephone", "phone", "video", "videolink", "letter", "email", "mail", "car", "road", "plane", "air", "sea",
    "land", "train", "decree", "force", "hand", "consensus", "majority", "vote", "far", "then", "now", "default",
];

/// Whether the verb at `i` is passive: a past participle after a form of "be"
/// (adverbs allowed between: "has long been accused").
pub fn is_passive(tokens: &[Token], i: usize, form: Form) -> bool {
    if form != Form::Past {
        return false;
    }
    // "a Chinese-American arrested by police": a participle with its agent; but
    // "spoke by telephone", "agreed by consensus" name a manner, not an agent.
    if tokens.get(i + 1).is_some_and(|t| t.norm == "by") {
        let manner = tokens.get(i + 2).is_some_and(|t| BY_MANNER.contains(&t.norm.as_str()));
        if !manner {
            return true;
        }
    }
    // Headline passives drop "were": "Three People Killed at Checkpoint".
    if i > 0 && tokens[i].capitalized && tokens[i - 1].capitalized {
        let next = tokens.get(i + 1).map_or("", |t| t.norm.as_str());
        if matches!(next, "" | "in" | "at" | "near" | "on" | "during" | "after" | "as" | "by" | "over" | "outside") {
            return true;
        }
    }
    // A verb that cannot stand without its object, followed by no object, is a
    // participle: "Australian reporter freed in Iraq", "US diplomat among 7 injured
    // in blast", "two soldiers killed when ...", in headlines of any case.
    if NEEDS_OBJECT.contains(&tokens[i].norm.as_str()) && i > 0 && !matches!(tokens[i - 1].norm.as_str(), "has" | "have" | "had" | "who" | "which" | "that") {
        let next = tokens.get(i + 1).map_or("", |t| t.norm.as_str());
        let after = tokens.get(i + 2).map_or("", |t| t.norm.as_str());
        let no_object = match next {
            "" | "," | ":" | ";" | "in" | "near" | "during" | "after" | "outside" | "inside" | "when" | "while" => true,
            "at" => !matches!(after, "least" | "most"),
            // "Eight children stabbed to death as they sleep": to death is how.
            "to" => after == "death",
            _ => false,
        };
        if no_object {
            return true;
        }
    }
    // "Sixty men accused of plotting a coup deny ...", "soldiers charged with
    // abuse": a verb of accusation right after a noun and followed by the
    // preposition of the charge, not by whom it accuses, is a participle.
    if is_accused_participle(tokens, i) {
        return true;
    }
    let mut j = i;
    for _ in 0..4 {
        let Some(p) = j.checked_sub(1) else { return false };
        let t = &tokens[p];
        if matches!(t.norm.as_str(), "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'re" | "get" | "got") {
            return true;
        }
        if !is_adverb(t) {
            return false;
        }
        j = p;
    }
    false
}

/// Whether a reporting verb with no pattern of its own only introduces what
/// was said: it is not directly followed by an actor it acts upon.
pub fn introduces_report(tokens: &[Token], i: usize, owner: &[Option<usize>]) -> bool {
    // "warned the Prince", "warned of the rebels": a determiner or preposition may come first.
    let mut j = i + 1;
    while j < tokens.len() && j <= i + 3 && matches!(tokens[j].norm.as_str(), "the" | "a" | "of" | "about" | "against") {
        j += 1;
    }
    owner.get(j).is_none_or(|o| o.is_none())
}

/// The source and target the sentence gives the verb at `i`.
pub struct Roles {
    pub source: Option<Participant>,
    pub target: Option<Participant>,
}

/// Finds the verb's subject to the left and object to the right (see the
/// crate documentation). `pattern_words` are the tokens the matched pattern's
/// words took right of the verb.
pub(crate) fn find_roles(sentence: &Sentence, i: usize, pattern_words: &[Range<usize>], verbish: &[bool], passive: bool, coded: &[Coded]) -> Roles {
    let Sentence { tokens, mentions, owner, clause, .. } = sentence;
    let subject = left_actor(tokens, i, mentions, owner, clause, coded);
    let object = if passive { by_actor(tokens, i, owner, clause).or_else(|| other_side(tokens, i, owner, clause, |j| clause.same(i, j))) } else { right_actor(tokens, i, pattern_words, verbish, mentions, owner, clause) };
    if passive {
        Roles { source: object, target: subject }
    } else {
        Roles { source: subject, target: object }
    }
}

/// A verb coded earlier in the sentence, for the verbs after it: its source,
/// and the subject a later verb of the clause shares (a participle's noun, else
/// the source).
#[derive(Clone, Copy)]
pub struct Coded {
    pub verb: usize,
    pub source: Option<Participant>,
    pub subject: Option<Participant>,
}

fn left_actor(
    tokens: &[Token],
    i: usize,
    mentions: &[Mention],
    owner: &[Option<usize>],
    clause: &Clause,
    coded: &[Coded],
) -> Option<Participant> {
    let mut start = clause.start(i);
    // ", accusing it of ...": a participle clause shares the main verb's subject.
    if is_participle_clause(tokens, i) {
        if let Some(c) = coded.iter().rev().find(|c| c.verb < i) {
            return c.source;
        }
    }
    // "France, which has troops in Mali, condemned", "Pakistan, a close Chinese
    // partner, refused": the verb right after the comma that closes an aside on
    // its subject is the main verb, and the noun before the aside its subject.
    // (The parser's model reads such sentences badly: it makes the name the root.)
    if let Some(antecedent) = closed_aside_antecedent(tokens, i, start, owner) {
        return Some(Participant::of(antecedent));
    }
    // A verb that opens its own segment (a reporting verb that is an event:
    // "Russia warned Ukraine") takes its subject from the segment before it.
    if start == i && i > 0 && !clause.hard_break(i - 1) {
        start = clause.start(i - 1);
    }
    // "X met Y and accused Z": a verb right after "and" shares the previous verb's subject.
    let mut p = i;
    while p > start && is_adverb(&tokens[p - 1]) {
        p -= 1;
    }
    if p > start && matches!(tokens[p - 1].norm.as_str(), "and" | "but" | "or" | ",") {
        if let Some(c) = coded.iter().rev().find(|c| c.verb < i && clause.same(c.verb, i)) {
            return c.source;
        }
    }
    let mut j = i;
    while j > start {
        j -= 1;
        if let Some(c) = coded.iter().find(|c| c.verb == j) {
            // "X met Y and signed ...": the second verb shares the first one's subject;
            // "troops backed by artillery attacked": the troops, the passive's subject.
            return c.subject;
        }
        if let Some(m) = owner[j] {
            let first = mentions[m].tokens.start;
            // "Four soldiers charged with abusing Iraqi prisoners are to face
            // hearings": an actor inside a participle phrase on the subject, a
            // participle with no agent right after its noun, is not the subject.
            let on_subject = coded.iter().rev().find(|c| {
                c.verb > start && c.verb < first && c.source.is_none() && c.subject.is_some_and(|s| owner[c.verb - 1] == Some(s.mention))
            });
            if let Some(c) = on_subject {
                return c.subject;
            }
            let governed = first > 0 && PREPOSITIONS.contains(&tokens[first - 1].norm.as_str());
            // An appositive (", Bujumbura,") renames what came before it.
            let appositive = first > 0
                && tokens[first - 1].norm == ","
                && tokens.get(mentions[m].tokens.end).is_some_and(|t| t.norm == ",");
            if !governed && !appositive {
                return Some(Participant::of(m));
            }
            j = first;
        }
    }
    // A relative clause ("the coalition, which denied"): the antecedent is the subject.
    if start > 0 && matches!(tokens[start].norm.as_str(), "who" | "which" | "that") {
        let mut k = start;
        while k > 0 && tokens[k - 1].norm == "," {
            k -= 1;
        }
        if k > 0 {
            if let Some(m) = owner[k - 1] {
                return Some(Participant::of(m));
            }
        }
    }
    None
}

/// The mention an aside closed right before the verb at `i` describes: a
/// relative clause, "ACTOR, which|who|whose ..., [adverbs] VERB" (the clause
/// being the verb's segment from `start`), or an apposition, "ACTOR, a|an
/// ..., VERB".
fn closed_aside_antecedent(tokens: &[Token], i: usize, start: usize, owner: &[Option<usize>]) -> Option<usize> {
    let mut p = i;
    while p > 0 && is_adverb(&tokens[p - 1]) {
        p -= 1;
    }
    if p < 4 || tokens[p - 1].norm != "," {
        return None;
    }
    let relative = start >= 2 && matches!(tokens[start].norm.as_str(), "which" | "who" | "whose") && tokens[start - 1].norm == ",";
    if relative {
        return (p > start + 2).then(|| owner[start - 2]).flatten();
    }
    // The comma that opens the apposition: the one before, a dozen words at most.
    let open = (p.saturating_sub(14)..p - 1).rev().find(|&k| matches!(tokens[k].norm.as_str(), "," | ";" | ":" | "(" | ")" | "."))?;
    let apposition = tokens[open].norm == "," && open >= 1 && matches!(tokens[open + 1].norm.as_str(), "a" | "an");
    apposition.then(|| owner[open - 1]).flatten()
}

/// The verb's object: the first actor right of the verb, before the clause or
/// another verb ends it. An actor with a country or a name is preferred over a
/// bare agent that comes first ("sent tanks to Ukraine", "massed troops near
/// its border with Ukraine": the tanks and troops are the source's own). The
/// scan may enter a "that" clause: "demanded that Russia withdraw" is addressed
/// to Russia.
fn right_actor(
    tokens: &[Token],
    i: usize,
    pattern_words: &[Range<usize>],
    verbish: &[bool],
    mentions: &[Mention],
    owner: &[Option<usize>],
    clause: &Clause,
) -> Option<Participant> {
    let mut first: Option<usize> = None;
    let mut anchor = i;
    let mut j = i + 1;
    // A verb right after "to" is the governing verb's complement ("pledged to send
    // aid to Turkey", adverbs aside: "pledged to fully respect a truce with"): it
    // does not end the object.
    let infinitive = |j: usize| tokens[..j].iter().rev().find(|t| !is_adverb(t)).is_some_and(|t| t.norm == "to");
    while j < tokens.len() && (!verbish[j] || infinitive(j)) {
        // But an addressee before it is the verb's ("called on the army to stop the
        // killing of protesters": the army, however bare, not the protesters).
        if verbish[j] && first.is_some() {
            break;
        }
        if !clause.same(anchor, j) {
            let entering_that = tokens[j].norm == "that" && anchor == i && first.is_none();
            if !entering_that {
                break;
            }
            anchor = j;
        }
        if let Some(m) = owner[j] {
            // "said on Tuesday" style places were dropped already; skip "by X" after a
            // participle in actives ("backed by X"), not after a noun ("an attack by X").
            let by_agent = j > 1 && tokens[j - 1].norm == "by" && (verbish[j - 2] || tokens[j - 2].norm.ends_with("ed") || tokens[j - 2].norm.ends_with("en"));
            if by_agent {
                // "a ceasefire brokered by Qatar and Egypt": the agent of a participle
                // in the object is nobody's target, and neither is what follows it.
                break;
            }
            let mention = &mentions[m];
            let bare = mention.code.starts_with("---") && !matches!(mention.kind, MentionKind::Reference(_));
            // "pulled its troops out of Iraq": what the subject owns is not its target.
            let owned = j > 0 && matches!(tokens[j - 1].norm.as_str(), "its" | "their");
            // "killed 12 soldiers ... in northern Burkina Faso": after a bare agent, a
            // country after "in" says where, not whom.
            let located = first.is_some()
                && mention.kind == MentionKind::Country
                && mention.role.is_none()
                && (1..=2).any(|back| j >= back && matches!(tokens[j - back].norm.as_str(), "in" | "at" | "near" | "inside"));
            if located {
                break;
            }
            if !bare && !owned {
                return Some(Participant::of(m));
            }
            // A bare agent word the pattern itself matched ("joint military exercises")
            // is part of the act, not its target.
            let in_pattern = pattern_words.iter().any(|w| w.start < mentions[m].tokens.end && mentions[m].tokens.start < w.end);
            if !in_pattern && !owned {
                first.get_or_insert(m);
            }
            j = mentions[m].tokens.end;
            continue;
        }
        if clause.hard_break(j) || tokens[j].norm == "," && tokens.get(j + 1).is_some_and(|n| matches!(n.norm.as_str(), "who" | "which" | "but" | "while")) {
            break;
        }
        j += 1;
    }
    first.map(Participant::of)
}

/// The other side of the fighting or the blame a sentence tells after the
/// verb at `i`: the agent of a passive that names none with "by" ("killed in
/// clashes *with militants*", "in two attacks blamed on *Kurdish rebels*"),
/// or whom violence with no target named is done to. The actor after the
/// preposition may follow a few modifiers no dictionary holds (see
/// [`agent_after`]); `in_reach(j)` says whether fighting told at token `j`
/// is the verb's.
pub(crate) fn other_side(tokens: &[Token], i: usize, owner: &[Option<usize>], clause: &Clause, in_reach: impl Fn(usize) -> bool) -> Option<Participant> {
    (i + 1..tokens.len().saturating_sub(1)).find_map(|j| match (tokens[j].norm.as_str(), tokens[j + 1].norm.as_str()) {
        ("blamed", "on") => agent_after(tokens, j + 2, owner, clause),
        ("clash" | "clashes" | "fighting" | "battle" | "battles" | "gunbattle" | "gunbattles", "with") if in_reach(j) => agent_after(tokens, j + 2, owner, clause),
        _ => None,
    })
}

/// Whether the word before a mention (past "the") is `word` ("*from* China").
pub(crate) fn after_word(tokens: &[Token], m: &Mention, word: &str) -> bool {
    let s = m.tokens.start;
    let k = if s > 0 && tokens[s - 1].norm == "the" { s - 1 } else { s };
    k > 0 && tokens[k - 1].norm == word
}

/// The place a motion right after the verb at `i` goes to ("flew *to Khartoum*",
/// "arrived *in Seoul*"): a capital or gazetteer place after "to", "into", "in",
/// "at" or "for" in the verb's clause, with no other actor before it.
pub(crate) fn destination(tokens: &[Token], i: usize, mentions: &[Mention], clause: &Clause) -> Option<Participant> {
    let reach = (i + 10).min(tokens.len());
    for (k, m) in mentions.iter().enumerate().filter(|(_, m)| m.tokens.start > i) {
        let s = m.tokens.start;
        if s >= reach || !clause.same(i, s) || (i + 1..s).any(|j| clause.hard_break(j)) {
            return None;
        }
        if !m.locative {
            return None;
        }
        if m.country.is_some() && ["to", "into", "in", "at", "for"].iter().any(|w| after_word(tokens, m, w)) {
            return Some(Participant::of(k));
        }
    }
    None
}

/// The actor of the noun phrase that starts at `start`, after "by", "on" or
/// "with": it may follow a few modifiers ("by a 41-year-old Japanese man"),
/// but an actor in a place after the phrase's noun is not it ("killed by a
/// mortar attack on a US Army base").
pub(crate) fn agent_after(tokens: &[Token], start: usize, owner: &[Option<usize>], clause: &Clause) -> Option<Participant> {
    (start..(start + 7).min(tokens.len()))
        .take_while(|&k| {
            !clause.hard_break(k)
                && tokens[k].norm != ","
                && (owner[k].is_some() || !matches!(tokens[k].norm.as_str(), "on" | "in" | "at" | "near" | "outside" | "inside" | "during"))
        })
        .find_map(|k| owner[k])
        .map(Participant::of)
}

fn by_actor(tokens: &[Token], i: usize, owner: &[Option<usize>], clause: &Clause) -> Option<Participant> {
    let mut j = i + 1;
    while j < tokens.len() && clause.same(i, j) && !clause.hard_break(j) {
        if tokens[j].norm == "by" {
            return agent_after(tokens, j + 1, owner, clause);
        }
        j += 1;
    }
    None
}

/// The mode and tense of the verb at `i`, from the cues before it.
pub fn mode_and_tense(tokens: &[Token], i: usize, form: Form, cues: &CueMap, clause: &Clause) -> (Mode, Tense) {
    // A participle clause (", accusing ...") takes no mode from the clause before it.
    let start = if is_participle_clause(tokens, i) { i } else { clause.start(i).max(i.saturating_sub(8)) };
    let near = |kind: CueKind, reach: usize| cues.within(kind, i.saturating_sub(reach).max(start)..i).next().is_some();
    let conditional_clause = tokens[..i].iter().any(|t| matches!(t.norm.as_str(), "if" | "unless"));
    let mode = if near(CueKind::Negation, 4) {
        Mode::Negated
    } else if near(CueKind::Conditional, 4) || conditional_clause {
        Mode::Conditional
    } else if near(CueKind::Demanded, 4) {
        Mode::Demanded
    } else if near(CueKind::Expected, 5) {
        Mode::Expected
    } else if near(CueKind::Intended, 5) || near(CueKind::Future, 4) {
        Mode::Intended
    } else {
        Mode::Asserted
    };
    let aux = |words: &[&str]| tokens[i.saturating_sub(4).max(start)..i].iter().any(|t| words.contains(&t.norm.as_str()));
    let tense = if near(CueKind::Future, 4) {
        Tense::Future
    } else if aux(&["had"]) {
        Tense::Pluperfect
    } else if aux(&["has", "have"]) {
        Tense::Perfect
    } else if form == Form::Past {
        Tense::Past
    } else {
        Tense::Present
    };
    (mode, tense)
}

/// Whether the event is background rather than news: a pluperfect, a
/// background cue ("previous", "has long"), or a perfect in a concessive clause.
pub fn is_background(tokens: &[Token], i: usize, cues: &CueMap, clause: &Clause, tense: Tense) -> bool {
    let cue = cues.within(CueKind::Background, 0..tokens.len()).next().is_some();
    let concessive = matches!(tokens[clause.start(i)].norm.as_str(), "though" | "although" | "while" | "whereas");
    tense == Tense::Pluperfect || (cue && tense != Tense::Future) || (tense == Tense::Perfect && concessive)
}

/// The participants a mention stands for: the members of "both sides", the
/// actors of a conjoined group, or itself.
fn participants(p: Option<Participant>, mentions: &[Mention], groups: &[Vec<usize>]) -> Vec<Participant> {
    let Some(p) = p else { return Vec::new() };
    let m = &mentions[p.mention];
    if m.members.len() > 1 {
        return (0..m.members.len()).map(|k| Participant { mention: p.mention, member: Some(k) }).collect();
    }
    match groups.iter().find(|g| g.contains(&p.mention)) {
        Some(g) if g.len() > 1 => g.iter().copied().map(Participant::of).collect(),
        _ => vec![p],
    }
}

/// One (source, target) pair per event: conjoined actors multiply, and a
/// reciprocal verb with a plural subject and no object runs both ways, as
/// does any verb whose subject is a pair reference ("the two countries").
pub fn expand(
    tokens: &[Token],
    mentions: &[Mention],
    groups: &[Vec<usize>],
    source: Option<Participant>,
    target: Option<Participant>,
    reciprocal: bool,
) -> Vec<(Option<Participant>, Option<Participant>)> {
    let sources = participants(source, mentions, groups);
    let targets = participants(target, mentions, groups);
    let pairs_of = |all: &[Participant]| {
        let mut out = Vec::new();
        for a in all {
            for b in all {
                if a != b {
                    out.push((Some(*a), Some(*b)));
                }
            }
        }
        out
    };
    // "Trump and Kim met in Singapore", "signed a truce in the Norwegian
    // capital": for a mutual act the place is no target.
    let located = target.is_some_and(|t| {
        let first = mentions[t.mention].tokens.start;
        let place = |k: usize| matches!(tokens[k].norm.as_str(), "in" | "at" | "near");
        first > 0 && place(first - 1) || first > 1 && tokens[first - 1].norm == "the" && place(first - 2)
    });
    // Nor is a bare agent ("17,000 soldiers taking part", "exchanged 150
    // prisoners", even when the report gave them a country): the pair acts on itself.
    let bare = target.is_some_and(|t| {
        let m = &mentions[t.mention];
        (m.code.starts_with("---") || m.country_from_context) && m.members.is_empty()
    });
    if reciprocal && (targets.is_empty() || located || bare) && sources.len() >= 2 {
        return pairs_of(&sources);
    }
    // "The two countries recalled their ambassadors", "both sides claimed
    // gains": a pair named as a pair acts on itself, each side on the other.
    let pair_reference = source.is_some_and(|s| mentions[s.mention].members.len() == 2);
    if pair_reference && targets.is_empty() {
        return pairs_of(&sources);
    }
    let between = target.is_some_and(|t| {
        let first = mentions[t.mention].tokens.start;
        first > 0 && tokens[first - 1].norm == "between" || first > 1 && tokens[first - 2].norm == "between"
    });
    if sources.is_empty() && targets.len() >= 2 && between {
        return pairs_of(&targets);
    }
    let sources: Vec<Option<Participant>> = if sources.is_empty() { vec![None] } else { sources.into_iter().map(Some).collect() };
    let targets: Vec<Option<Participant>> = if targets.is_empty() { vec![None] } else { targets.into_iter().map(Some).collect() };
    let mut out = Vec::new();
    for s in &sources {
        for t in &targets {
            out.push((*s, *t));
        }
    }
    out
}

/// Whether source and target are the same actor (an event needs two).
pub fn same_entity(mentions: &[Mention], s: Option<Participant>, t: Option<Participant>) -> bool {
    match (s, t) {
        (Some(a), Some(b)) => {
            a == b || matches!((a.entity(mentions), b.entity(mentions)), (Some(x), Some(y)) if x == y)
        }
        _ => false,
    }
}

/// Whether a participle clause opens at `i` (", accusing it of ...").
fn is_participle_clause(tokens: &[Token], i: usize) -> bool {
    i > 0 && tokens[i - 1].norm == "," && !tokens[i].capitalized && tokens[i].norm.len() > 5 && tokens[i].norm.ends_with("ing")
}

/// What governs a verb standing in a "that" clause.
pub enum Governor {
    /// An appeal or demand ("urged that", "demanded that"): codes 02x and 10x.
    Demand,
    /// A denial or rejection ("denied that", "rejected claims that"): 016, 12x.
    Denial,
    /// A claim reported as a noun ("accusations that").
    Allegation,
}

/// Whether the verb at `i` stands in a "that" clause under a coded appeal,
/// demand or denial (`governors`: earlier coded verbs and their codes), or
/// after a noun of allegation.
pub fn governed(tokens: &[Token], i: usize, cues: &CueMap, clause: &Clause, governors: &[(usize, String)]) -> Option<Governor> {
    // The "that" may open the clause or follow the word that opened it ("reports that").
    // A participle after a comma (", accusing it of ...") goes back to the main clause.
    let start = clause.start(i);
    let that = (start..i).find(|&k| tokens[k].norm == "that").filter(|&k| k > 0)?;
    if (that + 1..=i).any(|k| is_participle_clause(tokens, k)) {
        return None;
    }
    let start = that;
    if let Some((_, code)) = governors.iter().rev().find(|(v, _)| *v < start) {
        if code.starts_with("02") || code.starts_with("10") {
            return Some(Governor::Demand);
        }
        if code == "016" || code.starts_with("12") {
            return Some(Governor::Denial);
        }
    }
    // "claims that", or "claims by the foreign minister that": whose claim it
    // is may stand between the noun and its clause.
    let by_whom = |k: usize| {
        cues.is(k, CueKind::Allegation)
            && matches!(tokens[k + 1].norm.as_str(), "by" | "from")
            && (k + 1..start).all(|j| tokens[j].norm != "," && !clause.hard_break(j))
    };
    (cues.is(start - 1, CueKind::Allegation) || (start.saturating_sub(8)..start.saturating_sub(2)).any(by_whom)).then_some(Governor::Allegation)
}

/// The actor a complement acts on when the actor right after the verb is that
/// complement's subject ("warned *it* would impose sanctions on *its members*"):
/// the next actor to the right, before any hard break, when the one at `p` is
/// followed by a modal.
pub fn object_after_own_subject(tokens: &[Token], mentions: &[Mention], owner: &[Option<usize>], clause: &Clause, p: Participant) -> Option<Participant> {
    let end = mentions[p.mention].tokens.end;
    let modal = tokens.get(end).is_some_and(|t| matches!(t.norm.as_str(), "would" | "will" | "could" | "'d" | "'ll" | "might"));
    if !modal {
        return None;
    }
    (end..(end + 10).min(tokens.len()))
        .take_while(|&k| !clause.hard_break(k))
        .find_map(|k| owner[k].filter(|&m| m != p.mention))
        .filter(|&m| !names_its_own_act(tokens, &mentions[m]))
        .map(Participant::of)
}

/// Nouns of what an actor does itself ("UN sanctions", "a U.S. challenge",
/// "Western pressure"): the actor before one is whose act it is, not whom the
/// act of a verb governing the phrase is aimed at. Unlike what it owns ("Kenyan
/// army posts", "US bases"), which may well be the target.
const ACTS_OF_THE_ACTOR: &[&str] = &[
    "sanctions", "sanction", "resolution", "resolutions", "action", "pressure", "challenge", "support", "approval",
    "mandate", "vote", "veto", "embargo", "mediation", "backing", "inspectors", "inspections",
];

/// Whether an actor stands before a noun of its own act ("the return of *UN*
/// sanctions"): the sanctions, not the UN, are what a verb after the
/// speaker's pronoun is about.
fn names_its_own_act(tokens: &[Token], m: &Mention) -> bool {
    tokens.get(m.tokens.end).is_some_and(|n| ACTS_OF_THE_ACTOR.contains(&n.norm.as_str()))
}
