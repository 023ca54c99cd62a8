//! Decodes a booking with six wrong fields and one missing field through `eserde::json` and
//! prints every error it reports, with its path.

use serde::Deserialize;

/// A rule newtype, as the SDK's `BookingId` (its own `Deserialize` checks the range).
#[derive(Debug)]
struct BookingId(#[allow(dead_code)] i64);

impl<'de> Deserialize<'de> for BookingId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(d)?;
        if (1..=i64::from(i32::MAX)).contains(&n) {
            Ok(BookingId(n))
        } else {
            Err(serde::de::Error::custom(format!(
                "expected an integer from 1 to 2147483647, got {n}"
            )))
        }
    }
}

#[derive(Debug, eserde::Deserialize)]
enum Status {
    Pending,
    Cancelled,
}

#[allow(dead_code)]
#[derive(Debug, eserde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Candidate {
    #[serde(rename = "UserID")]
    #[eserde(compat)]
    user_id: BookingId,
    total: i32,
    nickname: String,
}

#[allow(dead_code)]
#[derive(Debug, eserde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct MadeBooking {
    #[serde(rename = "BookingID")]
    #[eserde(compat)]
    booking_id: BookingId,
    duration: u32,
    status: Status,
    create_date: String,
    candidate: Candidate,
    comments: Option<String>,
}

const TEXT: &str = r#"{"BookingID":0,"Duration":-5,"Status":"Nope","Candidate":{"UserID":"x","Total":1.5,"Nickname":3},"Comments":null}"#;

fn main() {
    println!("input: {TEXT}\n");
    match eserde::json::from_str::<MadeBooking>(TEXT) {
        Ok(value) => println!("eserde: accepted {value:?}"),
        Err(errors) => {
            println!("eserde::json::from_str: {} errors", errors.len());
            for e in errors.iter() {
                let path = e.path().map(|p| p.to_string()).unwrap_or_default();
                println!("  {path:<28} {}", e.message());
            }
        }
    }
}
