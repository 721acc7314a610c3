//! The `pmk3i` binary: parses arguments and runs the TUI or a headless command.
#![deny(clippy::unwrap_used)]

use std::io::Write;

use pmk3i::cli::run_command;
use pmk3i::safe_text::{TerminalWriter, for_terminal};

fn main() {
    let cli = pmk3i::cli::parse();
    let result = match &cli.command {
        Some(command) => {
            // Everything a headless command prints may quote a file or the database:
            // it reaches the terminal only through the escaping writer.
            let mut out = TerminalWriter::new(std::io::stdout().lock());
            let result = run_command(&cli, command, &mut out);
            let flushed = out.flush();
            result.and_then(|()| flushed.map_err(Into::into))
        }
        None if pmk3i::plain::wanted(&cli) => pmk3i::plain::run(&cli),
        None => pmk3i::tui::run(&cli),
    };
    if let Err(failure) = result {
        if failure.code == pmk3i::cli::EXIT_BROKEN_PIPE {
            // The reader went away (`| head`): nothing to say, and nowhere to say it.
            std::process::exit(failure.code);
        }
        eprintln!("pmk3i: {}", for_terminal(failure.message.get(cli.lang())));
        std::process::exit(failure.code);
    }
}
