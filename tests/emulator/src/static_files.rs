//! Serving files from `--static DIR` (the demo, the example app, browser test pages).
//!
//! `GET`/`HEAD` only. The path is percent-decoded and split into segments; `..`, backslashes,
//! NUL and non-UTF-8 paths are refused, and the resolved file must still lie inside the
//! canonical root after symlinks are followed, so nothing outside DIR can be read. A directory
//! serves its `index.html`; one requested without a trailing slash is redirected to it first,
//! so relative URLs in that page resolve against the directory.

use std::fs;
use std::path::{Path, PathBuf};

use crate::http::{percent_decode, Request, Response};

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
    Response::text(404, "Not Found")
}

/// Serves `request` from the canonical directory `root`.
pub fn serve(request: &Request, root: &Path) -> Response {
    if request.method != "GET" && request.method != "HEAD" {
        return Response::text(405, "Method Not Allowed").header("Allow", "GET, HEAD, OPTIONS");
    }
    let Ok(decoded) = String::from_utf8(percent_decode(&request.path)) else {
        return not_found();
    };
    if decoded.contains(['\\', '\0']) {
        return not_found();
    }
    let mut path = PathBuf::from(root);
    for segment in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if segment == ".." {
            return not_found();
        }
        path.push(segment);
    }
    let Ok(path) = path.canonicalize() else {
        return not_found();
    };
    if !path.starts_with(root) {
        return not_found();
    }
    let file = if path.is_dir() {
        if !request.path.ends_with('/') {
            let mut location = format!("{}/", request.path);
            if !request.query.is_empty() {
                location.push('?');
                location.push_str(&request.query);
            }
            return Response::text(301, "Moved Permanently").header("Location", &location);
        }
        path.join("index.html")
    } else {
        path
    };
    // Canonicalized again: the index.html itself could be a symlink leading out of the root.
    // The type follows the requested name, not a symlink's target.
    match file.canonicalize() {
        Ok(real) if real.starts_with(root) && real.is_file() => match fs::read(&real) {
            Ok(bytes) => Response::with_body(200, content_type(&file), bytes),
            Err(_) => not_found(),
        },
        _ => not_found(),
    }
}
