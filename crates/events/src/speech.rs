//! CAMEO's speech-act conventions: the statement is the event.
//!
//! "Norway pledged to give Kenya a grant" reports a pledge, not a grant; CAMEO
//! codes it as an intent to provide aid (0331), "Brazil said Venezuela must
//! release the journalists" as a demand from Brazil to Venezuela (1053), "Russia
//! warned it would halt gas exports" as a threat (1312), "the UN urged Israel to
//! halt the strikes" as an appeal (0256). The engine first finds the action
//! inside the statement (the verb and its pattern, as for any event), then this
//! module names the statement from it:
//!
//! | action (root)                         | intent | appeal | demand | threat |
//! |---------------------------------------|--------|--------|--------|--------|
//! | consult, meet, negotiate (04)         | 036    | 026    | 106    | 130    |
//! | diplomatic cooperation (05)           | 032    | 022    | 102    | 130    |
//! | material cooperation (06x)            | 031x   | 021x   | 101x   | 130    |
//! | aid (07x)                             | 033x   | 023x   | 103x   | 130    |
//! | yield (08x): release 084, cease 087.. | 035x   | 025x   | 105x   | 130    |
//! | reform (083x)                         | 034x   | 024x   | 104x   | 130    |
//! | reduce relations, sanctions (16x)     | 13x    | 020    | 100    | 131x   |
//! | coerce (17x), assault (18x), fight..  | 13x    | 020    | 100    | 137/138x |
//!
//! Verbal acts (01-03, 09-13) are statements already and keep their code. The
//! action stays on the event as its `embedded` code and mode, so nothing the
//! engine read is lost.

use crate::cues::{CueMap, Mode};
use crate::roles::Clause;
use parley_lexicon::CueKind;
use parley_text::Token;

/// What kind of statement carries an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Statement {
    /// "pledged to", "will", "said it would": the speaker's own intended act (03).
    Intent,
    /// "urged Y to", "called on Y to": a request to another (02).
    Appeal,
    /// "said Y must", "insisted that Y": a demand of another (10).
    Demand,
    /// "warned it would", "threatened to": a threat (13).
    Threat,
}

/// The CAMEO code of a `statement` whose action is `action`, or `None` when the
/// action is a statement of its own (01-03, 09-13) and keeps its code.
pub fn statement_code(statement: Statement, action: &str) -> Option<String> {
    // Only CAMEO's own codes: a dictionary's private codes ("174K", "901") have no statement.
    if !(3..=4).contains(&action.len()) || !action.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let root: u32 = action.get(..2)?.parse().ok().filter(|r| (1..=20).contains(r))?;
    let sub = action.get(2..3).unwrap_or("");
    let leaf = action.get(3..4).unwrap_or("");
    if matches!(root, 1..=3 | 9..=13) {
        return None;
    }
    let conflict = root >= 14;
    let code = match statement {
        Statement::Threat | Statement::Intent if conflict => threat_of(root, sub, leaf),
        Statement::Threat => "130".to_string(),
        Statement::Intent => cooperation(root, sub, leaf, "03")?,
        Statement::Appeal if conflict => "020".to_string(),
        Statement::Appeal => cooperation(root, sub, leaf, "02")?,
        Statement::Demand if conflict => "100".to_string(),
        Statement::Demand => cooperation(root, sub, leaf, "10")?,
    };
    Some(code)
}

/// The intent (03), appeal (02) or demand (10) for a cooperative action: the
/// three roots share one layout, offset from the actions' roots.
fn cooperation(root: u32, sub: &str, leaf: &str, base: &str) -> Option<String> {
    let code = match (root, sub) {
        // Consult (04): meet or negotiate; 10 has it one place further (106).
        (4, _) => if base == "10" { "106".to_string() } else { format!("{base}6") },
        // Diplomatic cooperation (05).
        (5, _) => format!("{base}2"),
        // Material cooperation (06x -> 031x, 021x, 101x).
        (6, s) => format!("{base}1{}", digit_or_empty(s)),
        // Aid (07x -> 033x, 023x, 103x).
        (7, s) => format!("{base}3{}", digit_or_empty(s)),
        // Reform (083x -> 034x, 024x, 104x).
        (8, "3") => format!("{base}4{}", digit_or_empty(leaf)),
        // Yield (08x -> 035x, 025x, 105x): 081 sanctions .. 087 de-escalation;
        // 084 release persons (0841) or property (0842) is one leaf, 3.
        (8, s) => format!("{base}5{}", yield_leaf(s)),
        _ => return None,
    };
    Some(code)
}

/// Material cooperation's and aid's leaves are the action's sub-codes: 061 is
/// economic (0311), 073 humanitarian (0333); "0" (not specified) has none.
fn digit_or_empty(s: &str) -> &str {
    if s == "0" {
        ""
    } else {
        s
    }
}

/// The threat (13) for a conflictual action.
fn threat_of(root: u32, sub: &str, leaf: &str) -> String {
    match (root, sub, leaf) {
        // Reduce relations (16): aid 162 -> 1311, sanctions 163 -> 1312,
        // relations 161 -> 1313, negotiations 164 -> 134, mediation 165 -> 135.
        (16, "2", _) => "1311",
        (16, "3", _) => "1312",
        (16, "1", _) => "1313",
        (16, "4", _) => "134",
        (16, "5", _) => "135",
        (16, _, _) => "131",
        // Protest (14): threaten dissent.
        (14, _, _) => "133",
        // Force posture (15): a threat of force.
        (15, _, _) => "138",
        // Coerce (17): restrictions 172x -> 132x, else violent repression.
        (17, "2", "1") => "1321",
        (17, "2", "4") => "1324",
        (17, "2", _) => "132",
        (17, _, _) => "137",
        // Assault (18): unconventional violence.
        (18, _, _) => "1383",
        // Fight (19): blockade 191, occupation 192, else a conventional attack.
        (19, "1", _) => "1381",
        (19, "2", _) => "1382",
        (19, _, _) => "1384",
        // Mass violence (20).
        (20, _, _) => "1385",
        _ => "130",
    }
    .to_string()
}

/// The leaf of a yield (08x) in the codes built on it (intents 035x, appeals
/// 025x, demands 105x, refusals 124x): 081 administrative sanctions .. 087
/// de-escalation in order, with 083 (reform) apart, which has codes of its own.
fn yield_leaf(sub: &str) -> &'static str {
    match sub {
        "1" => "1",
        "2" => "2",
        "4" => "3",
        "5" => "4",
        "6" => "5",
        "7" => "6",
        _ => "",
    }
}

/// The refusal (12) of a cooperative action that a speaker says it will not
/// take: "Israel will not attend the conference" rejects a meeting (125),
/// "said it would not release the sailors" refuses to yield (1243), "won't
/// sign the accord" rejects an agreement (127). `None` for an action that no
/// refusal names: a statement (01-03, 09-13) or a hostile act ("will not
/// attack" is only not an attack).
pub fn refusal_code(action: &str) -> Option<String> {
    if !(3..=4).contains(&action.len()) || !action.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sub = action.get(2..3).unwrap_or("0");
    let leaf = action.get(3..4).unwrap_or("");
    let code = match (action.get(..2)?, sub) {
        // Consult (04): meet, negotiate, attend.
        ("04", _) => "125".to_string(),
        // Diplomatic cooperation (05): an agreement 057 is a plan rejected.
        ("05", "7") => "127".to_string(),
        ("05", _) => "120".to_string(),
        // Material cooperation (06x -> 121x) and aid (07x -> 122x) share the leaves.
        ("06", s) if ("1"..="4").contains(&s) => format!("121{s}"),
        ("06", _) => "121".to_string(),
        ("07", s) if ("1"..="4").contains(&s) => format!("122{s}"),
        ("07", _) => "122".to_string(),
        // Reform (083x -> 123x).
        ("08", "3") => format!("123{}", if ("1"..="4").contains(&leaf) { leaf } else { "" }),
        // Yield (08x -> 124x): 081 sanctions .. 087 de-escalation, 084 release is 1243.
        ("08", s) => format!("124{}", yield_leaf(s)),
        _ => return None,
    };
    Some(code)
}

/// Whether the verb at `i` is refused for the future rather than denied as a
/// fact: a modal of the future right before the negation that governs it
/// ("will not attend", "won't sign", "would never release"), with at most an
/// adverb between the negation and the verb. "Did not attend" reports nothing
/// that happened and is no statement of the speaker's; "could not attend" is
/// inability, not refusal.
pub fn refused(tokens: &[Token], i: usize, clause: &Clause) -> bool {
    let start = clause.start(i);
    (i.saturating_sub(4).max(start)..i).any(|k| {
        let modal = matches!(tokens[k].norm.as_str(), "will" | "would" | "wo" | "shall" | "'ll");
        let negation = tokens.get(k + 1).is_some_and(|t| matches!(t.norm.as_str(), "not" | "n't" | "never"));
        modal && negation && (k + 2..i).all(|j| tokens[j].norm.ends_with("ly") || matches!(tokens[j].norm.as_str(), "be" | "again"))
    })
}

/// How the words around the verb at `i` frame its action as a statement, if
/// they do: "threatened to" or a clause under "warned" (a threat), a demand
/// ("must", "should"), an intent ("will", "pledged to", "said it would").
pub fn frame(tokens: &[Token], i: usize, mode: Mode, cues: &CueMap, clause: &Clause) -> Option<Statement> {
    let start = clause.start(i);
    let before = &tokens[i.saturating_sub(4).max(start)..i];
    let threatened = before.windows(2).any(|w| w[0].norm.starts_with("threat") && w[1].norm == "to");
    // The statement's verb: the one opening the clause, or a second one of its
    // subject's ("described the build-up as a precaution and *warned* that ...").
    let opener = &tokens[reporting_verb(i, start, cues)].norm;
    let under_warning = start < i && (opener.starts_with("warn") || opener.starts_with("threaten"));
    let future = before.iter().any(|t| matches!(t.norm.as_str(), "would" | "will" | "could" | "'d" | "'ll"));
    if threatened || (under_warning && future) {
        return Some(Statement::Threat);
    }
    match mode {
        Mode::Demanded => Some(Statement::Demand),
        Mode::Intended => Some(Statement::Intent),
        // "said it would withdraw": a speaker's own conditional is its intent.
        Mode::Conditional if future && start < i && cues.is(start, CueKind::Reporting) && !tokens[..i].iter().any(|t| matches!(t.norm.as_str(), "if" | "unless")) => {
            Some(Statement::Intent)
        }
        _ => None,
    }
}

/// Who makes the statement the verb at `i` stands in: the actor before the
/// reporting verb that opens its clause ("The European Union said the junta
/// must ..."), or the one after a comma that closes the sentence with a
/// reporting verb ("..., Brazil said").
pub fn sayer(tokens: &[Token], i: usize, cues: &CueMap, clause: &Clause, owner: &[Option<usize>]) -> Option<usize> {
    let start = clause.start(i);
    if start > 0 && start < i && cues.is(start, CueKind::Reporting) {
        let from = clause.start(start - 1);
        return (from..start).rev().find_map(|k| owner[k]);
    }

    // ", Brazil said." / ", said the foreign ministry."
    let report = (i + 1..tokens.len()).find(|&k| cues.is(k, CueKind::Reporting) && !clause.same(k, i))?;
    let comma = (i + 1..report).rev().find(|&k| tokens[k].norm == ",")?;
    (comma + 1..report).find_map(|k| owner[k]).or_else(|| (report + 1..(report + 5).min(tokens.len())).find_map(|k| owner[k]))
}

/// A reporting verb inside the clause of the verb at `i`, not opening it: its
/// subject's second act ("Morvath's defence minister described the build-up
/// as a precaution and *warned* that ..."), whose subject the parse knows.
pub fn second_reporting_verb(i: usize, cues: &CueMap, clause: &Clause) -> Option<usize> {
    let start = clause.start(i);
    Some(reporting_verb(i, start, cues)).filter(|&v| v > start)
}

/// The reporting verb nearest before `i` in the clause that starts at
/// `start`, or `start` when there is none.
fn reporting_verb(i: usize, start: usize, cues: &CueMap) -> usize {
    (start..i).rev().find(|&k| cues.is(k, CueKind::Reporting)).unwrap_or(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intents_name_the_intended_cooperation() {
        assert_eq!(statement_code(Statement::Intent, "071").as_deref(), Some("0331"));
        assert_eq!(statement_code(Statement::Intent, "073").as_deref(), Some("0333"));
        assert_eq!(statement_code(Statement::Intent, "0874").as_deref(), Some("0356"));
        assert_eq!(statement_code(Statement::Intent, "0841").as_deref(), Some("0353"));
        assert_eq!(statement_code(Statement::Intent, "042").as_deref(), Some("036"));
        assert_eq!(statement_code(Statement::Intent, "061").as_deref(), Some("0311"));
        assert_eq!(statement_code(Statement::Intent, "057").as_deref(), Some("032"));
        assert_eq!(statement_code(Statement::Intent, "0833").as_deref(), Some("0343"));
    }

    #[test]
    fn demands_and_appeals_share_the_layout() {
        assert_eq!(statement_code(Statement::Demand, "0841").as_deref(), Some("1053"));
        assert_eq!(statement_code(Statement::Demand, "0871").as_deref(), Some("1056"));
        assert_eq!(statement_code(Statement::Demand, "046").as_deref(), Some("106"));
        assert_eq!(statement_code(Statement::Demand, "072").as_deref(), Some("1032"));
        assert_eq!(statement_code(Statement::Appeal, "0841").as_deref(), Some("0253"));
        assert_eq!(statement_code(Statement::Appeal, "0871").as_deref(), Some("0256"));
        assert_eq!(statement_code(Statement::Appeal, "043").as_deref(), Some("026"));
    }

    #[test]
    fn conflictual_intents_are_threats() {
        assert_eq!(statement_code(Statement::Intent, "190").as_deref(), Some("1384"));
        assert_eq!(statement_code(Statement::Threat, "163").as_deref(), Some("1312"));
        assert_eq!(statement_code(Statement::Threat, "183").as_deref(), Some("1383"));
        assert_eq!(statement_code(Statement::Intent, "1724").as_deref(), Some("1324"));
    }

    #[test]
    fn a_cooperation_refused_for_the_future_is_a_rejection() {
        assert_eq!(refusal_code("043").as_deref(), Some("125"));
        assert_eq!(refusal_code("057").as_deref(), Some("127"));
        assert_eq!(refusal_code("0841").as_deref(), Some("1243"));
        assert_eq!(refusal_code("0874").as_deref(), Some("1246"));
        assert_eq!(refusal_code("073").as_deref(), Some("1223"));
        assert_eq!(refusal_code("0832").as_deref(), Some("1232"));
        // Not attacking, not criticising: no refusal of anything.
        assert_eq!(refusal_code("190"), None);
        assert_eq!(refusal_code("112"), None);
    }

    #[test]
    fn statements_keep_their_own_code() {
        assert_eq!(statement_code(Statement::Intent, "112"), None);
        assert_eq!(statement_code(Statement::Demand, "020"), None);
    }
}
