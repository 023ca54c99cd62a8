//! `adultwork-emulator [--port N] [--host 127.0.0.1] [--static DIR] [--corpus DIR] [--quiet]`
//!
//! Prints exactly one line to stdout, `listening on http://HOST:PORT`, once the port is bound
//! (scripts wait for it and read the port from it), then serves until killed. Request lines
//! and errors go to stderr. Bad arguments: a usage message on stderr and exit code 2.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use adultwork_emulator::{Config, Server};
use clap::{CommandFactory, Parser};

/// A local AdultWork API emulator for the SDK's tests, demo and example app.
#[derive(Debug, Parser)]
#[command(
    name = "adultwork-emulator",
    after_help = "Prints `listening on http://ADDR:PORT` on stdout once ready."
)]
struct Args {
    /// Port to listen on (0: a free one)
    #[arg(long, value_name = "N", default_value_t = 0)]
    port: u16,
    /// Address to bind
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    host: String,
    /// Also serve files from DIR for paths outside /v1 and /__emulator
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
    /// Canned response bodies: a fault {"corpus": "<file>"} answers with one, GET
    /// /__emulator/corpus lists them
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Do not print a line per request to stderr
    #[arg(long)]
    quiet: bool,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        // A mistake: clap's message, the usage line, exit code 2.
        Err(error) if error.use_stderr() => {
            eprint!("{error}");
            eprintln!("\n{}", Args::command().render_usage());
            return ExitCode::from(2);
        }
        // --help: to stdout.
        Err(help) => {
            let _ = help.print();
            return ExitCode::SUCCESS;
        }
    };
    let config = Config {
        host: args.host,
        port: args.port,
        static_dir: args.static_dir,
        log_requests: !args.quiet,
        corpus_dir: args.corpus,
    };
    let server = match Server::start(config) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("adultwork-emulator: cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "listening on {}", server.url());
    let _ = stdout.flush();
    drop(stdout);
    server.wait();
    ExitCode::SUCCESS
}
