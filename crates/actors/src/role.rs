//! Roles: what an actor is, the agent (sector) part of a CAMEO code.
//!
//! `MIL` of `RUSMIL`, `GOV` of `---GOV`, `REB` of `X-REVOLUTIONARY-FRONT-REB`:
//! a role is a short code of upper-case letters. CAMEO's own are three letters,
//! but a TABARI/PETRARCH agent dictionary may give an agent several blocks at
//! once (Phoenix's `[~GOVMED]`, `[~CHRCTH]`), and such a code is the agent's
//! role as it stands. The engine asks a few questions of roles (is it the
//! state's? an armed group's? an international body's?); the answers live
//! here, as methods, so that no stage compares role strings of its own.

use std::fmt;
use std::str::FromStr;

/// The most letters a role holds. Phoenix's longest agent codes have six,
/// and the longest tail a Phoenix actor code has after its country twelve.
const CAPACITY: usize = 15;

/// A role code, checked: one to 15 upper-case ASCII letters or digits. It is
/// `Copy` (the letters are held inline) and writes itself as it was read, so
/// that the output shows the same strings as before roles were a type.
///
/// ```
/// use parley_actors::Role;
/// let army: Role = "MIL".parse().unwrap();
/// assert_eq!(army, Role::MIL);
/// assert!(army.is_state_agent());
/// assert_eq!(army.to_string(), "MIL");
/// assert_eq!("GOVMED".parse::<Role>().unwrap().as_str(), "GOVMED");
/// for bad in ["", "gov", "GO V", "X-Y", "ABCDEFGHIJKLMNOP"] {
///     assert!(bad.parse::<Role>().is_err(), "{bad}");
/// }
/// ```
// The bytes past `len` are always zero, so the derived equality and hash
// compare the letters alone; constants of the type can stand in patterns.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Role {
    len: u8,
    bytes: [u8; CAPACITY],
}

/// Why a string is no role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseRoleError(String);

impl fmt::Display for ParseRoleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is no role: roles are 1 to {CAPACITY} upper-case letters or digits", self.0)
    }
}

impl std::error::Error for ParseRoleError {}

/// Whether `b` may stand in a role: CAMEO codes are upper case, and Phoenix's
/// religion codes carry digits.
const fn allowed(b: u8) -> bool {
    b.is_ascii_uppercase() || b.is_ascii_digit()
}

impl Role {
    /// Government: the executive, ministers, officials.
    pub const GOV: Role = Role::known("GOV");
    /// Military.
    pub const MIL: Role = Role::known("MIL");
    /// Police and security forces.
    pub const COP: Role = Role::known("COP");
    /// Judiciary.
    pub const JUD: Role = Role::known("JUD");
    /// Legislature.
    pub const LEG: Role = Role::known("LEG");
    /// Intelligence services.
    pub const SPY: Role = Role::known("SPY");
    /// Elites: former officials, notables, royals.
    pub const ELI: Role = Role::known("ELI");
    /// Rebels.
    pub const REB: Role = Role::known("REB");
    /// Insurgents.
    pub const INS: Role = Role::known("INS");
    /// Unidentified armed forces ("gunmen").
    pub const UAF: Role = Role::known("UAF");
    /// The political opposition.
    pub const OPP: Role = Role::known("OPP");
    /// Criminals.
    pub const CRM: Role = Role::known("CRM");
    /// Civilians, crowds, a country's people.
    pub const CVL: Role = Role::known("CVL");
    /// Refugees and displaced people.
    pub const REF: Role = Role::known("REF");
    /// News media.
    pub const MED: Role = Role::known("MED");
    /// Business.
    pub const BUS: Role = Role::known("BUS");
    /// Education: schools, universities, students.
    pub const EDU: Role = Role::known("EDU");
    /// Labour: workers and unions.
    pub const LAB: Role = Role::known("LAB");
    /// Agriculture: farmers, herders.
    pub const AGR: Role = Role::known("AGR");
    /// Religion: clergy, churches, religious bodies.
    pub const REL: Role = Role::known("REL");
    /// Intergovernmental organisations (international code type).
    pub const IGO: Role = Role::known("IGO");
    /// Non-governmental organisations (international code type).
    pub const NGO: Role = Role::known("NGO");
    /// International militarised groups (international code type).
    pub const IMG: Role = Role::known("IMG");
    /// Multinational corporations (international code type).
    pub const MNC: Role = Role::known("MNC");

    /// A role the code itself names; checked when the constant is evaluated,
    /// so a bad one stops the build.
    const fn known(code: &str) -> Role {
        let code = code.as_bytes();
        assert!(!code.is_empty() && code.len() <= CAPACITY, "a role has 1 to 15 letters");
        let mut bytes = [0; CAPACITY];
        let mut i = 0;
        while i < code.len() {
            assert!(allowed(code[i]), "a role is upper-case letters or digits");
            bytes[i] = code[i];
            i += 1;
        }
        Role { len: code.len() as u8, bytes }
    }

    /// The code as written ("GOV", "GOVMED").
    pub fn as_str(&self) -> &str {
        // Only ASCII letters and digits were let in.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).expect("a role is ASCII")
    }

    /// Whether the role is a business (a company, its investors, a
    /// multinational): an actor whose dealings with others of its kind are
    /// commerce, not politics.
    pub fn is_business(self) -> bool {
        matches!(self, Role::BUS | Role::MNC)
    }

    /// Whether the role is one of the state's own agents (government,
    /// military, police, judiciary, legislature, intelligence): phrases such
    /// as "X's army" or "the government of X" are said only of states.
    pub fn is_state_agent(self) -> bool {
        matches!(self, Role::GOV | Role::MIL | Role::COP | Role::JUD | Role::LEG | Role::SPY)
    }

    /// Whether the role is a non-state armed group's: rebels, insurgents,
    /// unidentified gunmen.
    pub fn is_armed_group(self) -> bool {
        matches!(self, Role::REB | Role::INS | Role::UAF)
    }

    /// Whether the role is an international actor's type, which CAMEO writes
    /// first, in place of a country (`IGOUNO`, `NGOHRIAMN`).
    pub fn is_international(self) -> bool {
        matches!(self, Role::IGO | Role::NGO | Role::IMG | Role::MNC)
    }
}

impl FromStr for Role {
    type Err = ParseRoleError;

    fn from_str(code: &str) -> Result<Role, ParseRoleError> {
        if code.is_empty() || code.len() > CAPACITY || !code.bytes().all(allowed) {
            return Err(ParseRoleError(code.to_string()));
        }
        let mut bytes = [0; CAPACITY];
        bytes[..code.len()].copy_from_slice(code.as_bytes());
        Ok(Role { len: code.len() as u8, bytes })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role is written in JSON as its code, a string ("GOV").
impl serde::Serialize for Role {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl fmt::Debug for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn a_role_is_read_and_written_back_as_it_was() {
        for code in ["GOV", "GOVMED", "CHRPRO214", "A", "ABCDEFGHIJKLMNO"] {
            let role: Role = code.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(role.to_string(), code);
            assert_eq!(format!("{role:?}"), format!("{code:?}"));
        }
    }

    #[test]
    fn the_constants_are_the_roles_read_from_their_codes() {
        assert_eq!("GOV".parse::<Role>(), Ok(Role::GOV));
        assert_ne!("GOVMED".parse::<Role>(), Ok(Role::GOV));
        assert_eq!(Role::IGO.as_str(), "IGO");
    }

    #[test]
    fn the_questions_asked_of_roles() {
        assert!(Role::COP.is_state_agent() && !Role::ELI.is_state_agent() && !Role::REB.is_state_agent());
        assert!(Role::UAF.is_armed_group() && !Role::MIL.is_armed_group() && !Role::OPP.is_armed_group());
        assert!(Role::MNC.is_international() && !Role::GOV.is_international());
    }

    #[test]
    fn a_role_is_a_string_in_json() {
        assert_eq!(serde_json::to_string(&Role::MIL).unwrap(), r#""MIL""#);
        assert_eq!(serde_json::to_string(&"GOVMED".parse::<Role>().unwrap()).unwrap(), r#""GOVMED""#);
    }

    #[test]
    fn what_is_no_role_is_an_error() {
        for bad in ["", "gov", "GOV~", "---", "X-REB", "GOV MIL", "ABCDEFGHIJKLMNOP", "É"] {
            assert!(bad.parse::<Role>().is_err(), "{bad}");
        }
    }
}
