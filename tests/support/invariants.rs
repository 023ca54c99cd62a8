//! What must hold for ANY input, checked with an independent JSON implementation (serde_json).
//! Shared by the native corpus test (tests/corpus.rs) and the fuzz target
//! (fuzz/fuzz_targets/made_booking.rs), which include this file with `#[path]`.
//!
//! - [`canonical_shape`]: the SDK's canonical `MadeBooking` JSON parses with serde_json into
//!   exactly the 20 documented fields (and the candidate's 10), in documented order, each
//!   within its rule. Strings are read as raw bytes, because `JSON.parse` (the real consumer)
//!   accepts lone surrogates such as `"\ud800"`, which serde_json refuses in a `String`.
//! - [`check_everything`]: no panic anywhere on arbitrary bytes, and the properties above
//!   whenever the validator accepts.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt;

use adultwork_sdk::error::{server_message, SERVER_MESSAGE_MAX_CHARS};
use adultwork_sdk::input::{check_params, Given, Input};
use adultwork_sdk::model::{BookingStatus, MADE_BOOKING, PHONE_CHAT_BOOKING_USER};
use adultwork_sdk::schema::{self, INT32_MAX, MAX_SAFE};
use adultwork_sdk::{config, datetime, endpoint, prereq, retry};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

/// A JSON string's raw value: WTF-8 bytes (a lone surrogate is allowed, as in `JSON.parse`).
#[derive(Debug)]
pub struct Text(pub Vec<u8>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Text, E> {
                Ok(Text(v.to_vec()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.as_bytes().to_vec()))
            }
        }
        // serde_json reads a string token unvalidated for `deserialize_bytes`, and refuses
        // anything else (an array reaches `visit_seq`, which `V` does not accept).
        d.deserialize_bytes(V)
    }
}

/// A value that must be present but may be `null` (serde would default a missing `Option`).
#[derive(Debug)]
pub struct Nullable<T>(pub Option<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(d).map(Nullable)
    }
}

/// A number that is a whole value JavaScript holds exactly (any JSON spelling: `15`, `1.5e1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int(pub i64);

impl<'de> Deserialize<'de> for Int {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Int;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a safe integer")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int, E> {
                if v.abs() <= MAX_SAFE {
                    Ok(Int(v))
                } else {
                    Err(E::custom(format!("{v} is beyond ±2^53-1")))
                }
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int, E> {
                let v = i64::try_from(v).map_err(|_| E::custom("beyond i64"))?;
                self.visit_i64(v)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Int, E> {
                if v.is_finite() && v.fract() == 0.0 && v.abs() <= MAX_SAFE as f64 {
                    Ok(Int(v as i64))
                } else {
                    Err(E::custom(format!("{v} is not a safe integer")))
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Any finite number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finite(pub f64);

impl<'de> Deserialize<'de> for Finite {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() {
            Ok(Finite(v))
        } else {
            Err(de::Error::custom("not finite"))
        }
    }
}

/// The candidate, field for field.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Candidate {
    #[serde(rename = "UserID")]
    pub user_id: Int,
    pub nickname: Text,
    pub phone_number: Nullable<Text>,
    pub skype_name: Nullable<Text>,
    pub total: Int,
    pub positive: Int,
    pub neutral: Int,
    pub negative: Int,
    pub ratings: Int,
    pub disputes: Int,
}

/// A `MadeBooking`, field for field: every one required, nothing else allowed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct MadeBooking {
    #[serde(rename = "BookingID")]
    pub booking_id: Int,
    pub duration: Int,
    pub credits: Finite,
    pub status: String,
    pub method: Int,
    pub phone_number: Nullable<Text>,
    pub skype_name: Nullable<Text>,
    pub create_date: String,
    pub session_date: String,
    pub accept_by: String,
    pub accepted_date: Nullable<String>,
    pub confirmed_date: Nullable<String>,
    pub cancelled_date: Nullable<String>,
    pub cancelled_reason: Nullable<Text>,
    pub cancelled_by: Nullable<Text>,
    pub rejected_reason: Nullable<Text>,
    pub last_updated: String,
    pub comments: Nullable<Text>,
    pub action_client: Nullable<Text>,
    pub candidate: Candidate,
}

/// The keys of an object in order (values skipped; `Candidate`'s keys collected too).
#[derive(Debug, Default)]
struct Keys {
    top: Vec<String>,
    candidate: Vec<String>,
}

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Keys::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "Candidate" {
                        keys.candidate = map.next_value::<Keys>()?.top;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                    keys.top.push(key);
                }
                Ok(keys)
            }
        }
        d.deserialize_map(V)
    }
}

fn within(name: &str, v: Int, min: i64, max: i64) -> Result<(), String> {
    if (min..=max).contains(&v.0) {
        Ok(())
    } else {
        Err(format!("{name} = {} is outside {min}..={max}", v.0))
    }
}

fn date(name: &str, text: &str) -> Result<(), String> {
    datetime::parse(text)
        .map(drop)
        .map_err(|problem| format!("{name} = {text:?}: {problem}"))
}

fn nullable_date(name: &str, value: &Nullable<String>) -> Result<(), String> {
    value.0.as_deref().map_or(Ok(()), |text| date(name, text))
}

/// Parses canonical `MadeBooking` JSON independently and checks every field's rule.
pub fn canonical_shape(json: &str) -> Result<MadeBooking, String> {
    let b: MadeBooking = serde_json::from_str(json).map_err(|e| format!("serde_json: {e}"))?;
    let keys: Keys = serde_json::from_str(json).map_err(|e| format!("serde_json keys: {e}"))?;
    let expected: Vec<&str> = MADE_BOOKING.iter().map(|f| f.name).collect();
    if keys.top != expected {
        return Err(format!("keys {:?}, expected {expected:?}", keys.top));
    }
    let expected: Vec<&str> = PHONE_CHAT_BOOKING_USER.iter().map(|f| f.name).collect();
    if keys.candidate != expected {
        return Err(format!("Candidate keys {:?}", keys.candidate));
    }
    within("BookingID", b.booking_id, 1, INT32_MAX)?;
    within("Duration", b.duration, 1, INT32_MAX)?;
    if b.credits.0 < 0.0 {
        return Err(format!("Credits = {} is negative", b.credits.0));
    }
    if !BookingStatus::NAMES.contains(&b.status.as_str()) {
        return Err(format!("Status = {:?}", b.status));
    }
    within("Method", b.method, 1, 3)?;
    date("CreateDate", &b.create_date)?;
    date("SessionDate", &b.session_date)?;
    date("AcceptBy", &b.accept_by)?;
    nullable_date("AcceptedDate", &b.accepted_date)?;
    nullable_date("ConfirmedDate", &b.confirmed_date)?;
    nullable_date("CancelledDate", &b.cancelled_date)?;
    date("LastUpdated", &b.last_updated)?;
    let c = &b.candidate;
    within("Candidate.UserID", c.user_id, 1, INT32_MAX)?;
    within("Candidate.Total", c.total, -MAX_SAFE, MAX_SAFE)?;
    for (name, v) in [
        ("Positive", c.positive),
        ("Neutral", c.neutral),
        ("Negative", c.negative),
        ("Ratings", c.ratings),
        ("Disputes", c.disputes),
    ] {
        within(name, v, 0, MAX_SAFE)?;
    }
    Ok(b)
}

/// Whether a server message keeps its promise: one line of at most 300 characters.
pub fn message_is_one_short_line(m: &str) -> bool {
    !m.is_empty()
        && m.chars().count() <= SERVER_MESSAGE_MAX_CHARS
        && !m
            .chars()
            .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}')
        && m.trim() == m
}

/// Runs every input-facing function of the crate on `data` and checks the invariants. Panics
/// (the fuzzer's crash signal) when one does not hold; never returns a value.
pub fn check_everything(data: &[u8]) {
    let checked = schema::check(data, MADE_BOOKING);
    if checked.issues.is_empty() {
        let shape = canonical_shape(&checked.json)
            .unwrap_or_else(|e| panic!("accepted, but the canonical JSON is wrong: {e}"));
        // The top-level integers the validator reports are the values serde_json reads.
        assert_eq!(checked.int("BookingID"), Some(shape.booking_id.0));
        assert_eq!(checked.int("Duration"), Some(shape.duration.0));
        assert_eq!(checked.int("Method"), Some(shape.method.0));
        // Canonical output is a fixed point.
        let again = schema::check(checked.json.as_bytes(), MADE_BOOKING);
        assert!(again.issues.is_empty(), "re-check: {:?}", again.issues);
        assert_eq!(again.json, checked.json, "the canonical JSON is not stable");
        assert!(checked.json.len() <= data.len(), "canonical output grew");
    } else {
        for issue in &checked.issues {
            assert!(!issue.message.is_empty());
            assert!(
                issue.path.is_empty()
                    || MADE_BOOKING.iter().any(|f| issue.path.starts_with(f.name)),
                "odd path {:?}",
                issue.path
            );
        }
    }
    let sample_request = Given::Object(vec![
        ("BookingID".into(), Input::number("1")),
        ("Reason".into(), Input::Str("x".into())),
    ]);
    if let Ok(prepared) = endpoint::prepare(&endpoint::CANCEL_MADE_BOOKING, &sample_request) {
        let answer = endpoint::read_response(&endpoint::CANCEL_MADE_BOOKING, &prepared, data);
        assert_eq!(
            answer.is_ok(),
            checked.issues.is_empty() && checked.int("BookingID") == Some(1)
        );
    }

    // `None` is allowed for more than blank bodies (only control characters, only tags, an
    // empty JSON string); the corpus test pins down which readable bodies give which message.
    if let Some(m) = server_message(data) {
        assert!(message_is_one_short_line(&m), "bad server message {m:?}");
    }

    let text = String::from_utf8_lossy(data);
    let _ = datetime::parse(&text);
    let _ = datetime::parse_gmt_offset(&text);
    let _ = Input::number(&text);
    let _ = config::base_url(&text);
    let _ = retry::parse_retry_after(&text, 1.7e12);
    let given = Given::from_description(&text);
    let _ = check_params(endpoint::CANCEL_MADE_BOOKING.params, &given);
    let _ = endpoint::prepare(&endpoint::CANCEL_MADE_BOOKING, &given);
    let _ = config::check_client(&given, config::ONE_SHOT_KEYS);
    let _ = config::check_call(&given, config::CALL_KEYS);
    let _ = prereq::booking_facts(&given);
    let _ = prereq::check_options(&given);
}
