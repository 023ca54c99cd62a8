//! Serving files from `--static DIR` (the demo, the example app, browser test pages).
//!
//! `GET`/`HEAD` only. The path is percent-decoded and split into segments; `..`, backslashes,
//! NUL and non-UTF-8 paths are refused, and the resolved file must still lie inside the
//! canonical root after symlinks are followed, so nothing outside DIR can be read. A directory
//! serves its `index.html`; one requested without a trailing slash is redirected to it first,
//! so relative URLs in that page resolve against the directory. Files are read with
//! `tokio::fs` (on tokio's blocking pool), so a large file does not hold up other connections.

use std::path::{Path, PathBuf};

use axum::response::Response;
use http::header::{HeaderValue, LOCATION};
use http::Method;
use percent_encoding::percent_decode_str;
use tokio::fs;

use crate::reply;

/// The `Content-Type` for a file name.
pub fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("txt") => "text/plain; charset=utf-8",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn not_found() -> Response {
    reply::text(404, "Not Found")
}

/// Serves a request for `path` (still percent-encoded) and `query` from the canonical
/// directory `root`.
pub async fn serve(method: &Method, path: &str, query: Option<&str>, root: &Path) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return reply::allow(reply::text(405, "Method Not Allowed"), "GET, HEAD, OPTIONS");
    }
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return not_found();
    };
    if decoded.contains(['\\', '\0']) {
        return not_found();
    }
    let mut file = PathBuf::from(root);
    for segment in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if segment == ".." {
            return not_found();
        }
        file.push(segment);
    }
    let Ok(resolved) = fs::canonicalize(&file).await else {
        return not_found();
    };
    if !resolved.starts_with(root) {
        return not_found();
    }
    let is_dir = fs::metadata(&resolved).await.is_ok_and(|m| m.is_dir());
    let file = if is_dir {
        if !path.ends_with('/') {
            let mut location = format!("{path}/");
            if let Some(query) = query.filter(|q| !q.is_empty()) {
                location.push('?');
                location.push_str(query);
            }
            let mut response = reply::text(301, "Moved Permanently");
            if let Ok(location) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(LOCATION, location);
            }
            return response;
        }
        resolved.join("index.html")
    } else {
        resolved
    };
    // Canonicalized again: the index.html itself could be a symlink leading out of the root.
    // The type follows the requested name, not a symlink's target.
    let Ok(real) = fs::canonicalize(&file).await else {
        return not_found();
    };
    let is_file = fs::metadata(&real).await.is_ok_and(|m| m.is_file());
    if !real.starts_with(root) || !is_file {
        return not_found();
    }
    match fs::read(&real).await {
        Ok(bytes) => reply::with_body(200, content_type(&file), bytes),
        Err(_) => not_found(),
    }
}
