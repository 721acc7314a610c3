//! pmk3i — *Penilaian Mandiri Kabupaten/Kota Kreatif Indonesia*: the creative-district
//! self-assessment as a keyboard-driven terminal app and headless commands.
//!
//! Pure core: [`framework`] (model and validation), [`scoring`], [`summary`],
//! [`report`]. IO at the edges: [`store`] (SQLite), [`exchange`] (export/import),
//! [`cli`], and the TUI in [`app`] (state and update), [`ui`] (drawing) and [`tui`]
//! (terminal, events, signals).
#![deny(clippy::unwrap_used)]

pub mod actor;
pub mod app;
pub mod assessment;
pub mod cli;
pub mod compare;
pub mod exchange;
pub mod framework;
pub mod i18n;
pub mod import_cli;
pub mod input_file;
pub mod map;
pub mod map_cli;
pub mod merge;
pub mod overview;
pub mod period_cli;
pub mod plain;
pub mod private_file;
pub mod quick;
pub mod region_cli;
pub mod regions;
pub mod report;
pub mod safe_text;
pub mod scoring;
pub mod store;
pub mod summary;
pub mod tui;
pub mod ui;
pub mod workshop;
