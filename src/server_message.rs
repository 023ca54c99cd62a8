//! Reading a human message out of an HTTP error body, whatever its shape: a JSON object with
//! `Message`/`message`/`error_description`/`error`/`title`/`detail`/`ExceptionMessage` and
//! ASP.NET's `ModelState`, a JSON string, plain text, or an HTML/XML page (its `<title>`, else
//! its text). JSON is read by the SDK's JSON reader (the one answers are read with) and its few
//! message fields are looked up directly: a best-effort reading, where anything unusable is
//! skipped.

use crate::check::json::Json;
use crate::check::messages::truncate;
use crate::check::{Node, Shape};

/// How much of a server's message the SDK keeps.
pub const SERVER_MESSAGE_MAX_CHARS: usize = 300;

/// The keys that carry a message in error bodies seen in the wild, in order of preference:
/// ASP.NET Web API, lower-case, OAuth, OAuth's error code, RFC 7807, ASP.NET exceptions.
const MESSAGE_KEYS: [&str; 7] = [
    "Message",
    "message",
    "error_description",
    "error",
    "title",
    "detail",
    "ExceptionMessage",
];

fn text_at(json: &Json<'_>, node: Node, key: &str) -> Option<String> {
    let value = json.get(node, key)?;
    json.string(value)
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.into_owned())
}

/// The message of a parsed JSON error object: `{"error": {"message": …}}` first, then the
/// first of [`MESSAGE_KEYS`] that holds text, with `ModelState`'s messages appended.
fn from_object(json: &Json<'_>, object: Node) -> Option<String> {
    let nested = json
        .get(object, "error")
        .filter(|e| json.kind(*e) == Shape::Object)
        .and_then(|e| text_at(json, e, "message").or_else(|| text_at(json, e, "Message")));
    let best = nested.or_else(|| {
        MESSAGE_KEYS
            .iter()
            .find_map(|key| text_at(json, object, key))
    });
    let fields = json
        .get(object, "ModelState")
        .filter(|m| json.kind(*m) == Shape::Object)
        .map(|m| model_state(json, m))
        .filter(|m| !m.is_empty());
    match (best, fields) {
        (Some(best), Some(fields)) => Some(format!("{best} {fields}")),
        (best, fields) => best.or(fields),
    }
}

/// `"ModelState": {"request.BookingID": ["Required."]}` as `request.BookingID: Required.`,
/// fields joined with `; ` (a field's value may be one message or a list of them).
fn model_state(json: &Json<'_>, state: Node) -> String {
    let mut out = String::new();
    for (key, value) in json.entries(state) {
        let messages: Vec<String> = match json.kind(value) {
            Shape::String => json
                .string(value)
                .into_iter()
                .map(|t| t.into_owned())
                .collect(),
            Shape::Array => json
                .elements(value)
                .into_iter()
                .filter_map(|item| json.string(item))
                .map(|t| t.into_owned())
                .collect(),
            _ => Vec::new(),
        };
        if messages.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(&key);
        out.push_str(": ");
        out.push_str(&messages.join(" "));
    }
    out
}

/// The server's message in an error body: one line of at most [`SERVER_MESSAGE_MAX_CHARS`]
/// characters, or `None` when nothing readable was there.
pub fn server_message(body: &[u8]) -> Option<String> {
    // Keep the valid UTF-8 prefix: a message, not a faithful copy, is the goal.
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(body.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text).trim();
    let parsed = text
        .starts_with(['{', '"'])
        .then(|| Json::parse(text).ok())
        .flatten();
    let found = if let Some(json) = parsed {
        match json.kind(Json::ROOT) {
            Shape::String => json
                .string(Json::ROOT)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            Shape::Object => from_object(&json, Json::ROOT).unwrap_or_else(|| text.to_owned()),
            _ => text.to_owned(),
        }
    } else if text.starts_with('<') {
        from_markup(text)
    } else {
        text.to_owned()
    };
    let line = one_line(&found);
    (!line.is_empty()).then(|| truncate(&line, SERVER_MESSAGE_MAX_CHARS))
}

/// The `<title>` of an HTML page, else the text of the markup without tags, scripts or styles.
fn from_markup(markup: &str) -> String {
    // ASCII lower-casing keeps every byte offset, so the copy is searched and the original cut.
    let lower = markup.to_ascii_lowercase();
    if let Some(start) = lower.find("<title>").map(|i| i + "<title>".len()) {
        let end = lower
            .get(start..)
            .and_then(|rest| rest.find("</title>"))
            .map_or(markup.len(), |i| start + i);
        let title = decode_entities(markup.get(start..end).unwrap_or("").trim());
        if !title.is_empty() {
            return title;
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < markup.len() && out.len() <= 4 * SERVER_MESSAGE_MAX_CHARS {
        let rest = lower.get(i..).unwrap_or("");
        if !rest.starts_with('<') {
            let next = rest.find('<').map_or(markup.len(), |j| i + j);
            out.push_str(markup.get(i..next).unwrap_or(""));
            i = next;
            continue;
        }
        // Skip a tag, or a whole <script>/<style> element.
        let element_end = |open: &str, close: &str| {
            rest.starts_with(open)
                .then(|| rest.find(close).map(|e| i + e + close.len()))
                .flatten()
        };
        i = element_end("<script", "</script>")
            .or_else(|| element_end("<style", "</style>"))
            .or_else(|| rest.find('>').map(|e| i + e + 1))
            .unwrap_or(markup.len());
        out.push(' ');
    }
    decode_entities(&out)
}

/// Decodes the handful of entities error pages use; anything else stays as written.
fn decode_entities(s: &str) -> String {
    const ENTITIES: [(&str, &str); 6] = [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        rest = rest.get(at..).unwrap_or("");
        match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
            Some((entity, decoded)) => {
                out.push_str(decoded);
                rest = rest.get(entity.len()..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = rest.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// One line: runs of white space and control characters become one space.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(8 * SERVER_MESSAGE_MAX_CHARS));
    for word in s.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() > 4 * SERVER_MESSAGE_MAX_CHARS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_only(body: &str) -> Option<String> {
        server_message(body.as_bytes())
    }

    #[test]
    fn reads_json_error_shapes() {
        for (body, said) in [
            (r#"{"Message":"Booking not found."}"#, "Booking not found."),
            (
                r#"{"error":{"message":"nested"},"message":"flat"}"#,
                "nested",
            ),
            (
                r#"{"error":"invalid_token","error_description":"Expired"}"#,
                "Expired",
            ),
            (
                r#"{"Message":"Invalid.","ModelState":{"request.BookingID":["Required.","Too big."]}}"#,
                "Invalid. request.BookingID: Required. Too big.",
            ),
            (r#""a JSON string""#, "a JSON string"),
            (r#"{"message":"first","message":"last"}"#, "last"),
            ("{not json", "{not json"),
        ] {
            assert_eq!(text_only(body).as_deref(), Some(said), "{body}");
        }
    }

    #[test]
    fn reads_html_and_xml_pages() {
        let page = "<!DOCTYPE html><html><head><TITLE>503 Service Unavailable &amp; more</TITLE>\
                    <style>body{}</style></head><body><h1>Down</h1></body></html>";
        assert_eq!(
            text_only(page).as_deref(),
            Some("503 Service Unavailable & more")
        );
        let no_title =
            "<html><head><script>var x = '<b>';</script></head><body><h1>Server Error</h1>\
                        <p>Try &lt;later&gt;.</p></body></html>";
        assert_eq!(
            text_only(no_title).as_deref(),
            Some("Server Error Try <later>.")
        );
        let xml = "<Error><Message>Booking not found</Message></Error>";
        assert_eq!(text_only(xml).as_deref(), Some("Booking not found"));
    }

    #[test]
    fn keeps_messages_short_and_on_one_line() {
        assert_eq!(text_only("  plain\n text  ").as_deref(), Some("plain text"));
        assert_eq!(text_only(""), None);
        assert_eq!(text_only(" \n\t "), None);
        let long = "word ".repeat(500);
        let m = text_only(&long).unwrap_or_default();
        assert!(m.chars().count() <= SERVER_MESSAGE_MAX_CHARS);
        assert!(m.ends_with('…'));
        let mut bad = b"Broken \xff\xfe bytes".to_vec();
        bad.extend_from_slice(b" after");
        assert_eq!(server_message(&bad).as_deref(), Some("Broken"));
    }
}
