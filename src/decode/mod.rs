//! Reading untrusted values into the serde types, with every problem listed at its path.
//!
//! Every value the SDK does not build itself goes through [`decode`]: the server's answers
//! (after the engine's `JSON.parse`), and what JavaScript callers pass as requests and options.
//! The serde derive of each type says what is expected; [`Reader`], a [`serde::Deserializer`]
//! over a tree of [`Node`]s, feeds it. Where serde and serde-wasm-bindgen stop at the first
//! error, the reader records the problem with its path (`Candidate.UserID`), hands the type a
//! stand-in value, and carries on, so one pass lists every problem in declaration order:
//!
//! - a value of the wrong kind (a string where a number is expected) is recorded here, from the
//!   type's own `expecting` text, and the visitor gets a neutral value of the kind it asked for;
//! - a value of the right kind that breaks a rule (a `BookingID` of 0) is recorded by the rule's
//!   newtype ([`crate::rules`]) through [`report`], which then returns a valid stand-in;
//! - a missing field is presented to the type like any other, so it is recorded with what the
//!   type expects (`is missing; expected an integer from 1 to 2147483647`);
//! - an object of the wrong kind is recorded once, and its fields are then read silently as
//!   missing to build a stand-in;
//! - keys the type does not know are shown to its derive too: a type with
//!   `#[serde(deny_unknown_fields)]` (requests and options) refuses them, and each is recorded
//!   with a "did you mean" hint; other types (answers) skip them unread.
//!
//! A valid value allocates nothing for paths or messages. Numbers, strings and booleans are
//! read from the node directly; a JavaScript value kept as it is (a token function, an
//! `AbortSignal`) is handed over by the node's own leaf deserializer (`decode::js::value`). The native tests read serde_json values (`tests/support/json_node.rs`).
//!
//! The value of a field that is absent (or `undefined`) depends on the [`Mode`]: in an answer
//! every documented field must be present (`null` where it is nullable); in a request an
//! `Option` field may be left out.

use std::cell::RefCell;
use std::fmt::{self, Display};

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, Expected, IntoDeserializer, MapAccess,
    SeqAccess, Visitor,
};

use crate::error::Issue;

#[cfg(target_arch = "wasm32")]
pub mod js;

/// What absence means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A server's answer: every field must be present; `null` is how a value is left empty.
    Answer,
    /// A caller's request or options: an `Option` field may be absent or `undefined`.
    Request,
}

/// The kind of a value, as far as reading it needs to know.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// `undefined`
    Undefined,
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number (any: NaN and infinities included).
    Number(f64),
    /// A string.
    String,
    /// An array.
    Array,
    /// A plain object (or any object that is not one of the others).
    Object,
    /// A JavaScript `Date`: its milliseconds since the epoch (NaN when it is invalid).
    Date(f64),
    /// Anything else, described for messages: "a function", "a bigint", ...
    Other(&'static str),
}

/// Reading a property threw (a getter, or a Proxy trap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

/// One value of the tree being read: a JavaScript value in the browser, a JSON value natively.
pub trait Node: Sized {
    /// Reads the value as it is (a JavaScript value kept with `decode::js::value`: a token
    /// function, an `AbortSignal`, a `Date`).
    type Leaf: for<'de> Deserializer<'de>;
    /// What kind of value this is.
    fn shape(&self) -> Shape;
    /// The value, when it is a string.
    fn text(&self) -> Option<String>;
    /// How many own enumerable keys an object has (`None` when they cannot be counted).
    fn key_count(&self) -> Option<usize>;
    /// The own enumerable keys of an object, in order.
    fn keys(&self) -> Result<Vec<String>, Unreadable>;
    /// The property `key` (getters included); `None` when it is absent or `undefined`.
    fn get(&self, key: &str) -> Result<Option<Self>, Unreadable>;
    /// The property named by a type's field (a `'static` name a node may keep ready to use).
    fn field(&self, name: &'static str) -> Result<Option<Self>, Unreadable> {
        self.get(name)
    }
    /// The items of an array.
    fn items(&self) -> Result<Vec<Self>, Unreadable>;
    /// The deserializer of this value as it is.
    fn into_leaf(self) -> Self::Leaf;
    /// What an absent key reads as (`undefined` in JavaScript, `null` in JSON), for the types
    /// that judge a missing value themselves.
    fn missing() -> Self;
}

/// Reads `root` as a `T`, listing every problem when it is not one.
pub fn decode<T: DeserializeOwned, N: Node>(root: N, mode: Mode) -> Result<T, Vec<Issue>> {
    decode_allowing(root, mode, &[])
}

/// [`decode`], with `also` accepted as keys of the root object (see [`read_allowing`]).
pub fn decode_allowing<T: DeserializeOwned, N: Node>(
    root: N,
    mode: Mode,
    also: &'static [&'static str],
) -> Result<T, Vec<Issue>> {
    match read_allowing(root, mode, also) {
        (Some(value), issues) if issues.is_empty() => Ok(value),
        (_, issues) => Err(issues),
    }
}

/// Reads `root` as a `T` as far as it goes: the value, with stand-ins wherever a problem was
/// found (`None` when a problem stopped the reading), and the problems. For values read on a
/// best-effort basis, such as an error body's message fields.
pub fn read<T: DeserializeOwned, N: Node>(root: N, mode: Mode) -> (Option<T>, Vec<Issue>) {
    read_allowing(root, mode, &[])
}

/// [`read`], with `also` accepted as keys of the root object though `T` does not know them
/// (one object read as two types: a one-shot call's client options and call options).
pub fn read_allowing<T: DeserializeOwned, N: Node>(
    root: N,
    mode: Mode,
    also: &'static [&'static str],
) -> (Option<T>, Vec<Issue>) {
    let collection = Active::start(mode, also);
    let result = T::deserialize(Reader::new(Found::Value(root)));
    let mut issues = collection.finish();
    match result {
        Ok(value) => (Some(value), issues),
        Err(stop) => {
            if issues.is_empty() {
                issues.push(Issue::new("", stop.0));
            }
            (None, issues)
        }
    }
}

/// The serde names of the fields of struct `T`, as its derive declares them.
pub fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    /// A deserializer that only asks the type for its fields.
    struct Probe;
    #[derive(Debug)]
    struct Fields(&'static [&'static str]);
    impl Display for Fields {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("fields")
        }
    }
    impl std::error::Error for Fields {}
    impl de::Error for Fields {
        fn custom<T: Display>(_: T) -> Self {
            Fields(&[])
        }
    }
    impl<'de> Deserializer<'de> for Probe {
        type Error = Fields;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
            Err(Fields(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Fields> {
            Err(Fields(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    match T::deserialize(Probe) {
        Err(Fields(fields)) => fields,
        Ok(_) => &[],
    }
}

/// How many problems the running [`decode`] has recorded so far (`None` outside one): a type
/// whose rule spans its parts (a list of distinct IDs) checks it only if its parts added none.
pub fn problems_so_far() -> Option<usize> {
    with(|c| c.issues.len())
}

/// Records a problem of the value being read, at its path, when a [`decode`] is running.
/// Returns whether it did: the caller then carries on with a stand-in value. Outside a decode
/// (a serde_json caller of the Rust API, say) it returns `false` and the caller fails as serde
/// types do.
pub fn report(message: impl Display) -> bool {
    ACTIVE.with(|active| {
        let Ok(mut active) = active.try_borrow_mut() else {
            return false;
        };
        let Some(collection) = active.as_mut() else {
            return false;
        };
        collection.record(&message);
        true
    })
}

/// Why reading stopped. Problems are recorded as they are found; this only unwinds a type that
/// cannot carry on (a strict type that met an unknown key), or carries a leaf's own error.
#[derive(Debug)]
pub struct Stop(String);

impl Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: Display>(message: T) -> Self {
        Stop(message.to_string())
    }

    // serde's default messages show floats with Rust's float formatting, about 6 KB of `.wasm`
    // for text only a mistyped visitor could ever produce: these say the same, JavaScript's way.
    fn invalid_type(got: de::Unexpected<'_>, expected: &dyn Expected) -> Self {
        Stop(format!("expected {expected}, got {}", unexpected(&got)))
    }

    fn invalid_value(got: de::Unexpected<'_>, expected: &dyn Expected) -> Self {
        Stop::invalid_type(got, expected)
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Stop(unknown_key(field, expected))
    }
}

/// How a message names a value serde reports as unexpected.
fn unexpected(got: &de::Unexpected<'_>) -> String {
    use de::Unexpected as U;
    match got {
        U::Bool(b) => b.to_string(),
        U::Unsigned(n) => n.to_string(),
        U::Signed(n) => n.to_string(),
        U::Float(n) => js_number(*n),
        U::Char(c) => quote(&c.to_string()),
        U::Str(s) => format!("a string ({})", quote(s)),
        U::Unit | U::Option => "null".into(),
        U::Seq => "an array".into(),
        U::Map | U::StructVariant => "an object".into(),
        U::Other(what) => (*what).into(),
        _ => "a value of another kind".into(),
    }
}

/// The message for a key that is not one of `known`, with the key that was probably meant.
pub fn unknown_key(key: &str, known: &[&str]) -> String {
    match did_you_mean(key, known) {
        Some(meant) => format!("is not a known key; did you mean \"{meant}\"?"),
        None => format!("is not a known key; expected one of {}", known.join(", ")),
    }
}

/// The known key `key` was probably meant to be: the same but for case, one it begins
/// (`timeout` → `timeoutMs`), or the nearest within about one edit per three characters
/// (`maxRetry` → `maxRetries`, `acessToken` → `accessToken`).
pub fn did_you_mean<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = known.iter().find(|k| k.eq_ignore_ascii_case(key)) {
        return Some(same);
    }
    if key.len() < 4 {
        return None;
    }
    if let Some(longer) = known.iter().find(|k| k.starts_with(key)) {
        return Some(longer);
    }
    let limit = 1 + key.len() / 3;
    known
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance ignoring ASCII case, in one row.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<u8> = b.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().map(|c| c.to_ascii_lowercase()).enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let Some(slot) = row.get_mut(j + 1) else {
                break;
            };
            let value = (diagonal + usize::from(ca != *cb))
                .min(slot.saturating_add(1))
                .min(left + 1);
            diagonal = *slot;
            *slot = value;
            left = value;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}

// --- the collection ------------------------------------------------------------------------

/// One segment of a path.
enum Segment {
    Field(&'static str),
    Key(String),
    Index(usize),
}

/// The problems found so far, and where the reader is.
struct Collection {
    mode: Mode,
    /// Keys the root object may have besides its type's own.
    also: &'static [&'static str],
    issues: Vec<Issue>,
    path: Vec<Segment>,
    /// Above zero while a stand-in is built for a value already reported.
    muted: u32,
}

impl Collection {
    fn path(&self) -> String {
        let mut out = String::new();
        for segment in &self.path {
            match segment {
                Segment::Field(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// One problem per path: the first found is the one that explains the rest.
    fn record(&mut self, message: &dyn Display) {
        if self.muted > 0 {
            return;
        }
        let path = self.path();
        if self.issues.iter().all(|issue| issue.path != path) {
            self.issues.push(Issue::new(path, message.to_string()));
        }
    }
}

thread_local! {
    static ACTIVE: RefCell<Option<Collection>> = const { RefCell::new(None) };
}

/// Runs `f` on the active collection, if there is one (there is, while a reader reads).
fn with<R>(f: impl FnOnce(&mut Collection) -> R) -> Option<R> {
    ACTIVE.with(|active| active.try_borrow_mut().ok()?.as_mut().map(f))
}

/// The collection of one [`decode`]; restores the previous one (if any) when done.
struct Active {
    previous: Option<Collection>,
}

impl Active {
    fn start(mode: Mode, also: &'static [&'static str]) -> Active {
        let fresh = Collection {
            mode,
            also,
            issues: Vec::new(),
            path: Vec::new(),
            muted: 0,
        };
        let previous = ACTIVE.with(|active| {
            active
                .try_borrow_mut()
                .ok()
                .and_then(|mut a| a.replace(fresh))
        });
        Active { previous }
    }

    fn finish(mut self) -> Vec<Issue> {
        let previous = self.previous.take();
        ACTIVE
            .with(|active| {
                let mut active = active.try_borrow_mut().ok()?;
                let done = std::mem::replace(&mut *active, previous)?;
                Some(done.issues)
            })
            .unwrap_or_default()
    }
}

/// Enters a child for as long as it lives.
struct Enter;

impl Enter {
    fn field(field: &'static str) -> Enter {
        with(|c| c.path.push(Segment::Field(field)));
        Enter
    }

    fn key(key: &str) -> Enter {
        with(|c| c.path.push(Segment::Key(key.to_owned())));
        Enter
    }

    fn index(index: usize) -> Enter {
        with(|c| c.path.push(Segment::Index(index)));
        Enter
    }
}

impl Drop for Enter {
    fn drop(&mut self) {
        with(|c| c.path.pop());
    }
}

/// Silences the recording while a stand-in is built.
struct Mute;

impl Mute {
    fn new() -> Mute {
        with(|c| c.muted += 1);
        Mute
    }
}

impl Drop for Mute {
    fn drop(&mut self) {
        with(|c| c.muted = c.muted.saturating_sub(1));
    }
}

fn mode() -> Mode {
    with(|c| c.mode).unwrap_or(Mode::Answer)
}

fn at_root() -> bool {
    with(|c| c.path.is_empty()).unwrap_or(true)
}

// --- describing values ---------------------------------------------------------------------

/// A number as JavaScript's `String(n)` writes it (`12`, `12.5`, `NaN`, `-Infinity`, `1e+21`):
/// in the browser by the engine itself (Rust's float formatting would add about 6 KB to the
/// `.wasm`), natively by the same rules in Rust.
#[cfg(target_arch = "wasm32")]
pub fn js_number(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// A number as JavaScript's `String(n)` writes it (`12`, `12.5`, `NaN`, `-Infinity`, `1e+21`).
#[cfg(not(target_arch = "wasm32"))]
pub fn js_number(n: f64) -> String {
    if n == 0.0 {
        "0".into()
    } else if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n == n.trunc() && n.abs() < 1e21 {
        format!("{n:.0}")
    } else if n.abs() >= 1e21 || n.abs() < 1e-6 {
        let text = format!("{n:e}");
        match text.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
            _ => text,
        }
    } else {
        format!("{n}")
    }
}

/// At most `max` characters of `s`, ending in an ellipsis when cut.
pub fn truncate(s: &str, max: usize) -> String {
    let keep = max.saturating_sub(1);
    let mut cut = s.len();
    for (n, (at, _)) in s.char_indices().enumerate() {
        if n == keep {
            cut = at;
        }
        if n == max {
            let mut out = s.get(..cut).unwrap_or("").trim_end().to_owned();
            out.push('…');
            return out;
        }
    }
    s.to_owned()
}

/// A string as a message shows it: quoted, escaped, and cut to 40 characters. (Escaped by
/// hand: `{:?}` would bring Unicode printability tables, about 10 KB, into the `.wasm`.)
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(48) + 2);
    out.push('"');
    for c in truncate(s, 40).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How a message names a received value: `a string ("12")`, `12.5`, `null`, `an array`.
pub fn describe<N: Node>(node: &N) -> String {
    match node.shape() {
        Shape::Undefined => "undefined".into(),
        Shape::Null => "null".into(),
        Shape::Bool(b) => b.to_string(),
        Shape::Number(n) => js_number(n),
        Shape::String => format!("a string ({})", quote(&node.text().unwrap_or_default())),
        Shape::Array => "an array".into(),
        Shape::Object => "an object".into(),
        Shape::Date(ms) if ms.is_nan() => "an invalid Date".into(),
        Shape::Date(_) => "a Date".into(),
        Shape::Other(what) => what.into(),
    }
}

// --- the reader ----------------------------------------------------------------------------

/// What is at a path.
enum Found<N> {
    /// A value.
    Value(N),
    /// Nothing (or `undefined`); `near` is a key that differs only in case.
    Missing { near: Option<String> },
    /// Reading it threw.
    Unreadable,
}

/// A serde deserializer over one `Found` value that records problems instead of stopping.
pub struct Reader<N> {
    found: Found<N>,
    /// Inside an `Option`: expectations read "… or null".
    nullable: bool,
}

impl<N: Node> Reader<N> {
    fn new(found: Found<N>) -> Self {
        Reader {
            found,
            nullable: false,
        }
    }

    /// Records that the value is not what `expected` describes.
    fn mismatch(&self, expected: &dyn Expected) {
        let or_null = if self.nullable { " or null" } else { "" };
        let _ = with(|c| {
            let message = match &self.found {
                Found::Value(node) => {
                    format!("expected {expected}{or_null}, got {}", describe(node))
                }
                Found::Unreadable => UNREADABLE.to_owned(),
                Found::Missing { near } => {
                    let what = match c.mode {
                        Mode::Answer => "is missing",
                        Mode::Request => "is required",
                    };
                    match near {
                        Some(near) => format!(
                            "{what}; expected {expected}{or_null} (found {}: names are case-sensitive)",
                            quote(near)
                        ),
                        None => format!("{what}; expected {expected}{or_null}"),
                    }
                }
            };
            c.record(&message);
        });
    }

    /// The value, if it has the accepted shape; otherwise records the mismatch. Not generic,
    /// so every visitor's leaf shares it.
    #[inline(never)]
    fn leaf(self, expected: &dyn Expected, accepts: fn(&Shape) -> bool) -> Option<(Shape, N)> {
        if let Found::Value(node) = &self.found {
            let shape = node.shape();
            if accepts(&shape) {
                if let Found::Value(node) = self.found {
                    return Some((shape, node));
                }
            }
        }
        self.mismatch(expected);
        None
    }

    /// A number within `min..=max` (a whole one when `whole`), or 0 after recording why not.
    #[inline(never)]
    fn number(self, expected: &dyn Expected, whole: bool, min: f64, max: f64) -> f64 {
        if let Found::Value(node) = &self.found {
            if let Shape::Number(n) = node.shape() {
                if (!whole || n == n.trunc()) && n >= min && n <= max {
                    return n;
                }
            }
        }
        self.mismatch(expected);
        0.0
    }

    /// The fields of a struct (the one part of `deserialize_struct` that does not depend on
    /// the visitor, so each struct's derive shares it). A value that is not an object (or one
    /// whose keys cannot be read) is one problem for the whole value; its fields are then read
    /// as missing, silently (the returned [`Mute`] lasts while they are), for a stand-in.
    #[inline(never)]
    fn fields(self, fields: &'static [&'static str]) -> (Fields<N>, Option<Mute>) {
        let found = match self.found {
            Found::Value(node) if node.shape() == Shape::Object => match node.key_count() {
                Some(len) => {
                    let first_issue = with(|c| c.issues.len()).unwrap_or(0);
                    let access = Fields {
                        node: Some(node),
                        // Exactly as many keys as fields, and every field present (seen as
                        // they are read): nothing unknown, no key worth copying out.
                        keys: None,
                        extra_keys: len != fields.len(),
                        fields: fields.iter(),
                        all_fields: fields,
                        unknown: None,
                        refused: None,
                        first_issue,
                        pending: None,
                    };
                    return (access, None);
                }
                None => Found::Unreadable,
            },
            other => other,
        };
        let what = if at_root() {
            format!("an object with {}", list(fields))
        } else {
            "an object".to_owned()
        };
        Reader {
            found,
            nullable: self.nullable,
        }
        .mismatch(&what.as_str());
        let mute = Mute::new();
        let access = Fields {
            node: None,
            keys: Some(Vec::new()),
            extra_keys: false,
            fields: fields.iter(),
            all_fields: fields,
            unknown: Some(Vec::new()),
            refused: None,
            first_issue: 0,
            pending: None,
        };
        (access, Some(mute))
    }

    /// The index of the variant the value names (the first one, after recording why not):
    /// the type's derive reads its variant by index.
    #[inline(never)]
    fn variant(self, variants: &'static [&'static str]) -> Result<u32, Stop> {
        let chosen = match &self.found {
            Found::Value(node) => node
                .text()
                .and_then(|text| variants.iter().position(|v| **v == text)),
            _ => None,
        };
        match chosen {
            Some(index) => Ok(index as u32),
            None if variants.is_empty() => Err(Stop("no variants".into())),
            None => {
                let quoted: Vec<String> = variants.iter().map(|v| quote(v)).collect();
                let expected = format!("one of {}", quoted.join(", "));
                self.mismatch(&expected.as_str());
                Ok(0)
            }
        }
    }

    /// A string, or `""` after recording why not.
    #[inline(never)]
    fn string(self, expected: &dyn Expected) -> String {
        match self.leaf(expected, |s| matches!(s, Shape::String)) {
            Some((_, node)) => node.text().unwrap_or_default(),
            None => String::new(),
        }
    }
}

const UNREADABLE: &str = "could not be read (a getter or a Proxy trap threw)";

fn leaf_error(e: impl Display) -> Stop {
    Stop(e.to_string())
}

/// Whole numbers of a Rust integer type: visited as JavaScript numbers in its range.
macro_rules! integers {
    ($($method:ident($visit:ident, $ty:ty, $min:expr, $max:expr);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
                let n = self.number(&visitor, true, $min, $max);
                visitor.$visit(n as $ty)
            }
        )*
    };
}

impl<'de, N: Node> Deserializer<'de> for Reader<N> {
    type Error = Stop;

    integers! {
        deserialize_i8(visit_i8, i8, -128.0, 127.0);
        deserialize_i16(visit_i16, i16, -32768.0, 32767.0);
        deserialize_i32(visit_i32, i32, -2147483648.0, 2147483647.0);
        deserialize_i64(visit_i64, i64, -9007199254740991.0, 9007199254740991.0);
        deserialize_u8(visit_u8, u8, 0.0, 255.0);
        deserialize_u16(visit_u16, u16, 0.0, 65535.0);
        deserialize_u32(visit_u32, u32, 0.0, 4294967295.0);
        deserialize_u64(visit_u64, u64, 0.0, 9007199254740991.0);
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let n = self.number(&visitor, false, f64::NEG_INFINITY, f64::INFINITY);
        visitor.visit_f64(n)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match self.leaf(&visitor, |s| matches!(s, Shape::Bool(_))) {
            Some((Shape::Bool(b), _)) => visitor.visit_bool(b),
            _ => visitor.visit_bool(false),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let text = self.string(&visitor);
        visitor.visit_string(text)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_string(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_string(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.mismatch(&visitor);
        visitor.visit_bytes(&[])
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let _ = self.leaf(&visitor, |s| matches!(s, Shape::Null | Shape::Undefined));
        visitor.visit_unit()
    }

    /// Used by the few types that take more than one kind (a token string or function, an
    /// error body's `error` field). Arrays and objects are read here, with paths.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let node = match self.found {
            Found::Value(node) => node,
            _ => {
                self.mismatch(&visitor);
                return visitor.visit_unit();
            }
        };
        match node.shape() {
            Shape::Array => Reader::new(Found::Value(node)).deserialize_seq(visitor),
            Shape::Object => Reader::new(Found::Value(node)).deserialize_map(visitor),
            Shape::Null | Shape::Undefined => visitor.visit_unit(),
            Shape::Bool(b) => visitor.visit_bool(b),
            Shape::Number(n) if n == n.trunc() && n.abs() <= 9_007_199_254_740_991.0 => {
                visitor.visit_i64(n as i64)
            }
            Shape::Number(n) => visitor.visit_f64(n),
            Shape::String => visitor.visit_string(node.text().unwrap_or_default()),
            // serde has no dates: a type that takes one reads its milliseconds as a newtype.
            Shape::Date(ms) => {
                visitor.visit_newtype_struct(IntoDeserializer::<Stop>::into_deserializer(ms))
            }
            Shape::Other(_) => {
                Reader::new(Found::Value(node)).mismatch(&visitor);
                visitor.visit_unit()
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        match &self.found {
            Found::Value(node) if matches!(node.shape(), Shape::Null | Shape::Undefined) => {
                visitor.visit_none()
            }
            Found::Missing { .. } if mode() == Mode::Request => visitor.visit_none(),
            // In an answer a nullable field must still be there: the inner type reports it
            // missing, with what it expects.
            _ => visitor.visit_some(Reader {
                found: self.found,
                nullable: true,
            }),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let items = match &self.found {
            Found::Value(node) if node.shape() == Shape::Array => node.items(),
            _ => Err(Unreadable),
        };
        match items {
            Ok(items) => visitor.visit_seq(Items {
                items: items.into_iter().enumerate(),
            }),
            Err(Unreadable) => {
                self.mismatch(&visitor);
                visitor.visit_seq(Items::<N> {
                    items: Vec::new().into_iter().enumerate(),
                })
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Stop> {
        self.deserialize_seq(visitor)
    }

    /// How `decode::js::value` reaches a JavaScript value as it is (a token function, an
    /// `AbortSignal`, a `Date`): straight to the node's own deserializer. Nothing else here is
    /// a tuple struct.
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Stop> {
        let node = match self.found {
            Found::Value(node) => node,
            Found::Missing { .. } => N::missing(),
            Found::Unreadable => {
                self.mismatch(&visitor);
                N::missing()
            }
        };
        node.into_leaf()
            .deserialize_tuple_struct(name, len, visitor)
            .map_err(leaf_error)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        let entries = match &self.found {
            Found::Value(node) if node.shape() == Shape::Object => node.keys().and_then(|keys| {
                keys.into_iter()
                    .map(|key| {
                        let value = node.get(&key)?;
                        Ok((key, value))
                    })
                    .collect::<Result<Vec<_>, _>>()
            }),
            _ => Err(Unreadable),
        };
        match entries {
            Ok(entries) => visitor.visit_map(Entries {
                entries: entries.into_iter(),
                value: None,
            }),
            Err(Unreadable) => {
                self.mismatch(&visitor);
                visitor.visit_map(Entries::<N> {
                    entries: Vec::new().into_iter(),
                    value: None,
                })
            }
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Stop> {
        let (access, _mute) = self.fields(fields);
        visitor.visit_map(access)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Stop> {
        let index = self.variant(variants)?;
        visitor.visit_enum(IntoDeserializer::<Stop>::into_deserializer(index))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        visitor.visit_unit()
    }
}

/// "A, B and C".
fn list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The fields of a struct, in declaration order (present or not), then its unknown keys.
struct Fields<N> {
    /// `None` while building a stand-in.
    node: Option<N>,
    /// The object's own keys, copied out only when they are needed.
    keys: Option<Vec<String>>,
    /// Whether the object may have keys that are not fields (more keys than fields, or a
    /// field missing though there are as many keys as fields).
    extra_keys: bool,
    fields: std::slice::Iter<'static, &'static str>,
    all_fields: &'static [&'static str],
    /// The keys that are not fields, in order, once known.
    unknown: Option<Vec<String>>,
    /// The unknown key just presented to the type (a strict type refuses it).
    refused: Option<String>,
    first_issue: usize,
    pending: Option<(Found<N>, Option<&'static str>)>,
}

impl<N: Node> Fields<N> {
    fn keys(&mut self) -> &[String] {
        if self.keys.is_none() {
            let node = self.node.as_ref();
            self.keys = Some(node.and_then(|n| n.keys().ok()).unwrap_or_default());
        }
        self.keys.as_deref().unwrap_or(&[])
    }

    /// The next key the type does not declare (and the root may not have), if any.
    fn next_unknown(&mut self) -> Option<String> {
        if self.unknown.is_none() {
            let keys = if self.extra_keys {
                self.keys().to_vec()
            } else {
                Vec::new()
            };
            let also = with(|c| if c.path.is_empty() { c.also } else { &[] }).unwrap_or(&[]);
            let fields = self.all_fields;
            self.unknown = Some(
                keys.into_iter()
                    .filter(|key| !fields.contains(&key.as_str()) && !also.contains(&key.as_str()))
                    .rev()
                    .collect(),
            );
        }
        self.unknown.as_mut().and_then(Vec::pop)
    }
}

impl<N: Node> Fields<N> {
    /// The next key, as its index in the type's fields: each field in declaration order
    /// (present or not), then each unknown key (as an index past the fields, which a strict
    /// type refuses and others skip); `None` at the end. Not generic: every struct's derive
    /// shares it, and reads its fields by index rather than by name.
    #[inline(never)]
    fn next_index(&mut self) -> Option<u64> {
        if let Some(field) = self.fields.next() {
            let index = self.all_fields.len() - self.fields.len() - 1;
            let found = match self.node.as_ref().map(|node| node.field(field)) {
                Some(Ok(Some(value))) => Found::Value(value),
                Some(Err(Unreadable)) => Found::Unreadable,
                Some(Ok(None)) | None => {
                    self.extra_keys = true;
                    let near = self
                        .keys()
                        .iter()
                        .find(|k| k.eq_ignore_ascii_case(field))
                        .cloned();
                    Found::Missing { near }
                }
            };
            self.pending = Some((found, Some(field)));
            return Some(index as u64);
        }
        let key = self.next_unknown()?;
        self.pending = Some((Found::Missing { near: None }, None));
        self.refused = Some(key);
        Some(self.all_fields.len() as u64)
    }

    /// A strict type refused the unknown key just presented: lists it and every other unknown
    /// key, before the struct's other problems, and stops reading the struct.
    #[inline(never)]
    fn refuse(&mut self) -> Stop {
        let key = self.refused.take().unwrap_or_default();
        let known = self.all_fields;
        let message = unknown_key(&key, known);
        let at = self.first_issue;
        let _ = with(|c| {
            let prefix = c.path();
            let join = |key: &str| {
                if prefix.is_empty() {
                    key.to_owned()
                } else {
                    format!("{prefix}.{key}")
                }
            };
            let mut listed = vec![Issue::new(join(&key), message.clone())];
            for other in self.unknown.take().unwrap_or_default().into_iter().rev() {
                listed.push(Issue::new(join(&other), unknown_key(&other, known)));
            }
            if c.muted == 0 {
                let at = at.min(c.issues.len());
                c.issues.splice(at..at, listed);
            }
        });
        Stop(message)
    }

    /// The value of the key just presented, and its place in the path while it is read.
    #[inline(never)]
    fn next_found(&mut self) -> (Found<N>, Option<Enter>) {
        let (found, field) = self
            .pending
            .take()
            .unwrap_or((Found::Missing { near: None }, None));
        // An unknown key of a type that skips them is never read: it has no place.
        (found, field.map(Enter::field))
    }
}

impl<'de, N: Node> MapAccess<'de> for Fields<N> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        let Some(index) = self.next_index() else {
            return Ok(None);
        };
        match seed.deserialize(IntoDeserializer::<Stop>::into_deserializer(index)) {
            Ok(key) => Ok(Some(key)),
            Err(_) => Err(self.refuse()),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stop> {
        let (found, _enter) = self.next_found();
        seed.deserialize(Reader::new(found))
    }
}

/// The items of an array, each at its index.
struct Items<N> {
    items: std::iter::Enumerate<std::vec::IntoIter<N>>,
}

impl<'de, N: Node> SeqAccess<'de> for Items<N> {
    type Error = Stop;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Stop> {
        let Some((index, item)) = self.items.next() else {
            return Ok(None);
        };
        let _enter = Enter::index(index);
        seed.deserialize(Reader::new(Found::Value(item))).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of an object read as a map, each at its key.
struct Entries<N> {
    entries: std::vec::IntoIter<(String, Option<N>)>,
    value: Option<(String, Option<N>)>,
}

impl<'de, N: Node> MapAccess<'de> for Entries<N> {
    type Error = Stop;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Stop> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let k = seed.deserialize(IntoDeserializer::<Stop>::into_deserializer(key.as_str()))?;
        self.value = Some((key, value));
        Ok(Some(k))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Stop> {
        let (key, value) = self.value.take().unwrap_or_default();
        let _enter = Enter::key(&key);
        let found = match value {
            Some(node) => Found::Value(node),
            None => Found::Missing { near: None },
        };
        seed.deserialize(Reader::new(found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_at_the_key_that_was_meant() {
        let known = [
            "accessToken",
            "environment",
            "baseUrl",
            "timeoutMs",
            "maxRetries",
        ];
        for (typo, meant) in [
            ("maxRetry", Some("maxRetries")),
            ("maxretries", Some("maxRetries")),
            ("max_retries", Some("maxRetries")),
            ("timeout", Some("timeoutMs")),
            ("timeoutMS", Some("timeoutMs")),
            ("timoutMs", Some("timeoutMs")),
            ("baseURL", Some("baseUrl")),
            ("baseUri", Some("baseUrl")),
            ("acessToken", Some("accessToken")),
            ("retries", Some("maxRetries")),
            ("token", None),
            ("env", None),
            ("signal", None),
            ("url", None),
        ] {
            assert_eq!(did_you_mean(typo, &known), meant, "{typo}");
        }
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("ABC", "abc"), 0);
    }

    #[test]
    fn numbers_read_as_javascript_writes_them() {
        for (n, text) in [
            (12.0, "12"),
            (-0.0, "0"),
            (12.5, "12.5"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (1e21, "1e+21"),
            (2147483648.0, "2147483648"),
            (1.5e-7, "1.5e-7"),
        ] {
            assert_eq!(js_number(n), text);
        }
    }

    #[test]
    fn truncates_on_characters() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("ééééééé", 4), "ééé…");
        assert_eq!(truncate("abcd", 4), "abcd");
        assert_eq!(truncate("ab  cdef", 4), "ab…");
        assert_eq!(truncate("abc", 0), "…");
        assert_eq!(truncate("", 0), "");
        assert_eq!(quote("a\"b\n"), "\"a\\\"b\\n\"");
    }
}
