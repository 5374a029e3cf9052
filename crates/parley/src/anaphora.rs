//! Whom a reaction answers: "Moscow rejected *the allegation*" is aimed at
//! whoever made the allegation, a sentence or two earlier. A careful coder
//! reads the target off the document; the sentence alone names none.
//!
//! An event with no target whose object is a thing said or done (its head
//! noun, from the parse, is in one of the classes below) takes as target the
//! source of the latest earlier event of the document that the noun can refer
//! to, made by another actor. A charge or allegation refers back to an act
//! aimed at the reacting actor (its accuser); an attack to an act of force;
//! a proposal, demand or decision to any act of another actor.

use crate::event::{ActorRef, Event};
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
        let (Some(noun), None, Some(source)) = (objects[k].as_deref(), &events[k].target, &events[k].source) else { continue };
        let Some(kind) = Antecedent::of(noun) else { continue };
        let sentence = events[k].sentence_index;
        // The attack a report condemns is mostly its main one, told first; a
        // charge or proposal is mostly the latest one.
        let earlier: Box<dyn Iterator<Item = usize>> = if kind == Antecedent::Force { Box::new(0..k) } else { Box::new((0..k).rev()) };
        let antecedent = earlier.into_iter().find(|&j| {
            let e = &events[j];
            let Some(by) = &e.source else { return false };
            let fits = match kind {
                Antecedent::Charge => e.target.as_ref().is_some_and(|t| same_side(t, source)),
                Antecedent::Force => matches!(e.root.as_str(), "17" | "18" | "19" | "20"),
                Antecedent::Act => true,
            };
            e.sentence_index <= sentence && fits && !same_side(by, source)
        });
        let Some(j) = antecedent else { continue };
        let mut target = events[j].source.clone().expect("an antecedent has a source");
        let line = format!(
            "context: the target is whose {noun} it answers: {} ({}, sentence {})",
            target.code, events[j].verb.text, events[j].sentence_index
        );
        target.refers_to.get_or_insert_with(|| target.text.clone());
        // The actor is named in another sentence: no words of this one name it.
        target.text = String::new();
        target.span = [0, 0];
        events[k].target = Some(target);
        events[k].lexicon.push(line);
    }
}
