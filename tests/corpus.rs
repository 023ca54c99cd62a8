//! The hostile corpus (tests/corpus/responses, see tests/corpus/README.md) through the same
//! engine and readers the Wasm client runs (its JSON reader included), plus
//! generated extremes: 10 MB bodies, 100 000-deep nesting, every truncation and every
//! single-byte mutation of a valid answer. Nothing may panic (a panic would trap the Wasm
//! instance); every 2xx answer is either a `MadeBooking` of exactly the documented shape or
//! `InvalidResponse` with exactly the issue paths of tests/corpus/expected-issues.json.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "support/invariants.rs"]
mod invariants;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use adultwork_sdk::testing::server_message;
use adultwork_sdk::{Error, Issue};
use invariants::{check_everything, documented_shape, message_is_one_short_line, read};

/// The error kind a corpus file name gives: the variant's name, as `error.kind` shows it.
fn kind(error: &Error) -> String {
    let tagged = serde_json::to_value(error).unwrap();
    tagged["kind"].as_str().unwrap().to_owned()
}

/// The kind of an HTTP status (`Error::http` decides it).
fn kind_of_status(status: u16) -> String {
    kind(&Error::http(status, None, None))
}

const EXTENSIONS: [&str; 5] = ["json", "html", "xml", "txt", "bin"];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// One corpus file, its name taken apart.
struct Case {
    name: String,
    status: u16,
    /// `"ok"` or an `ErrorKind` name.
    expected: String,
    body: Vec<u8>,
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = fs::read_dir(corpus().join("responses"))
        .expect("tests/corpus/responses")
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let mut parts = name.splitn(3, '-');
            let status = parts.next().unwrap().parse::<u16>();
            let expected = parts.next().unwrap_or_default().to_owned();
            let slug = parts.next().unwrap_or_default();
            let (stem, ext) = slug.rsplit_once('.').unwrap_or((slug, ""));
            let status = status.unwrap_or_else(|_| panic!("{name}: no status at the start"));
            assert!((200..=599).contains(&status), "{name}: status {status}");
            assert!(!stem.is_empty(), "{name}: no slug");
            assert!(EXTENSIONS.contains(&ext), "{name}: extension {ext:?}");
            let known_kind =
                (200..600).any(|s| kind_of_status(s) == expected) || expected == "InvalidResponse";
            assert!(expected == "ok" || known_kind, "{name}: kind {expected:?}");
            let body = fs::read(entry.path()).unwrap();
            Case {
                name,
                status,
                expected,
                body,
            }
        })
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    cases
}

/// A JSON object of string keys read with serde_json.
fn manifest<T: serde::de::DeserializeOwned>(file: &str) -> BTreeMap<String, T> {
    let text = fs::read_to_string(corpus().join(file)).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn paths(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| i.path.as_str()).collect()
}

fn is_blank(body: &[u8]) -> bool {
    String::from_utf8_lossy(body)
        .trim_start_matches('\u{FEFF}')
        .trim()
        .is_empty()
}

#[test]
fn the_corpus_is_big_named_by_the_scheme_and_fully_described() {
    let cases = cases();
    assert!(cases.len() >= 60, "only {} cases", cases.len());
    let issues: BTreeMap<String, Vec<String>> = manifest("expected-issues.json");
    let messages: BTreeMap<String, Option<String>> = manifest("expected-server-messages.json");
    for case in &cases {
        let success = (200..300).contains(&case.status);
        if success {
            assert!(
                case.expected == "ok" || case.expected == "InvalidResponse",
                "{}: a 2xx is ok or InvalidResponse",
                case.name
            );
            assert_eq!(
                issues.contains_key(&case.name),
                case.expected == "InvalidResponse",
                "{}: expected-issues.json lists exactly the 2xx InvalidResponse files",
                case.name
            );
        } else {
            assert_eq!(
                kind_of_status(case.status),
                case.expected,
                "{}: the kind in the name is the status's kind",
                case.name
            );
            assert!(
                messages.contains_key(&case.name),
                "{}: missing from expected-server-messages.json",
                case.name
            );
        }
    }
    for name in issues.keys().chain(messages.keys()) {
        assert!(
            cases.iter().any(|c| &c.name == name),
            "{name} is in a manifest but not in responses/"
        );
    }
    let count = |f: &dyn Fn(&Case) -> bool| cases.iter().filter(|c| f(c)).count();
    println!(
        "{} cases: {} ok, {} InvalidResponse, {} non-2xx",
        cases.len(),
        count(&|c| c.expected == "ok"),
        count(&|c| c.expected == "InvalidResponse"),
        count(&|c| !(200..300).contains(&c.status)),
    );
}

#[test]
fn every_2xx_answer_is_a_documented_made_booking_or_lists_its_exact_issues() {
    let issues: BTreeMap<String, Vec<String>> = manifest("expected-issues.json");
    let mut failures = Vec::new();
    let cases = cases();
    for case in cases.iter().filter(|c| (200..300).contains(&c.status)) {
        match (case.expected.as_str(), read(&case.body)) {
            ("ok", Ok(b)) => {
                if let Err(e) = documented_shape(&b) {
                    failures.push(format!("{}: {e}", case.name));
                }
                assert_eq!(b.booking_id.get(), 1, "{}", case.name);
            }
            ("ok", Err(e)) => failures.push(format!("{}: rejected: {e}", case.name)),
            (_, Ok(_)) => failures.push(format!("{}: accepted", case.name)),
            (_, Err(e)) => {
                let expected = &issues[&case.name];
                match &e {
                    Error::InvalidResponse { issues, .. } if paths(issues) == *expected => {}
                    _ => failures.push(format!(
                        "{}: {:?}, expected InvalidResponse {expected:?}\n  {e}",
                        case.name,
                        paths(e.issues())
                    )),
                }
                assert!(e
                    .to_string()
                    .starts_with("The server's answer is not a valid MadeBooking ("));
                assert!(e.issues().iter().all(|i| !i.message.is_empty()));
            }
        }
        check_everything(&case.body);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_error_body_maps_its_status_and_yields_a_one_line_message() {
    let messages: BTreeMap<String, Option<String>> = manifest("expected-server-messages.json");
    let mut failures = Vec::new();
    let cases = cases();
    for case in cases.iter().filter(|c| !(200..300).contains(&c.status)) {
        let said = server_message(&case.body);
        if let Some(m) = &said {
            assert!(message_is_one_short_line(m), "{}: {m:?}", case.name);
        }
        assert_eq!(said.is_none(), is_blank(&case.body), "{}", case.name);
        if said != messages[&case.name] {
            failures.push(format!(
                "{}: {said:?}\n  expected {:?}",
                case.name, messages[&case.name]
            ));
        }
        let e = Error::http(case.status, said.clone(), None);
        assert_eq!(kind(&e), case.expected, "{}", case.name);
        assert_eq!(e.status(), Some(case.status));
        if let Some(m) = &said {
            assert!(e.to_string().ends_with(m.as_str()), "{}", case.name);
        }
        check_everything(&case.body);
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn sample() -> Vec<u8> {
    fs::read(corpus().join("responses/200-ok-documented-sample.json")).unwrap()
}

fn root_issue(body: &[u8]) {
    match read(body) {
        Err(Error::InvalidResponse { issues, .. }) => {
            assert_eq!(paths(&issues), [""], "{issues:?}")
        }
        other => panic!("expected one problem with the whole body, got {other:?}"),
    }
}

#[test]
fn ten_megabyte_bodies_are_refused_quickly_and_read_for_a_message() {
    const TEN_MB: usize = 10 * 1024 * 1024;
    let sample = sample();
    let valid_but_padded = {
        let text = String::from_utf8(sample.clone()).unwrap();
        let padding = "x".repeat(TEN_MB);
        text.replacen('{', &format!("{{\"Padding\":\"{padding}\","), 1)
    };
    let bodies: Vec<Vec<u8>> = vec![
        valid_but_padded.into_bytes(),
        sample.repeat(TEN_MB / sample.len() + 1),
        vec![b'['; TEN_MB],
        vec![b' '; TEN_MB],
        vec![0xff; TEN_MB],
        format!(
            "<html><head><title>Big</title></head><body>{}</body></html>",
            "<p>a</p>".repeat(TEN_MB / 8)
        )
        .into_bytes(),
        format!("{{\"Message\":\"{}\"}}", "é".repeat(TEN_MB / 2)).into_bytes(),
        "word \n".repeat(TEN_MB / 6 + 1).into_bytes(),
    ];
    for body in &bodies {
        assert!(body.len() >= TEN_MB);
        let started = std::time::Instant::now();
        root_issue(body);
        let message = server_message(body);
        if let Some(m) = &message {
            assert!(message_is_one_short_line(m), "{m:?}");
        }
        let elapsed = started.elapsed();
        assert!(elapsed.as_secs() < 10, "{elapsed:?} for one 10 MB body");
    }
    assert_eq!(server_message(&bodies[5]).as_deref(), Some("Big"));
    assert_eq!(server_message(&bodies[3]), None);
}

#[test]
fn deep_nesting_is_read_without_exhausting_the_stack() {
    const DEEP: usize = 100_000;
    let sample = String::from_utf8(sample()).unwrap();
    let arrays = format!("{}{}", "[".repeat(DEEP), "]".repeat(DEEP));
    let objects = format!("{}1{}", "{\"a\":".repeat(DEEP), "}".repeat(DEEP));
    // The reader keeps its own stack (JSON.parse reads any depth too), and the engine never
    // descends into what it does not read.
    for body in [
        arrays.clone(),
        objects.clone(),
        "[".repeat(DEEP),
        "{\"a\":".repeat(DEEP),
        sample.replacen('{', &format!("{{\"Deep\":{arrays},"), 1),
        sample.replacen('{', &format!("{{\"Deep\":{objects},"), 1),
        sample.replacen("\"UserID\"", &format!("\"Deep\":{arrays},\"UserID\""), 1),
        sample.replacen("123456", &objects, 1),
        format!("{{\"Message\":{arrays}}}"),
        format!("{{\"ModelState\":{{\"a\":{arrays}}}}}"),
        format!("{{\"error\":{objects}}}"),
    ] {
        check_everything(body.as_bytes());
    }
    // A deep value where a number is expected is that field's problem, and deep unknown fields
    // are skipped.
    match read(sample.replacen("123456", &arrays, 1).as_bytes()) {
        Err(e) => assert_eq!(paths(e.issues()), ["Candidate.UserID"]),
        other => panic!("{other:?}"),
    }
    let skipped = sample.replacen('{', &format!("{{\"Deep\":{arrays},"), 1);
    assert!(read(skipped.as_bytes()).is_ok());
}

#[test]
fn every_truncation_of_a_valid_answer_is_invalid() {
    let pretty = sample();
    let minified = fs::read(corpus().join("responses/200-ok-minified.json")).unwrap();
    let escaped = fs::read(corpus().join("responses/200-ok-escaped-strings.json")).unwrap();
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(&minified);
    for full in [&pretty, &minified, &escaped, &bom] {
        let end = full.len()
            - full
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
        assert!(read(full).is_ok());
        for cut in 0..end {
            let body = &full[..cut];
            root_issue(body);
            check_everything(body);
        }
    }
}

#[test]
fn every_single_byte_mutation_of_a_valid_answer_keeps_the_invariants() {
    let full = fs::read(corpus().join("responses/200-ok-minified.json")).unwrap();
    let replacements = [
        b'"', b'{', b'}', b'[', b']', b',', b':', b'\\', b'-', b'.', b'e', b'0', b'9', b' ', b'n',
        0x00, 0x1f, 0x7f, 0x80, 0xc3, 0xed, 0xef, 0xff,
    ];
    let mut accepted = 0;
    let mut runs = 0;
    for at in 0..full.len() {
        let mut deleted = full.clone();
        deleted.remove(at);
        check_everything(&deleted);
        let mut inserted = full.clone();
        inserted.insert(at, b'"');
        check_everything(&inserted);
        for byte in replacements {
            let mut body = full.clone();
            body[at] = byte;
            check_everything(&body);
            runs += 1;
            if read(&body).is_ok() {
                accepted += 1;
            }
        }
    }
    // Some mutations stay valid (a digit in a count, a letter in a free text): the invariants
    // were checked on accepted answers too, not only on refusals.
    assert!(
        accepted > 100,
        "{accepted} of {runs} mutations were accepted"
    );
}
