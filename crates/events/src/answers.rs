//! Nouns that stand for something an actor said or did ("rejected *the
//! allegation*", "condemned *the attack*"): a verb acting on one answers
//! whoever said or did it, somewhere earlier in the document.

/// Nouns for what someone said against someone: the reply is aimed at the accuser.
const CHARGES: &[&str] = &[
    "charge", "charges", "allegation", "allegations", "accusation", "accusations", "claim", "claims", "complaint",
    "complaints", "involvement", "criticism", "blame", "report", "reports", "warning", "threat", "threats", "ultimatum",
];

/// Nouns for acts of force: the reaction is aimed at whoever used it.
const ACTS_OF_FORCE: &[&str] = &[
    "attack", "attacks", "bombing", "bombings", "ambush", "killing", "killings", "massacre", "shelling", "raid",
    "raids", "seizure", "assault", "strike", "strikes", "abduction", "kidnapping", "arrest", "arrests", "detention",
    "expulsion", "expulsions", "coup", "incursion", "invasion", "blast", "violence", "crackdown", "executions",
];

/// Nouns for proposals, demands and decisions: aimed at whoever made them.
const PROPOSALS: &[&str] = &[
    "proposal", "proposals", "offer", "offers", "plan", "initiative", "deal", "demand", "demands", "call", "calls",
    "request", "measures", "measure", "move", "decision", "sanctions", "step", "steps", "ruling", "verdict", "appeal",
    "invitation", "mediation", "announcement", "ban", "plea", "resolution",
];

/// What a reaction's object noun can refer back to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Antecedent {
    /// An act aimed at the reacting actor.
    Charge,
    /// An act of force (CAMEO roots 17 to 20).
    Force,
    /// Any act of another actor.
    Act,
}

impl Antecedent {
    /// What `noun`, a verb's object, can refer back to, if it is a thing said or done.
    pub fn of(noun: &str) -> Option<Antecedent> {
        if CHARGES.contains(&noun) {
            Some(Antecedent::Charge)
        } else if ACTS_OF_FORCE.contains(&noun) {
            Some(Antecedent::Force)
        } else if PROPOSALS.contains(&noun) {
            Some(Antecedent::Act)
        } else {
            None
        }
    }
}

