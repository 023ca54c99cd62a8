//! `adultwork-emulator [--port N] [--host 127.0.0.1] [--static DIR] [--corpus DIR] [--quiet]`
//!
//! Prints exactly one line to stdout, `listening on http://HOST:PORT`, once the port is bound
//! (scripts wait for it and read the port from it), then serves until killed. Request lines
//! and errors go to stderr.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use adultwork_emulator::{Config, Server};

const USAGE: &str = "usage: adultwork-emulator [--port N] [--host 127.0.0.1] [--static DIR] \
                     [--corpus DIR] [--quiet]

  --port N       port to listen on (default 0: a free one)
  --host ADDR    address to bind (default 127.0.0.1)
  --static DIR   also serve files from DIR for paths outside /v1 and /__emulator
  --corpus DIR   canned response bodies: a fault {\"corpus\": \"<file>\"} answers with one,
                 GET /__emulator/corpus lists them
  --quiet        do not print a line per request to stderr

Prints `listening on http://ADDR:PORT` on stdout once ready.";

fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Config>, String> {
    let mut config = Config::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--port" => {
                let text = value("--port")?;
                config.port = text
                    .parse()
                    .map_err(|_| format!("--port: {text:?} is not a port number"))?;
            }
            "--host" => config.host = value("--host")?,
            "--static" => config.static_dir = Some(PathBuf::from(value("--static")?)),
            "--corpus" => config.corpus_dir = Some(PathBuf::from(value("--corpus")?)),
            "--quiet" => config.log_requests = false,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(config))
}

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("adultwork-emulator: {error}\n\n{USAGE}");
            return ExitCode::from(2);
        }
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
