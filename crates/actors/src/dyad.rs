//! A report's main dyad: the two sides its events set against each other.
//!
//! Two stages ask for it: the resolver, for "both sides" (over the document
//! entities the events so far linked), and the coder, for a mediator's offer
//! with no target (over the coded events themselves). They rank pairs the
//! same way, here.

use crate::Role;

/// Whether an actor can be a side of a report: not a bare agent ("police",
/// "people", `---COP`), nor civilians, whom the sides' acts befall.
pub fn can_be_a_side(code: &str, role: Option<Role>) -> bool {
    !code.starts_with("---") && role != Some(Role::CVL)
}

/// The main dyad of `acts` (source, target, whether the act was a conflict
/// one): the pair of sides most often in conflict, else most often acting on
/// each other, in either direction; the pair first noted on a tie, in the
/// order it was first noted. `same` tells when two keys are one side: an act
/// of a side on itself counts for no pair.
pub fn main_dyad<K>(acts: impl IntoIterator<Item = (K, K, bool)>, same: impl Fn(&K, &K) -> bool) -> Option<(K, K)> {
    // Each pair with its counts: [in conflict, in all].
    let mut pairs: Vec<((K, K), [usize; 2])> = Vec::new();
    for (s, t, conflict) in acts {
        if same(&s, &t) {
            continue;
        }
        let known = pairs.iter_mut().find(|((x, y), _)| (same(x, &s) && same(y, &t)) || (same(x, &t) && same(y, &s)));
        match known {
            Some((_, n)) => {
                n[0] += usize::from(conflict);
                n[1] += 1;
            }
            None => pairs.push(((s, t), [usize::from(conflict), 1])),
        }
    }
    let mut best: Option<usize> = None;
    for (i, (_, n)) in pairs.iter().enumerate() {
        if best.is_none_or(|b| *n > pairs[b].1) {
            best = Some(i);
        }
    }
    best.map(|i| pairs.swap_remove(i).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_outranks_other_acts_and_the_first_pair_wins_a_tie() {
        let acts = [(1, 2, false), (1, 2, false), (3, 4, true), (2, 1, false)];
        assert_eq!(main_dyad(acts, |a, b| a == b), Some((3, 4)));
        let acts = [(5, 6, false), (2, 1, false), (6, 5, false), (1, 2, false)];
        assert_eq!(main_dyad(acts, |a, b| a == b), Some((5, 6)));
    }

    #[test]
    fn a_side_acting_on_itself_is_no_dyad() {
        assert_eq!(main_dyad([(1, 1, true)], |a, b| a == b), None);
    }

    #[test]
    fn bare_agents_and_civilians_are_no_side() {
        assert!(can_be_a_side("RUSMIL", Some(Role::MIL)));
        assert!(!can_be_a_side("---COP", Some(Role::COP)));
        assert!(!can_be_a_side("UKRCVL", Some(Role::CVL)));
    }
}
