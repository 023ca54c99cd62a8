//! A JSON object kept member by member, each value as its exact JSON text.
//!
//! Bookings planted through `PUT /__emulator/bookings/<id>` must be served back *as stored*:
//! the SDK's tests use them to probe its response validation, so `8.0000` must stay `8.0000`,
//! keys must keep their order and a duplicated key must stay duplicated. A
//! `serde_json::Value` would re-print numbers and sort or merge keys (its `preserve_order` and
//! `arbitrary_precision` features would change that, but features are unified across the
//! workspace and would change the SDK's own tests, which use `serde_json` as a reference).
//! So serde_json parses and validates the text, and [`JsonObject`] keeps the members in order
//! with each value as a [`RawValue`] (the `raw_value` feature, which changes nothing else):
//!
//! - lookups read the *last* duplicate (as `JSON.parse` does);
//! - [`JsonObject::set`] overwrites every duplicate in place, or appends the member;
//! - serializing writes the members in order, values byte for byte.

use std::fmt;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

/// A JSON object as an ordered list of members (duplicates allowed), values as raw JSON.
#[derive(Debug, Clone, Default)]
pub struct JsonObject(Vec<(String, Box<RawValue>)>);

impl JsonObject {
    /// Parses a JSON text that must be one object.
    pub fn parse(text: &str) -> serde_json::Result<JsonObject> {
        serde_json::from_str(text)
    }

    /// The object a serializable value turns into (an error if it is not an object).
    pub fn from_serialize<T: Serialize>(value: &T) -> serde_json::Result<JsonObject> {
        JsonObject::parse(&serde_json::to_string(value)?)
    }

    /// The raw value of `key` (the last one when the key is duplicated).
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| &**v)
    }

    /// The value of `key` read as a `T`, if it is present and of that type.
    pub fn get_as<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        serde_json::from_str(self.get(key)?.get()).ok()
    }

    /// Sets `key`: every existing occurrence is overwritten in place (keeping the key order),
    /// or the member is appended. A value that cannot be serialized is written as `null`.
    pub fn set<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        let raw = serde_json::value::to_raw_value(value).unwrap_or_else(|_| null());
        self.put(key, raw);
    }

    /// Sets every member of `patch` (a value that serializes as an object), in its order, as
    /// [`JsonObject::set`] does. A value that is not an object changes nothing.
    pub fn merge<T: Serialize>(&mut self, patch: &T) {
        if let Ok(JsonObject(members)) = JsonObject::from_serialize(patch) {
            for (key, raw) in members {
                self.put(&key, raw);
            }
        }
    }

    /// [`JsonObject::set`] with the value's JSON text.
    fn put(&mut self, key: &str, raw: Box<RawValue>) {
        let mut found = false;
        for (k, v) in &mut self.0 {
            if k == key {
                v.clone_from(&raw);
                found = true;
            }
        }
        if !found {
            self.0.push((key.to_owned(), raw));
        }
    }

    /// The members in order.
    pub fn members(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), &**v))
    }

    /// The member names in order.
    pub fn keys(&self) -> Vec<&str> {
        self.0.iter().map(|(k, _)| k.as_str()).collect()
    }

    /// Compact JSON text.
    pub fn to_json(&self) -> String {
        // Writing strings and raw values into a String cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// `null` as a raw value.
fn null() -> Box<RawValue> {
    RawValue::NULL.to_owned()
}

impl Serialize for JsonObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de> Deserialize<'de> for JsonObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<JsonObject, D::Error> {
        struct Members;

        impl<'de> Visitor<'de> for Members {
            type Value = JsonObject;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonObject, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push(member);
                }
                Ok(JsonObject(members))
            }
        }

        deserializer.deserialize_map(Members)
    }
}

/// The name of a JSON value's type, for error messages ("an array"), from its first byte (the
/// text has already been validated by serde_json).
pub fn type_name(raw: &RawValue) -> &'static str {
    match raw.get().trim_start().bytes().next() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// Whether a validated JSON text is an object.
pub fn is_object(raw: &RawValue) -> bool {
    type_name(raw) == "an object"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_exactly() {
        let text = r#"{"b":1,"a":[8.0000,1e2,-0,true,null],"b":"x\u00e9\n","c":{"z":1,"y":2}}"#;
        let object = JsonObject::parse(text).unwrap();
        assert_eq!(object.to_json(), text);
        assert_eq!(object.get_as::<String>("b").as_deref(), Some("xé\n"));
        assert_eq!(object.keys(), ["b", "a", "b", "c"]);
    }

    #[test]
    fn set_overwrites_every_duplicate_and_appends_new_keys() {
        let mut object = JsonObject::parse(r#"{"a":1,"b":2,"a":3}"#).unwrap();
        object.set("a", &9);
        object.set("z", &None::<String>);
        object.set("s", "Café ☕");
        assert_eq!(
            object.to_json(),
            r#"{"a":9,"b":2,"a":9,"z":null,"s":"Café ☕"}"#
        );
    }

    #[test]
    fn merge_sets_each_member_of_a_patch_in_order() {
        #[derive(Serialize)]
        struct Patch {
            z: Option<u8>,
            a: &'static str,
        }
        let mut object = JsonObject::parse(r#"{"a":1,"b":2.50}"#).unwrap();
        object.merge(&Patch { z: None, a: "x" });
        assert_eq!(object.to_json(), r#"{"a":"x","b":2.50,"z":null}"#);
        object.merge(&[1, 2]);
        assert_eq!(object.to_json(), r#"{"a":"x","b":2.50,"z":null}"#);
    }

    #[test]
    fn only_objects_are_objects() {
        for (text, name) in [
            ("[1]", "an array"),
            ("\"x\"", "a string"),
            ("null", "null"),
            ("true", "a boolean"),
            ("-1", "a number"),
            (" {}", "an object"),
        ] {
            let raw: Box<RawValue> = serde_json::from_str(text).unwrap();
            assert_eq!(type_name(&raw), name, "{text}");
            assert_eq!(
                JsonObject::parse(text).is_ok(),
                name == "an object",
                "{text}"
            );
        }
        for bad in ["", "{", "{\"a\"}", "{\"a\":1,}", "[1] x"] {
            assert!(JsonObject::parse(bad).is_err(), "{bad:?}");
        }
        let deep = format!("{{\"a\":{}", "[".repeat(100_000));
        assert!(JsonObject::parse(&deep).is_err(), "nesting is limited");
    }
}

/// The wire names of the SDK's answer types, in declaration order, as the SDK's own `Serialize`
/// writes them (read off a value of each: the documented sample booking, its candidate, and a
/// delete result). Tests hold the emulator's answers against these, so a field renamed in the
/// SDK fails there instead of being served under its old name.
pub mod sdk_fields {
    use adultwork_sdk::model::{DeleteResult, MadeBooking};

    use super::JsonObject;

    fn keys<T: serde::Serialize>(value: &T) -> Vec<String> {
        JsonObject::from_serialize(value)
            .map(|o| o.keys().into_iter().map(str::to_owned).collect())
            .unwrap_or_default()
    }

    fn sample() -> Option<MadeBooking> {
        serde_json::from_str(include_str!("../../fixtures/made-booking.json")).ok()
    }

    /// `MadeBooking`'s fields.
    pub fn made_booking() -> Vec<String> {
        sample().map(|b| keys(&b)).unwrap_or_default()
    }

    /// `PhoneChatBookingUser`'s fields.
    pub fn candidate() -> Vec<String> {
        sample().map(|b| keys(&b.candidate)).unwrap_or_default()
    }

    /// `DeleteResult`'s fields.
    pub fn delete_result() -> Vec<String> {
        let Some(booking) = sample() else {
            return Vec::new();
        };
        keys(&DeleteResult {
            booking_id: booking.booking_id,
            deleted: true,
            message: None,
        })
    }
}
