//! Whom a reaction answers: "Moscow rejected *the allegation*" is aimed at
//! whoever made the allegation, a sentence or two earlier. A careful coder
//! reads the target off the document; the sentence alone names none.
//!
//! An event with no target whose object is a thing said or done (its head
//! noun, from the parse, is in one of the classes below) takes as target the
//! source of the latest earlier event of the document that the noun can refer
//! to, made by another actor. A charge or allegation refers back to an act
//! aimed at the reacting actor (its accuser); an attack to an act of force
//! or to a claim of responsibility for one;
//! an offer or mediation to an offer (root 03) or mediation; a release asked
//! for to an arrest, seizure or abduction (told first, as an attack is);
//! a demand or decision to any act of another actor; a denial whose object
//! is no such noun ("denied losing the town") to any act of another actor.
//!
//! An offer to mediate or host talks with no target ("Malaysia offered to
//! host talks") is aimed at the two sides of the dispute the report has told
//! so far: one event toward each. A release told with no releaser is by
//! whoever the report says took the captive.

use crate::event::{ActorRef, Event};
use parley_actors::can_be_a_side;
use parley_events::Antecedent;

/// The side an actor stands for: its document entity, else its country, else its code.
fn side(a: &ActorRef) -> (Option<usize>, String) {
    (a.entity, a.country.clone().unwrap_or_else(|| a.code.clone()))
}

fn same_side(a: &ActorRef, b: &ActorRef) -> bool {
    let (ea, ca) = side(a);
    let (eb, cb) = side(b);
    matches!((ea, eb), (Some(x), Some(y)) if x == y) || ca == cb
}

/// Gives reactions with no target the actor whose act they answer (see the
/// module documentation). `objects[k]` is the object noun of `events[k]`;
/// events are in document order.
pub fn target_reactions(events: &mut [Event], objects: &[Option<String>]) {
    for k in 0..events.len() {
        let (None, Some(source)) = (&events[k].target, &events[k].source) else { continue };
        // A denial with no object that names what it answers ("The army denied
        // losing the town") answers the latest act of another actor.
        let denial = (events[k].cameo == DENIAL).then_some(("denial", Antecedent::Act));
        let Some((noun, kind)) = objects[k].as_deref().and_then(|noun| Some((noun, Antecedent::of(noun)?))).or(denial) else { continue };
        // The attack a report condemns and the captives whose release it asks
        // for are mostly its main ones, told first; a charge or proposal is
        // mostly the latest one.
        let main_first = matches!(kind, Antecedent::Force | Antecedent::Captivity);
        let earlier: Box<dyn Iterator<Item = usize>> = if main_first { Box::new(0..k) } else { Box::new((0..k).rev()) };
        let antecedent = earlier.into_iter().find(|&j| {
            let e = &events[j];
            let Some(by) = &e.source else { return false };
            let fits = match kind {
                Antecedent::Charge => e.target.as_ref().is_some_and(|t| same_side(t, source)),
                // Whoever claimed it (015) made the attack, though the attack itself
                // had no actor to code ("A bomb tore through the market ... The Army of
                // the Pure Dawn claimed responsibility").
                Antecedent::Force => e.root == "17" || is_violence(&e.root) || e.cameo == CLAIM,
                Antecedent::Offer => e.root == "03" || MEDIATION.contains(&e.cameo.as_str()),
                Antecedent::Act => true,
                Antecedent::Captivity => is_captivity(&e.cameo),
            };
            // Events are in document order: every j < k was told before.
            fits && !same_side(by, source)
        });
        let Some(j) = antecedent else { continue };
        let target = events[j].source.clone().expect("an antecedent has a source");
        let line = format!(
            "context: the target is whose {noun} it answers: {} ({}, sentence {})",
            target.code, events[j].verb.text, events[j].sentence_index
        );
        events[k].target = Some(elsewhere(target));
        events[k].lexicon.push(line);
    }
}

/// Whether a CAMEO root is a conflict one (10 to 20), as the main dyad counts.
fn is_conflict(root: &str) -> bool {
    root >= "10"
}

/// CAMEO's denial of responsibility.
const DENIAL: &str = "016";

/// CAMEO's claim of responsibility.
const CLAIM: &str = "015";

/// Whether a CAMEO code takes someone captive: arrest (173), seizure (1711),
/// abduction or hostage taking (181).
fn is_captivity(cameo: &str) -> bool {
    ["173", "1711", "181"].iter().any(|c| cameo.starts_with(c))
}

/// CAMEO's releases and returns (084; persons 0841): "he was released" is
/// read as 084 when the released is a pronoun.
const RELEASE: &str = "084";

/// Gives a release told with no releaser ("Kenyan reporter freed in Somalia",
/// "he was later released") whoever the report says took the same captive
/// ("seized by militants"), before or after: captives are freed by their
/// captors, as an arrest with no agent is made by the authorities.
pub fn source_released_captives(events: &mut [Event]) {
    for k in 0..events.len() {
        let (None, Some(freed)) = (&events[k].source, &events[k].target) else { continue };
        if !events[k].cameo.starts_with(RELEASE) {
            continue;
        }
        let taken = events.iter().find(|e| is_captivity(&e.cameo) && e.source.is_some() && e.target.as_ref().is_some_and(|t| same_side(t, freed)));
        let Some(taken) = taken else { continue };
        let captor = taken.source.clone().expect("a captivity with a source");
        let line = format!("context: a release is by whoever took the captive: {} ({}, sentence {})", captor.code, taken.verb.text, taken.sentence_index);
        events[k].lexicon.push(line);
        events[k].source = Some(elsewhere(captor));
    }
}

/// Whether a CAMEO root is violence: unconventional (18), fighting (19),
/// mass violence (20).
pub(crate) fn is_violence(root: &str) -> bool {
    matches!(root, "18" | "19" | "20")
}

/// Gives violence told with no attacker ("Market bombing kills 23", "a bomb
/// tore through the market") the actor that claims responsibility for it in
/// the same report ("The Army of the Pure Dawn claimed responsibility"), as a
/// coder reads the claim. Only when every claim of the report is one side's,
/// and not for violence aimed at the claimer itself.
pub fn source_claimed_violence(events: &mut [Event]) {
    let mut claims = events.iter().filter(|e| e.cameo == CLAIM && e.source.is_some());
    let Some(claim) = claims.next() else { return };
    let claimer = claim.source.clone().expect("a claim with a source");
    if claims.any(|c| c.source.as_ref().is_some_and(|c| !same_side(c, &claimer))) {
        return;
    }
    let line = format!("context: the attacker is whoever claimed it: {} ({}, sentence {})", claimer.code, claim.verb.text, claim.sentence_index);
    give_violence_a_source(events, &claimer, &line, |t| same_side(t, &claimer));
}

/// Makes `attacker` the source of every violence with none, except violence
/// aimed at it (`aimed_at` says which targets are it), with `line` for
/// `--explain`.
fn give_violence_a_source(events: &mut [Event], attacker: &ActorRef, line: &str, aimed_at: impl Fn(&ActorRef) -> bool) {
    for e in events.iter_mut() {
        if e.source.is_none() && is_violence(&e.root) && !e.target.as_ref().is_some_and(&aimed_at) {
            e.lexicon.push(line.to_string());
            e.source = Some(elsewhere(attacker.clone()));
        }
    }
}

/// Gives violence told with no attacker ("Two UN peacekeepers killed in
/// ambush") the one armed group the report holds responsible, when no one
/// claims it ([`source_claimed_violence`] reads claims): the report tells the
/// group fighting ("a militia that has repeatedly targeted foreign troops"),
/// or accuses or condemns it (CAMEO 111, 112), and blames no other armed
/// group. A coder gives an attack the report does not pin on anyone else to
/// the armed group it names as behind the violence. Not for violence aimed at
/// the group itself, and never when two armed sides are named: a report of
/// rebels and militias fighting each other blames neither for an attack of
/// no one named.
pub fn source_blamed_violence(events: &mut [Event]) {
    let armed = |a: &ActorRef| a.role.is_some_and(|r| r.is_armed_group());
    let blamed: Vec<&Event> = events
        .iter()
        .filter(|e| match (&e.source, &e.target) {
            (Some(s), t) if is_violence(&e.root) && armed(s) => !t.as_ref().is_some_and(|t| same_side(t, s)),
            (_, Some(t)) if e.root == DISAPPROVAL && armed(t) => true,
            _ => false,
        })
        .collect();
    let group_of = |e: &Event| if is_violence(&e.root) { e.source.clone() } else { e.target.clone() };
    let Some(first) = blamed.first() else { return };
    let group = group_of(first).expect("a blamed group");
    if blamed.iter().any(|e| group_of(e).is_some_and(|g| !same_side(&g, &group))) {
        return;
    }
    let line = format!("context: the attacker is the armed group the report holds responsible: {} ({}, sentence {})", group.code, first.verb.text, first.sentence_index);
    // Aimed at the group itself, not at its country: insurgents bomb their own
    // country's markets ("A suicide car bombing killed four in Baghdad").
    give_violence_a_source(events, &group, &line, |t| t.code == group.code || (t.entity.is_some() && t.entity == group.entity));
}

/// CAMEO's root of disapproval (11): criticising, condemning, accusing.
const DISAPPROVAL: &str = "11";

/// CAMEO codes of offers to mediate or host talks, of hosting (043: "hosted
/// the final round of talks") and of mediation: with no target in their
/// sentence they are aimed at the two sides of the dispute.
const MEDIATION: &[&str] = &["036", "039", "043", "045"];

/// Gives an offer to mediate or host talks with no target of its own
/// ("Malaysia offered to host talks") the two sides of the report's main
/// dyad so far, one event each: the pair most often in conflict in the
/// events before it, else the pair most often acting on each other, neither
/// of them the mediator. Bare agents and civilians are no side.
pub fn target_mediation(events: &mut Vec<Event>) {
    let mut k = 0;
    while k < events.len() {
        let e = &events[k];
        let (None, Some(mediator)) = (&e.target, &e.source) else {
            k += 1;
            continue;
        };
        if !MEDIATION.contains(&e.cameo.as_str()) {
            k += 1;
            continue;
        }
        let Some((a, b)) = main_dyad(&events[..k], Some(mediator)) else {
            k += 1;
            continue;
        };
        let line = |side: &ActorRef| format!("context: a mediator's offer is aimed at the two sides of the dispute ({})", side.code);
        let mut first = events[k].clone();
        let mut second = events[k].clone();
        first.lexicon.push(line(&a));
        second.lexicon.push(line(&b));
        first.target = Some(elsewhere(a));
        second.target = Some(elsewhere(b));
        events[k] = first;
        events.insert(k + 1, second);
        k += 2;
    }
}

/// CAMEO roots of acts that are always against or with someone: demanding
/// (10), disapproving (11), rejecting (12), threatening (13), posturing (15),
/// coercing (17), fighting (19); consulting (04: "willing to discuss") and
/// yielding (08: "troops pull back") too. Reducing relations (16) and assault
/// (18) are not here: aimed this way they were wrong more often than right.
const AIMED_ROOTS: &[&str] = &["10", "11", "12", "13", "15", "17", "19", "04", "08"];

/// CAMEO codes outside those roots that are aimed at the other side too: an
/// intent to meet or negotiate (036: one side's readiness to talk, "said it
/// remained willing to discuss", is readiness to talk with the other) and
/// halting negotiations (164: "walked out of the talks" walks out on the other
/// side; other cuts of relations stay unaimed, see above).
const AIMED_CODES: &[&str] = &["036", "164"];

/// CAMEO's root of coercion (17): arrests, seizures, expulsions.
const COERCION: &str = "17";

/// Gives an act against someone with no target, once the document gave it
/// none ("Brenzia threatened to halt gas deliveries"), the other side of the
/// report's main dyad in conflict when its source is one of the two sides: whom else a
/// side of a two-sided quarrel threatens or rejects a careful reader takes
/// from the report. A third party's act stays aimed at no one. Likewise
/// coercion with no one named doing it ("thirty of its supporters were
/// arrested") on one side is the other side's.
pub fn target_other_side(events: &mut [Event], sides: Option<(ActorRef, ActorRef)>) {
    let Some((a, b)) = sides else { return };
    let other = |x: &ActorRef| {
        if same_side(x, &a) {
            Some(b.clone())
        } else if same_side(x, &b) {
            Some(a.clone())
        } else {
            None
        }
    };
    for e in events.iter_mut() {
        if !AIMED_ROOTS.contains(&e.root.as_str()) && !AIMED_CODES.contains(&e.cameo.as_str()) {
            continue;
        }
        match (&e.source, &e.target) {
            (Some(source), None) => {
                let Some(other) = other(source) else { continue };
                e.lexicon.push(format!("context: an act against no one named is aimed at the other side of the report ({})", other.code));
                e.target = Some(elsewhere(other));
            }
            (None, Some(target)) if e.root == COERCION => {
                let Some(other) = other(target) else { continue };
                e.lexicon.push(format!("context: an act by no one named on one side is the other side's ({})", other.code));
                e.source = Some(elsewhere(other));
            }
            _ => {}
        }
    }
}

/// The two sides of a report's quarrel, for [`target_other_side`]: its main
/// dyad in conflict as its sentences tell it, before any target is read off
/// the document. Who acts on the two together ("urged both sides"), only
/// talks with them, or condemns what one did to the other is none of them.
pub fn sides(events: &[Event]) -> Option<(ActorRef, ActorRef)> {
    main_dyad(events.iter().filter(|e| is_conflict(&e.root)), None)
}

/// An actor named in another sentence: no words of this one name it.
fn elsewhere(mut actor: ActorRef) -> ActorRef {
    actor.refers_to.get_or_insert_with(|| actor.text.clone());
    actor.text = String::new();
    actor.span = [0, 0];
    actor
}

/// The [`parley_actors::main_dyad`] of `events` (conflict: CAMEO roots 10
/// to 20) among actors that can be sides, `besides` (a mediator) not one.
fn main_dyad<'e>(events: impl IntoIterator<Item = &'e Event>, besides: Option<&ActorRef>) -> Option<(ActorRef, ActorRef)> {
    let side_of = |a: &ActorRef| can_be_a_side(&a.code, a.role) && !besides.is_some_and(|b| same_side(a, b));
    let acts = events.into_iter().filter_map(|e| {
        let (Some(s), Some(t)) = (&e.source, &e.target) else { return None };
        (side_of(s) && side_of(t)).then(|| (s.clone(), t.clone(), is_conflict(&e.root)))
    });
    parley_actors::main_dyad(acts, same_side)
}
