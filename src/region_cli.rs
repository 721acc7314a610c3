//! `pmk3i region list|find|link`: the official regions and the stored ones.

use std::io::Write;

use clap::Subcommand;

use crate::cli::{Cli, EXIT_INVALID, Failure};
use crate::i18n::{Lang, Message};
use crate::regions;
use crate::store::StoreError;

#[derive(Debug, Subcommand)]
pub enum RegionCommand {
    /// The regions in the database with their Kemendagri code, "tanpa kode" (not linked) first.
    List,
    /// Look up official regions by name or code ("Kediri", "kota kediri", "35.71").
    Find {
        /// A name (or part of one) or a code.
        query: String,
    },
    /// Link a region (its number from `pmk3i region list`) to its Kemendagri code.
    Link {
        /// The region's number, as shown by `pmk3i region list`.
        region: i64,
        /// The Kemendagri code, e.g. 35.71 (see `pmk3i region find NAME`).
        code: String,
    },
}

/// Indonesian descriptions of the region subcommands.
pub const REGION_COMMANDS_ID: &[(&str, &str)] = &[
    (
        "list",
        "Daerah di basis data dengan kode Kemendagri-nya; yang \"tanpa kode\" (belum ditautkan) lebih dulu.",
    ),
    (
        "find",
        "Cari daerah resmi menurut nama atau kode (\"Kediri\", \"kota kediri\", \"35.71\").",
    ),
    (
        "link",
        "Tautkan daerah (nomornya dari `pmk3i region list`) ke kode Kemendagri-nya.",
    ),
];

/// Indonesian help of the region subcommands' arguments.
pub const REGION_ARGS_ID: &[(&str, &str)] = &[
    ("query", "Nama (atau sebagian) atau kode."),
    ("region", "Nomor daerah, seperti ditampilkan `pmk3i region list`."),
    ("code", "Kode Kemendagri, mis. 35.71 (lihat `pmk3i region find NAMA`)."),
];

pub fn run(cli: &Cli, command: &RegionCommand, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    match command {
        RegionCommand::List => {
            let store = cli.open_store_read()?;
            let rows = store.regions()?;
            if rows.is_empty() {
                writeln!(
                    out,
                    "{}",
                    lang.pick("Belum ada daerah di basis data.", "No regions in the database yet.")
                )?;
                return Ok(());
            }
            writeln!(
                out,
                "{}",
                lang.pick(
                    "No\tKode\tDaerah\tProvinsi\tPenilaian",
                    "No\tCode\tRegion\tProvince\tAssessments"
                )
            )?;
            for r in &rows {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.code.as_deref().unwrap_or(lang.pick("tanpa kode", "no code")),
                    r.display_name(),
                    r.province,
                    r.assessments
                )?;
            }
            let unlinked = rows.iter().filter(|r| r.code.is_none()).count();
            if unlinked > 0 {
                writeln!(
                    out,
                    "{}",
                    match lang {
                        Lang::Id => format!(
                            "{unlinked} daerah tanpa kode: cari kodenya dengan `pmk3i region find NAMA`, lalu `pmk3i region link NO KODE`"
                        ),
                        Lang::En => format!(
                            "{unlinked} region(s) without a code: look the code up with `pmk3i region find NAME`, then `pmk3i region link NO CODE`"
                        ),
                    }
                )?;
            }
            Ok(())
        }
        RegionCommand::Find { query } => {
            let found = regions::search(query);
            if found.is_empty() {
                return Err(Failure::new(
                    EXIT_INVALID,
                    Message::new(
                        format!("tidak ada daerah Kemendagri yang cocok dengan \"{query}\""),
                        format!("no Kemendagri region matches \"{query}\""),
                    ),
                ));
            }
            for r in found {
                writeln!(out, "{}\t{}\t{}", r.code, r.display_name(), r.province)?;
            }
            Ok(())
        }
        RegionCommand::Link { region, code } => {
            let mut store = cli.open_store()?;
            let before = store.regions()?;
            let old = before.iter().find(|r| r.id == *region).cloned();
            let kept = store.link_region(*region, code).map_err(|e| match e {
                // An unknown region or code is the user's input: exit 2.
                StoreError::Invalid(_) => {
                    Failure::new(EXIT_INVALID, Message::new(e.message(Lang::Id), e.message(Lang::En)))
                }
                other => Failure::from(other),
            })?;
            let official = regions::by_code(code);
            let name = official.map(|o| o.display_name()).unwrap_or_default();
            let code = official.map(|o| o.code.clone()).unwrap_or_default();
            let old_name = old.map(|o| o.display_name()).unwrap_or_default();
            let line = if kept == *region {
                match lang {
                    Lang::Id => format!("Daerah {region} ({old_name}) ditautkan ke {code} {name}"),
                    Lang::En => format!("Region {region} ({old_name}) linked to {code} {name}"),
                }
            } else {
                match lang {
                    Lang::Id => format!(
                        "Daerah {region} ({old_name}) ditautkan ke {code} {name}; penilaiannya dipindahkan ke daerah {kept}, yang sudah memakai kode itu"
                    ),
                    Lang::En => format!(
                        "Region {region} ({old_name}) linked to {code} {name}; its assessments moved to region {kept}, which already had that code"
                    ),
                }
            };
            writeln!(out, "{line}")?;
            Ok(())
        }
    }
}
