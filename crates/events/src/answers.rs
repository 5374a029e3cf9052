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

/// Nouns for offers: aimed at whoever offered, not at the last actor to act
/// ("Tazeria welcomed *the proposal*": Qatar's offer to host talks).
const OFFERS: &[&str] = &["proposal", "proposals", "offer", "offers", "invitation", "mediation"];

/// Nouns for demands and decisions: aimed at whoever made them.
const PROPOSALS: &[&str] = &[
    "plan", "initiative", "deal", "demand", "demands", "call", "calls", "request", "measures", "measure", "move",
    "decision", "sanctions", "step", "steps", "ruling", "verdict", "appeal", "announcement", "ban", "plea",
    "resolution",
];

/// Nouns for freeing captives: a call for it is aimed at whoever holds them
/// ("demanded Monka's immediate *release*": those who detained him).
const RELEASE: &[&str] = &["release", "freedom"];

/// What a reaction's object noun can refer back to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Antecedent {
    /// An act aimed at the reacting actor.
    Charge,
    /// An act of force (CAMEO roots 17 to 20).
    Force,
    /// An offer, mediation or intent (CAMEO root 03, mediation 045).
    Offer,
    /// Any act of another actor.
    Act,
    /// Taking captives: an arrest, a seizure or an abduction.
    Captivity,
}

impl Antecedent {
    /// What `noun`, a verb's object, can refer back to, if it is a thing said or done.
    pub fn of(noun: &str) -> Option<Antecedent> {
        if CHARGES.contains(&noun) {
            Some(Antecedent::Charge)
        } else if ACTS_OF_FORCE.contains(&noun) {
            Some(Antecedent::Force)
        } else if OFFERS.contains(&noun) {
            Some(Antecedent::Offer)
        } else if PROPOSALS.contains(&noun) {
            Some(Antecedent::Act)
        } else if RELEASE.contains(&noun) {
            Some(Antecedent::Captivity)
        } else {
            None
        }
    }
}

