//! The label sets of Universal Dependencies as types: parts of speech
//! ([`Upos`]) and dependency relations ([`Deprel`]).

macro_rules! label_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value, in the order of their numbers.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// How many values there are.
            pub const COUNT: usize = Self::ALL.len();

            /// The name used in CoNLL-U files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// The value named `text` as in CoNLL-U files, if there is one.
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }

            /// The value's number, `0..COUNT`.
            pub fn index(self) -> usize {
                self as usize
            }

            /// The value numbered `index`.
            ///
            /// # Panics
            /// When `index >= COUNT`.
            pub fn from_index(index: usize) -> Self {
                Self::ALL[index]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

label_enum! {
    /// A universal part-of-speech tag.
    Upos {
        /// Adjective.
        Adj = "ADJ",
        /// Adposition (preposition).
        Adp = "ADP",
        /// Adverb.
        Adv = "ADV",
        /// Auxiliary verb.
        Aux = "AUX",
        /// Coordinating conjunction.
        Cconj = "CCONJ",
        /// Determiner.
        Det = "DET",
        /// Interjection.
        Intj = "INTJ",
        /// Common noun.
        Noun = "NOUN",
        /// Numeral.
        Num = "NUM",
        /// Particle.
        Part = "PART",
        /// Pronoun.
        Pron = "PRON",
        /// Proper noun.
        Propn = "PROPN",
        /// Punctuation.
        Punct = "PUNCT",
        /// Subordinating conjunction.
        Sconj = "SCONJ",
        /// Symbol.
        Sym = "SYM",
        /// Verb.
        Verb = "VERB",
        /// Other.
        X = "X",
    }
}

label_enum! {
    /// A dependency relation, with the subtypes English UD uses.
    Deprel {
        /// The root of the sentence.
        Root = "root",
        /// Nominal subject.
        Nsubj = "nsubj",
        /// Nominal subject of a passive.
        NsubjPass = "nsubj:pass",
        /// Outer subject of a copular clause.
        NsubjOuter = "nsubj:outer",
        /// Clausal subject.
        Csubj = "csubj",
        /// Clausal subject of a passive.
        CsubjPass = "csubj:pass",
        /// Outer clausal subject.
        CsubjOuter = "csubj:outer",
        /// Direct object.
        Obj = "obj",
        /// Indirect object.
        Iobj = "iobj",
        /// Oblique nominal (a prepositional phrase on a verb).
        Obl = "obl",
        /// The `by` phrase of a passive.
        OblAgent = "obl:agent",
        /// Oblique without a case marker ("left last week").
        OblUnmarked = "obl:unmarked",
        /// Clausal complement with its own subject ("said that ...").
        Ccomp = "ccomp",
        /// Open clausal complement ("wants to leave").
        Xcomp = "xcomp",
        /// Adverbial clause.
        Advcl = "advcl",
        /// Adverbial relative clause.
        AdvclRelcl = "advcl:relcl",
        /// Clause modifying a noun.
        Acl = "acl",
        /// Relative clause.
        AclRelcl = "acl:relcl",
        /// Adverb modifier.
        Advmod = "advmod",
        /// Adjective modifier.
        Amod = "amod",
        /// Nominal modifier.
        Nmod = "nmod",
        /// Possessive nominal modifier.
        NmodPoss = "nmod:poss",
        /// Nominal modifier without a case marker.
        NmodUnmarked = "nmod:unmarked",
        /// Descriptive nominal modifier.
        NmodDesc = "nmod:desc",
        /// Numeric modifier.
        Nummod = "nummod",
        /// Apposition.
        Appos = "appos",
        /// Determiner.
        Det = "det",
        /// Predeterminer ("all the").
        DetPredet = "det:predet",
        /// Case marker (preposition, possessive 's).
        Case = "case",
        /// Subordinating marker.
        Mark = "mark",
        /// Auxiliary.
        Aux = "aux",
        /// Passive auxiliary.
        AuxPass = "aux:pass",
        /// Copula.
        Cop = "cop",
        /// Conjunct.
        Conj = "conj",
        /// Coordinating conjunction.
        Cc = "cc",
        /// Preconjunct ("either", "both").
        CcPreconj = "cc:preconj",
        /// Compound.
        Compound = "compound",
        /// Phrasal verb particle.
        CompoundPrt = "compound:prt",
        /// Flat multiword expression (names).
        Flat = "flat",
        /// Fixed multiword expression.
        Fixed = "fixed",
        /// Parataxis.
        Parataxis = "parataxis",
        /// List.
        List = "list",
        /// Expletive.
        Expl = "expl",
        /// Discourse element.
        Discourse = "discourse",
        /// Vocative.
        Vocative = "vocative",
        /// Dislocated element.
        Dislocated = "dislocated",
        /// Orphan in an ellipsis.
        Orphan = "orphan",
        /// Overridden disfluency.
        Reparandum = "reparandum",
        /// Part of a word split by a typo.
        Goeswith = "goeswith",
        /// Punctuation.
        Punct = "punct",
        /// Unspecified dependency.
        Dep = "dep",
    }
}

impl Deprel {
    /// The relation named `text`; a subtype English UD does not use falls
    /// back to its universal relation ("obl:tmod" reads as `obl`), and an
    /// unknown relation to `dep`.
    pub fn parse_lenient(text: &str) -> Self {
        Self::parse(text)
            .or_else(|| text.split_once(':').and_then(|(base, _)| Self::parse(base)))
            .unwrap_or(Deprel::Dep)
    }

    /// The universal relation without its subtype (`nsubj:pass` is `nsubj`):
    /// what the CoNLL 2018 LAS compares.
    pub fn universal(self) -> Self {
        Self::parse(self.as_str().split(':').next().unwrap_or("dep")).unwrap_or(Deprel::Dep)
    }

    /// Whether the relation attaches a clause (a clausal dependent heads its own
    /// clause: relative, adverbial, complement, adnominal, subject, parataxis).
    pub fn is_clausal(self) -> bool {
        matches!(
            self,
            Deprel::Csubj
                | Deprel::CsubjPass
                | Deprel::CsubjOuter
                | Deprel::Ccomp
                | Deprel::Xcomp
                | Deprel::Advcl
                | Deprel::AdvclRelcl
                | Deprel::Acl
                | Deprel::AclRelcl
                | Deprel::Parataxis
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &tag in Upos::ALL {
            assert_eq!(Upos::parse(tag.as_str()), Some(tag));
            assert_eq!(Upos::from_index(tag.index()), tag);
        }
        for &rel in Deprel::ALL {
            assert_eq!(Deprel::parse(rel.as_str()), Some(rel));
            assert_eq!(Deprel::from_index(rel.index()), rel);
        }
        const { assert!(Deprel::COUNT < 64, "label sets are kept in a u64 bit mask") };
    }

    #[test]
    fn unknown_subtypes_fall_back_to_their_universal_relation() {
        assert_eq!(Deprel::parse_lenient("obl:tmod"), Deprel::Obl);
        assert_eq!(Deprel::parse_lenient("nmod:poss"), Deprel::NmodPoss);
        assert_eq!(Deprel::parse_lenient("whatever"), Deprel::Dep);
        assert_eq!(Deprel::NsubjPass.universal(), Deprel::Nsubj);
        assert_eq!(Deprel::AclRelcl.universal(), Deprel::Acl);
    }
}
