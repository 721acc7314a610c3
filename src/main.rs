//! The `pmk3i` binary: parses arguments and runs the TUI or a headless command.
#![deny(clippy::unwrap_used)]

use pmk3i::cli::run_command;

fn main() {
    let cli = pmk3i::cli::parse();
    let result = match &cli.command {
        Some(command) => run_command(&cli, command, &mut std::io::stdout().lock()),
        None => pmk3i::tui::run(&cli),
    };
    if let Err(failure) = result {
        eprintln!("pmk3i: {}", failure.message.get(cli.lang()));
        std::process::exit(failure.code);
    }
}
