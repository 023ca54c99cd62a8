//! Endpoints as data. Each API operation is an [`Endpoint`] value; the one request/validate
//! mechanism here and in the transport serves them all.

use crate::error::{Error, ErrorKind, Issue};
use crate::input::{check_params, Given, Param, ParamKind, Value};
use crate::json;
use crate::model::MADE_BOOKING;
use crate::schema::{self, Field};

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A read: parameters in the query string, no body.
    Get,
    /// A change: parameters in a JSON body.
    Post,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One API operation.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    /// HTTP method; also decides where parameters travel.
    pub method: Method,
    /// Path below the base URL.
    pub path: &'static str,
    /// Request parameters, in the order they are sent.
    pub params: &'static [Param],
    /// Name of the response type, for messages.
    pub response_name: &'static str,
    /// Rules of the response.
    pub response: &'static [Field],
    /// A top-level response field that must equal the request parameter of the same name.
    pub echo: Option<&'static str>,
}

impl Endpoint {
    /// Whether repeating the request is harmless, so that it may be retried after network
    /// errors and timeouts, when the server may or may not have acted on it.
    pub fn safe_to_repeat(&self) -> bool {
        self.method == Method::Get
    }
}

const BOOKING_ID: Param = Param {
    name: "BookingID",
    kind: ParamKind::Id,
};

/// `POST /v1/PhoneChat/CancelMadeBooking`
pub const CANCEL_MADE_BOOKING: Endpoint = Endpoint {
    method: Method::Post,
    path: "/v1/PhoneChat/CancelMadeBooking",
    params: &[
        BOOKING_ID,
        Param {
            name: "Reason",
            kind: ParamKind::Text,
        },
    ],
    response_name: "MadeBooking",
    response: MADE_BOOKING,
    echo: Some("BookingID"),
};

/// `GET /v1/PhoneChat/MadeBookingDetails?BookingID=<id>`
pub const MADE_BOOKING_DETAILS: Endpoint = Endpoint {
    method: Method::Get,
    path: "/v1/PhoneChat/MadeBookingDetails",
    params: &[BOOKING_ID],
    response_name: "MadeBooking",
    response: MADE_BOOKING,
    echo: Some("BookingID"),
};

/// `POST /v1/PhoneChat/RescheduleMadeBooking`
pub const RESCHEDULE_MADE_BOOKING: Endpoint = Endpoint {
    method: Method::Post,
    path: "/v1/PhoneChat/RescheduleMadeBooking",
    params: &[BOOKING_ID],
    response_name: "MadeBooking",
    response: MADE_BOOKING,
    echo: Some("BookingID"),
};

/// A request ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Path and query, to append to the base URL.
    pub path_and_query: String,
    /// The JSON body, for POST.
    pub body: Option<String>,
    /// The value the response's echo field must have.
    pub echo: Option<i64>,
}

/// Checks the caller's request and encodes it. Nothing is sent when this fails.
pub fn prepare(endpoint: &Endpoint, given: &Given) -> Result<Prepared, Error> {
    let values = check_params(endpoint.params, given)
        .map_err(|issues| Error::invalid(ErrorKind::InvalidRequest, "Invalid request", issues))?;
    let mut path_and_query = String::from(endpoint.path);
    let mut body = String::new();
    let mut echo = None;
    for (i, (param, value)) in endpoint.params.iter().zip(&values).enumerate() {
        let out = match endpoint.method {
            Method::Get => {
                path_and_query.push(if i == 0 { '?' } else { '&' });
                path_and_query.push_str(param.name);
                path_and_query.push('=');
                &mut path_and_query
            }
            Method::Post => {
                body.push(if i == 0 { '{' } else { ',' });
                json::write_str(&mut body, param.name);
                body.push(':');
                &mut body
            }
        };
        match value {
            Value::Id(id) => {
                json::write_int(out, i64::from(*id));
                if endpoint.echo == Some(param.name) {
                    echo = Some(i64::from(*id));
                }
            }
            // Only POST endpoints take text; a GET one would need percent-encoding here.
            Value::Text(text) => json::write_str(out, text),
        }
    }
    let body = match endpoint.method {
        Method::Get => None,
        Method::Post => {
            if body.is_empty() {
                body.push('{');
            }
            body.push('}');
            Some(body)
        }
    };
    Ok(Prepared {
        path_and_query,
        body,
        echo,
    })
}

/// The error for a 2xx answer whose body was over the size limit (left unread).
pub fn oversized(endpoint: &Endpoint) -> Error {
    invalid_response(endpoint, vec![Issue::new("", schema::TOO_LARGE)])
}

fn invalid_response(endpoint: &Endpoint, issues: Vec<Issue>) -> Error {
    let mut what = String::from("The server's answer is not a valid ");
    what.push_str(endpoint.response_name);
    Error::invalid(ErrorKind::InvalidResponse, &what, issues)
}

/// Validates a 2xx body and returns the canonical JSON for `JSON.parse`.
pub fn read_response(
    endpoint: &Endpoint,
    prepared: &Prepared,
    body: &[u8],
) -> Result<String, Error> {
    let mut checked = schema::check(body, endpoint.response);
    if let (Some(field), Some(expected)) = (endpoint.echo, prepared.echo) {
        if let Some(got) = checked.int(field).filter(|got| *got != expected) {
            let mut m = String::from("expected the requested ");
            json::write_int(&mut m, expected);
            m.push_str(", got ");
            json::write_int(&mut m, got);
            checked.issues.push(Issue::new(field, m));
        }
    }
    if checked.issues.is_empty() {
        Ok(checked.json)
    } else {
        let mut what = String::from("The server's answer is not a valid ");
        what.push_str(endpoint.response_name);
        Err(Error::invalid(
            ErrorKind::InvalidResponse,
            &what,
            checked.issues,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Input;

    fn cancel(id: f64, reason: &str) -> Given {
        Given::Object(vec![
            ("BookingID".into(), Input::number(&id.to_string())),
            ("Reason".into(), Input::Str(reason.into())),
        ])
    }

    #[test]
    fn encodes_the_exact_body() {
        let p = prepare(
            &CANCEL_MADE_BOOKING,
            &cancel(7.0, "I've had \"something\"\ncome up"),
        )
        .unwrap();
        assert_eq!(p.path_and_query, "/v1/PhoneChat/CancelMadeBooking");
        assert_eq!(
            p.body.as_deref(),
            Some(r#"{"BookingID":7,"Reason":"I've had \"something\"\ncome up"}"#)
        );
        assert_eq!(p.echo, Some(7));
        let v: serde_json::Value = serde_json::from_str(p.body.as_deref().unwrap()).unwrap();
        assert_eq!(v["Reason"], "I've had \"something\"\ncome up");
    }

    #[test]
    fn encodes_reads_in_the_query_and_changes_in_the_body() {
        let id = Given::Object(vec![("BookingID".into(), Input::number("1003"))]);
        let details = prepare(&MADE_BOOKING_DETAILS, &id).unwrap();
        assert_eq!(
            details.path_and_query,
            "/v1/PhoneChat/MadeBookingDetails?BookingID=1003"
        );
        assert_eq!(details.body, None);
        assert_eq!(details.echo, Some(1003));
        assert!(MADE_BOOKING_DETAILS.safe_to_repeat());
        let reschedule = prepare(&RESCHEDULE_MADE_BOOKING, &id).unwrap();
        assert_eq!(
            reschedule.path_and_query,
            "/v1/PhoneChat/RescheduleMadeBooking"
        );
        assert_eq!(reschedule.body.as_deref(), Some(r#"{"BookingID":1003}"#));
        assert!(!RESCHEDULE_MADE_BOOKING.safe_to_repeat());
        assert!(!CANCEL_MADE_BOOKING.safe_to_repeat());
        let missing = prepare(&MADE_BOOKING_DETAILS, &Given::Object(vec![])).unwrap_err();
        assert_eq!(missing.issues[0].path, "BookingID");
    }

    #[test]
    fn invalid_request_is_typed_and_lists_issues() {
        let err = prepare(&CANCEL_MADE_BOOKING, &Given::NotObject(Input::Null)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidRequest);
        assert_eq!(err.issues.len(), 1);
        assert!(err
            .message
            .starts_with("Invalid request (1 problem): expected an object"));
    }

    #[test]
    fn response_must_echo_the_booking() {
        let sample = include_bytes!("../tests/fixtures/made-booking.json");
        let ok = prepare(&CANCEL_MADE_BOOKING, &cancel(1.0, "x")).unwrap();
        assert!(read_response(&CANCEL_MADE_BOOKING, &ok, sample).is_ok());
        let other = prepare(&CANCEL_MADE_BOOKING, &cancel(2.0, "x")).unwrap();
        let err = read_response(&CANCEL_MADE_BOOKING, &other, sample).unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidResponse);
        assert_eq!(
            err.issues,
            vec![Issue::new("BookingID", "expected the requested 2, got 1")]
        );
    }
}
