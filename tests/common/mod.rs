//! Fixtures shared by the integration tests, so each test file states only what is
//! particular to it: the bundled and the small test frameworks ([`fw`]), databases
//! and new assessments ([`db`]), the terminal app driven by keys ([`tui`]), the
//! built binary ([`cli`]) and the binary in a pseudo-terminal (`pty`).
//!
//! Every test file that uses them says `mod common;`; a file uses only some of them,
//! so what it leaves unused is not a warning.
#![allow(dead_code)]

pub mod cli;
pub mod db;
pub mod fw;
#[cfg(unix)]
pub mod pty;
pub mod tui;
