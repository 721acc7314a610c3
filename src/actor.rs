//! Who answers the borang: the five helix groups (*pentahelix*: akademisi, bisnis,
//! komunitas, pemerintah, media) and the assessor (*asesor*) of uji petik. One
//! definition for the framework file, the store, exports and every screen; written as
//! the framework file's strings (`"A"`, `"B"`, `"C"`, `"G"`, `"M"`, `"asesor"`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::Lang;

/// A helix group, or the assessor role (which never counts toward a region's level).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Actor {
    /// A — *Akademisi*.
    Academia,
    /// B — *Bisnis*.
    Business,
    /// C — *Komunitas*.
    Community,
    /// G — *Pemerintah*.
    Government,
    /// M — *Media*.
    Media,
    /// *Asesor*: verifies at uji petik; not a helix group.
    Assessor,
}

impl Actor {
    /// The helix groups, in the order forms offer them.
    pub const HELIX: [Actor; 5] = [
        Actor::Academia,
        Actor::Business,
        Actor::Community,
        Actor::Government,
        Actor::Media,
    ];

    /// Every actor a respondent or attendee may be: the helix groups and the assessor.
    pub const ALL: [Actor; 6] = [
        Actor::Academia,
        Actor::Business,
        Actor::Community,
        Actor::Government,
        Actor::Media,
        Actor::Assessor,
    ];

    /// The id written in framework files, exports and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Academia => "A",
            Actor::Business => "B",
            Actor::Community => "C",
            Actor::Government => "G",
            Actor::Media => "M",
            Actor::Assessor => "asesor",
        }
    }

    /// The actor written as `s`, exactly (ids are case-sensitive: `g` is not `G`).
    pub fn parse(s: &str) -> Option<Actor> {
        Actor::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The actor a person typed: the id in either case (`g`, `G`, `Asesor`).
    pub fn parse_typed(s: &str) -> Option<Actor> {
        Actor::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The helix group after this one, in [`Actor::HELIX`] order (after Media:
    /// Academia; the assessor, not a helix group, is followed by the first).
    pub fn next(self) -> Actor {
        let i = Actor::HELIX.iter().position(|a| *a == self);
        i.map_or(Actor::HELIX[0], |i| Actor::HELIX[(i + 1) % Actor::HELIX.len()])
    }

    /// The helix group before this one (before Academia: Media; before the assessor:
    /// the last).
    pub fn prev(self) -> Actor {
        let n = Actor::HELIX.len();
        let i = Actor::HELIX.iter().position(|a| *a == self);
        i.map_or(Actor::HELIX[n - 1], |i| Actor::HELIX[(i + n - 1) % n])
    }

    /// A helix group (every actor but the assessor).
    pub fn is_helix(self) -> bool {
        self != Actor::Assessor
    }

    /// The actor's name: "Pemerintah" / "Government", "Asesor" / "Assessor".
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Actor::Academia => lang.pick("Akademisi", "Academia"),
            Actor::Business => lang.pick("Bisnis", "Business"),
            Actor::Community => lang.pick("Komunitas", "Community"),
            Actor::Government => lang.pick("Pemerintah", "Government"),
            Actor::Media => lang.pick("Media", "Media"),
            Actor::Assessor => lang.pick("Asesor", "Assessor"),
        }
    }

    /// "A, B, C, G, M, asesor": the ids, for messages that say what to write instead.
    pub fn ids(list: &[Actor]) -> String {
        list.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// The id (`G`, `asesor`), as files and short labels write it.
impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so that widths and alignment (`{:>6}`) apply as to a `str`.
        f.pad(self.as_str())
    }
}

impl Serialize for Actor {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Actor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Actor, D::Error> {
        let s = String::deserialize(deserializer)?;
        Actor::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown actor group \"{s}\" (use {}; capitals)",
                Actor::ids(&Actor::ALL)
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_prev_go_round_the_helix_groups() {
        use Actor::*;
        let mut a = Academia;
        let mut seen = vec![a];
        for _ in 0..5 {
            a = a.next();
            seen.push(a);
        }
        assert_eq!(seen, vec![Academia, Business, Community, Government, Media, Academia]);
        assert_eq!(Academia.prev(), Media);
        assert_eq!(Government.prev(), Community);
        // The assessor is no helix group: the forms never offer it.
        assert_eq!(Assessor.next(), Academia);
        assert_eq!(Assessor.prev(), Media);
    }

    #[test]
    fn typed_ids_are_read_in_either_case_but_file_ids_exactly() {
        assert_eq!(Actor::parse_typed(" g "), Some(Actor::Government));
        assert_eq!(Actor::parse_typed("ASESOR"), Some(Actor::Assessor));
        assert_eq!(Actor::parse("g"), None);
        assert_eq!(Actor::parse("X"), None);
    }
}
