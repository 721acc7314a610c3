//! The official regions: Indonesia's 38 provinces and 514 kabupaten/kota with their
//! Kemendagri codes, bundled from the npm package `idn-area-data` 4.0.1 (ODbL 1.0; see
//! `data/regions/README.md`). A region's identity in the store is its code, so
//! "Kota Kediri" and "kota kediri " are one region and Kabupaten Kediri is another.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::assessment::RegionKind;

const PROVINCES_CSV: &str = include_str!("../data/regions/provinces.csv");
const REGENCIES_CSV: &str = include_str!("../data/regions/regencies.csv");

/// How many kabupaten/kota the bundled list has (the national map's coverage base).
pub const REGION_COUNT: usize = 514;

/// One province.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Province {
    /// Two digits: "35".
    pub code: String,
    /// The name pmk3i shows ("DKI Jakarta", "Jawa Timur").
    pub name: String,
    /// The name as the Kemendagri list gives it ("Daerah Khusus Ibukota Jakarta").
    pub official_name: String,
}

/// One kabupaten or kota.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Official {
    /// "35.71".
    pub code: String,
    pub kind: RegionKind,
    /// The bare name, as the store keeps it: "Kediri".
    pub name: String,
    pub province_code: String,
    /// The province as pmk3i shows it.
    pub province: String,
}

impl Official {
    /// "Kota Kediri".
    pub fn display_name(&self) -> String {
        self.kind.display_name(&self.name)
    }

    /// "Kota Kediri · Jawa Timur · 35.71": how a choice list shows it.
    pub fn label(&self) -> String {
        format!("{} · {} · {}", self.display_name(), self.province, self.code)
    }
}

struct Table {
    provinces: Vec<Province>,
    regions: Vec<Official>,
    by_code: HashMap<String, usize>,
}

/// The short names the form has always used for the two provinces whose official
/// names are long; both forms are recognised.
fn shown_province(official: &str) -> String {
    match official {
        "Daerah Khusus Ibukota Jakarta" => "DKI Jakarta".to_string(),
        "Daerah Istimewa Yogyakarta" => "DI Yogyakarta".to_string(),
        other => other.to_string(),
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut provinces = Vec::new();
        let mut reader = csv::Reader::from_reader(PROVINCES_CSV.as_bytes());
        for record in reader.records().flatten() {
            if let (Some(code), Some(name)) = (record.get(0), record.get(1)) {
                provinces.push(Province {
                    code: code.to_string(),
                    name: shown_province(name),
                    official_name: name.to_string(),
                });
            }
        }
        let province_of: HashMap<&str, &str> = provinces.iter().map(|p| (p.code.as_str(), p.name.as_str())).collect();
        let mut regions = Vec::new();
        let mut reader = csv::Reader::from_reader(REGENCIES_CSV.as_bytes());
        for record in reader.records().flatten() {
            let (Some(code), Some(province_code), Some(full)) = (record.get(0), record.get(1), record.get(2)) else {
                continue;
            };
            let (name, Some(kind)) = RegionKind::split_typed(full) else {
                continue;
            };
            regions.push(Official {
                code: code.to_string(),
                kind,
                name,
                province_code: province_code.to_string(),
                province: province_of.get(province_code).copied().unwrap_or("").to_string(),
            });
        }
        let by_code = regions.iter().enumerate().map(|(i, r)| (r.code.clone(), i)).collect();
        Table {
            provinces,
            regions,
            by_code,
        }
    })
}

/// The 38 provinces in code order.
pub fn provinces() -> &'static [Province] {
    &table().provinces
}

/// The 514 kabupaten/kota in code order.
pub fn all() -> &'static [Official] {
    &table().regions
}

/// The region with this code ("35.71"; "3571" is read the same way).
pub fn by_code(code: &str) -> Option<&'static Official> {
    let t = table();
    let code = normalize_code(code)?;
    t.by_code.get(&code).and_then(|&i| t.regions.get(i))
}

/// "35.71", "3571" and " 35.71 " all give "35.71"; anything else `None`.
fn normalize_code(code: &str) -> Option<String> {
    let digits: String = code.trim().chars().filter(|c| *c != '.').collect();
    (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("{}.{}", &digits[..2], &digits[2..]))
}

/// Lower case, single spaces, no surrounding space: how names are compared.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The province with this name (either form, any case and spacing) or code.
pub fn province(name_or_code: &str) -> Option<&'static Province> {
    let f = fold(name_or_code);
    provinces()
        .iter()
        .find(|p| p.code == f || fold(&p.name) == f || fold(&p.official_name) == f)
}

/// The official region a typed name, kind and province are, if exactly one fits.
/// The name may carry its kind ("Kota Kediri"), which then wins over `kind`; the
/// province may be empty or unknown only when the name and kind are unique in the
/// country.
pub fn resolve(name: &str, kind: RegionKind, province_name: &str) -> Option<&'static Official> {
    let (bare, typed_kind) = RegionKind::split_typed(name);
    let kind = typed_kind.unwrap_or(kind);
    let bare = fold(&bare);
    let same: Vec<&Official> = all()
        .iter()
        .filter(|r| r.kind == kind && fold(&r.name) == bare)
        .collect();
    match province(province_name) {
        Some(p) => same.into_iter().find(|r| r.province_code == p.code),
        None if same.len() == 1 => same.first().copied(),
        None => None,
    }
}

/// The regions a typed query offers, best first: a code (or its start, "35.7"), else
/// every region whose name contains the query ("Kediri" gives Kabupaten Kediri and Kota
/// Kediri; "kota ked" only the kota). Names that start with the query come first.
pub fn search(query: &str) -> Vec<&'static Official> {
    let q = fold(query);
    if q.is_empty() {
        return all().iter().collect();
    }
    if q.chars().all(|c| c.is_ascii_digit() || c == '.') {
        let digits: String = q.chars().filter(|c| *c != '.').collect();
        return all()
            .iter()
            .filter(|r| r.code.replace('.', "").starts_with(&digits))
            .collect();
    }
    let (bare, kind) = RegionKind::split_typed(&q);
    let bare = fold(&bare);
    let mut found: Vec<(bool, &Official)> = all()
        .iter()
        .filter(|r| kind.is_none_or(|k| r.kind == k))
        .filter_map(|r| {
            let name = fold(&r.name);
            name.contains(&bare).then(|| (!name.starts_with(&bare), r))
        })
        .collect();
    // Stable: within each group the code order stays.
    found.sort_by_key(|(later, _)| *later);
    found.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_list_is_whole() {
        assert_eq!(provinces().len(), 38);
        assert_eq!(all().len(), REGION_COUNT);
        assert_eq!(all().iter().filter(|r| r.kind == RegionKind::Kabupaten).count(), 416);
        assert_eq!(all().iter().filter(|r| r.kind == RegionKind::Kota).count(), 98);
        assert!(all().iter().all(|r| !r.province.is_empty()));
    }

    #[test]
    fn codes_read_with_or_without_the_dot() {
        assert_eq!(by_code("35.71").map(|r| r.display_name()), Some("Kota Kediri".into()));
        assert_eq!(
            by_code(" 3506 ").map(|r| r.display_name()),
            Some("Kabupaten Kediri".into())
        );
        assert_eq!(by_code("99.99"), None);
        assert_eq!(by_code("kediri"), None);
    }
}
