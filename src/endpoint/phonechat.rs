//! The PhoneChat endpoints: each one's declaration (`impl Endpoint`) and its method on
//! [`AdultWorkClient`].

use super::{Endpoint, Method};
use crate::client::{AdultWorkClient, RequestOptions};
use crate::error::{Error, Issue};
use crate::model::{DeleteResult, DeleteResults, MadeBooking};
use crate::requests::{
    BookingIdRequest, CancelMadeBookingRequest, CreateBookingRequest, DeleteMadeBookingsRequest,
    MadeBookingDetailsRequest,
};
use crate::rules::{BookingId, UserId};

/// `POST /v1/PhoneChat/CancelMadeBooking`: see [`AdultWorkClient::cancel_made_booking`].
#[derive(Debug, Clone, Copy)]
pub struct CancelMadeBooking;

impl Endpoint for CancelMadeBooking {
    type Request = CancelMadeBookingRequest;
    type Answer = MadeBooking;
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/v1/PhoneChat/CancelMadeBooking";
    fn check(request: &Self::Request, answer: &MadeBooking) -> Vec<Issue> {
        same_booking(request.booking_id, answer.booking_id)
    }
}

/// `GET /v1/PhoneChat/MadeBookingDetails`: see [`AdultWorkClient::get_made_booking_details`].
#[derive(Debug, Clone, Copy)]
pub struct MadeBookingDetails;

impl Endpoint for MadeBookingDetails {
    type Request = MadeBookingDetailsRequest;
    type Answer = MadeBooking;
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/v1/PhoneChat/MadeBookingDetails";
    fn path(request: &MadeBookingDetailsRequest) -> &'static str {
        match request.user_id {
            Some(_) => "/v1/Groups/PhoneChat/MadeBookingDetails",
            None => Self::PATH,
        }
    }
    fn check(request: &Self::Request, answer: &MadeBooking) -> Vec<Issue> {
        same_booking(request.booking_id, answer.booking_id)
    }
}

/// `POST /v1/PhoneChat/RescheduleMadeBooking`: see
/// [`AdultWorkClient::reschedule_made_booking`].
#[derive(Debug, Clone, Copy)]
pub struct RescheduleMadeBooking;

impl Endpoint for RescheduleMadeBooking {
    type Request = BookingIdRequest;
    type Answer = MadeBooking;
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/v1/PhoneChat/RescheduleMadeBooking";
    fn check(request: &Self::Request, answer: &MadeBooking) -> Vec<Issue> {
        same_booking(request.booking_id, answer.booking_id)
    }
}

/// `POST /v1/PhoneChat/CreateBooking`: see [`AdultWorkClient::create_booking`].
#[derive(Debug, Clone, Copy)]
pub struct CreateBooking;

impl Endpoint for CreateBooking {
    type Request = CreateBookingRequest;
    type Answer = MadeBooking;
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/v1/PhoneChat/CreateBooking";
    fn check(request: &Self::Request, answer: &MadeBooking) -> Vec<Issue> {
        same_user(request.book_user_id, answer.candidate.user_id)
    }
    const UNREADABLE_ANSWER: Option<&'static str> = Some(
        "The booking may have been created, but the server's answer is not a valid \
         MadeBooking (read your bookings before trying again)",
    );
}

/// `POST /v1/PhoneChat/DeleteMadeBookings`: see [`AdultWorkClient::delete_made_bookings`].
#[derive(Debug, Clone, Copy)]
pub struct DeleteMadeBookings;

impl Endpoint for DeleteMadeBookings {
    type Request = DeleteMadeBookingsRequest;
    type Answer = DeleteResults;
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/v1/PhoneChat/DeleteMadeBookings";
    fn check(request: &Self::Request, answer: &DeleteResults) -> Vec<Issue> {
        one_result_each(request.booking_ids.ids(), &answer.0)
    }
}

/// `POST /v1/PhoneChat/DeleteReceivedBooking` (singular, as the API spells it): see
/// [`AdultWorkClient::delete_received_bookings`].
#[derive(Debug, Clone, Copy)]
pub struct DeleteReceivedBooking;

impl Endpoint for DeleteReceivedBooking {
    type Request = DeleteMadeBookingsRequest;
    type Answer = DeleteResults;
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/v1/PhoneChat/DeleteReceivedBooking";
    fn check(request: &Self::Request, answer: &DeleteResults) -> Vec<Issue> {
        one_result_each(request.booking_ids.ids(), &answer.0)
    }
}

impl AdultWorkClient {
    /// Cancels a PhoneChat booking the logged-in user made
    /// (`POST /v1/PhoneChat/CancelMadeBooking`).
    ///
    /// Resolves to the updated booking, every field validated; [`Error::Conflict`] when the
    /// booking can no longer be cancelled. Network errors and timeouts are not retried: the
    /// server may already have cancelled (read the booking to find out).
    ///
    /// # Example
    ///
    /// ```no_run
    /// # use adultwork_sdk::{AdultWorkClient, Error, requests::CancelMadeBookingRequest};
    /// use adultwork_sdk::rules::{BookingId, NonBlank};
    ///
    /// # async fn example(client: &AdultWorkClient) -> Result<(), Box<dyn std::error::Error>> {
    /// let request = CancelMadeBookingRequest {
    ///     booking_id: BookingId::try_from(1001)?,
    ///     reason: NonBlank::try_from("Plans changed")?,
    /// };
    /// let booking = client.cancel_made_booking(&request).await?;
    /// # Ok(()) }
    /// ```
    pub async fn cancel_made_booking(
        &self,
        request: &CancelMadeBookingRequest,
    ) -> Result<MadeBooking, Error> {
        self.send::<CancelMadeBooking>(request, &RequestOptions::default())
            .await
    }

    /// Reads one PhoneChat booking the logged-in user made
    /// (`GET /v1/PhoneChat/MadeBookingDetails?BookingID=…`), or, for a group manager who gives
    /// a member's `user_id`, one the member made (`GET /v1/Groups/PhoneChat/MadeBookingDetails`).
    ///
    /// Resolves to the booking, every field validated; [`Error::NotFound`] for a booking that
    /// is not the caller's (or the member's). Being a read, it is also retried after network
    /// errors, timeouts, `502` and `504` (within the client's retries), besides `429` and `503`.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # use adultwork_sdk::{AdultWorkClient, requests::MadeBookingDetailsRequest};
    /// use adultwork_sdk::rules::{BookingId, UserId};
    ///
    /// # async fn example(client: &AdultWorkClient) -> Result<(), Box<dyn std::error::Error>> {
    /// let mine = MadeBookingDetailsRequest::from(BookingId::try_from(1001)?);
    /// let booking = client.get_made_booking_details(&mine).await?;
    /// println!("{:?} on {}", booking.status, booking.session_date.as_str());
    ///
    /// // A group manager reading a member's booking:
    /// let theirs = MadeBookingDetailsRequest {
    ///     booking_id: BookingId::try_from(2101)?,
    ///     user_id: Some(UserId::try_from(616161)?),
    /// };
    /// let booking = client.get_made_booking_details(&theirs).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_made_booking_details(
        &self,
        request: &MadeBookingDetailsRequest,
    ) -> Result<MadeBooking, Error> {
        self.send::<MadeBookingDetails>(request, &RequestOptions::default())
            .await
    }

    /// Reschedules a PhoneChat booking whose session has passed
    /// (`POST /v1/PhoneChat/RescheduleMadeBooking`): the server sets a new `SessionDate` 5–10
    /// minutes from now and keeps everything else.
    ///
    /// Resolves to the updated booking, every field validated. The server refuses
    /// ([`Error::Conflict`]) when the session has not passed or the client lacks credits.
    /// Network errors and timeouts are not retried: the server may already have rescheduled.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # use adultwork_sdk::{AdultWorkClient, requests::BookingIdRequest, rules::BookingId};
    /// # async fn example(client: &AdultWorkClient) -> Result<(), Box<dyn std::error::Error>> {
    /// let request = BookingIdRequest { booking_id: BookingId::try_from(1004)? };
    /// let booking = client.reschedule_made_booking(&request).await?;
    /// # Ok(()) }
    /// ```
    pub async fn reschedule_made_booking(
        &self,
        request: &BookingIdRequest,
    ) -> Result<MadeBooking, Error> {
        self.send::<RescheduleMadeBooking>(request, &RequestOptions::default())
            .await
    }

    /// Books a PhoneChat session with another user (`POST /v1/PhoneChat/CreateBooking`).
    ///
    /// The request's rules across fields are checked first, every problem at once, and
    /// nothing is sent when one fails (a `PhoneNumber` missing with `Method` 1, `AcceptBy` not
    /// before `SessionDate`). Only the fields the chosen `Method` uses go on the wire.
    /// Resolves to the new booking, every field validated. Network errors and timeouts are not
    /// retried: the booking may have been made (read your bookings before trying again); so
    /// may it when the answer fails validation.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # use adultwork_sdk::{AdultWorkClient, model::CallMethod, requests::CreateBookingRequest};
    /// use adultwork_sdk::rules::{BookingTime, CreditsOffer, PhoneNumber, SessionMinutes, UserId};
    ///
    /// # async fn example(client: &AdultWorkClient) -> Result<(), Box<dyn std::error::Error>> {
    /// let request = CreateBookingRequest {
    ///     book_user_id: UserId::try_from(2001)?,
    ///     session_date: "2026-12-01 18:30".parse::<BookingTime>()?,
    ///     duration: SessionMinutes::try_from(30)?,
    ///     method: CallMethod::BookedUserCalls,
    ///     phone_number: Some("07700900123".parse::<PhoneNumber>()?),
    ///     skype_name: None,
    ///     credits: CreditsOffer::try_from(30)?,
    ///     accept_by: "2026-12-01 17:00".parse::<BookingTime>()?,
    ///     comments: None,
    /// };
    /// let booking = client.create_booking(&request).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_booking(
        &self,
        request: &CreateBookingRequest,
    ) -> Result<MadeBooking, Error> {
        self.send::<CreateBooking>(request, &RequestOptions::default())
            .await
    }

    /// Deletes finished PhoneChat bookings the logged-in user made
    /// (`POST /v1/PhoneChat/DeleteMadeBookings`), 1 to 100 at a time.
    ///
    /// Resolves to one [`DeleteResult`] per requested booking: `deleted: false` with the
    /// server's `message` for one it refused (only `Rejected`, `Cancelled` and `Confirmed`
    /// bookings can be deleted; see [`crate::prereq::can_delete`]). The IDs are sent as the one
    /// comma-separated string the API takes.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # use adultwork_sdk::{AdultWorkClient, requests::DeleteMadeBookingsRequest};
    /// use adultwork_sdk::rules::{BookingId, BookingIds};
    ///
    /// # async fn example(client: &AdultWorkClient) -> Result<(), Box<dyn std::error::Error>> {
    /// let ids = vec![BookingId::try_from(1002)?, BookingId::try_from(1003)?];
    /// let request = DeleteMadeBookingsRequest { booking_ids: BookingIds::new(ids)? };
    /// for result in client.delete_made_bookings(&request).await?.0 {
    ///     if !result.deleted {
    ///         println!("{}: {:?}", result.booking_id, result.message);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn delete_made_bookings(
        &self,
        request: &DeleteMadeBookingsRequest,
    ) -> Result<DeleteResults, Error> {
        self.send::<DeleteMadeBookings>(request, &RequestOptions::default())
            .await
    }

    /// Deletes finished PhoneChat bookings the logged-in user received, as the booked user
    /// (`POST /v1/PhoneChat/DeleteReceivedBooking`), 1 to 100 at a time: as
    /// [`delete_made_bookings`](Self::delete_made_bookings), from the other side.
    ///
    /// # Example
    ///
    /// ```no_run
    /// # use adultwork_sdk::{AdultWorkClient, requests::DeleteMadeBookingsRequest};
    /// use adultwork_sdk::rules::{BookingId, BookingIds};
    ///
    /// # async fn example(client: &AdultWorkClient) -> Result<(), Box<dyn std::error::Error>> {
    /// let ids = BookingIds::new(vec![BookingId::try_from(1103)?])?;
    /// let results = client
    ///     .delete_received_bookings(&DeleteMadeBookingsRequest { booking_ids: ids })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_received_bookings(
        &self,
        request: &DeleteMadeBookingsRequest,
    ) -> Result<DeleteResults, Error> {
        self.send::<DeleteReceivedBooking>(request, &RequestOptions::default())
            .await
    }
}

/// The answer is about the booking that was asked for.
fn same_booking(requested: BookingId, answered: BookingId) -> Vec<Issue> {
    if requested == answered {
        Vec::new()
    } else {
        vec![Issue::new(
            "BookingID",
            format!("expected the requested {requested}, got {answered}"),
        )]
    }
}

/// The answer is about the user that was booked.
fn same_user(requested: UserId, answered: UserId) -> Vec<Issue> {
    if requested == answered {
        Vec::new()
    } else {
        vec![Issue::new(
            "Candidate.UserID",
            format!("expected the booked user {requested} (BookUserID), got {answered}"),
        )]
    }
}

/// One result per requested booking: none that was not asked for, none twice, none missing.
fn one_result_each(requested: &[BookingId], results: &[DeleteResult]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (i, result) in results.iter().enumerate() {
        let id = result.booking_id;
        let path = format!("[{i}].BookingID");
        if !requested.contains(&id) {
            issues.push(Issue::new(
                path,
                format!("expected a requested booking, got {id}"),
            ));
        } else if results
            .iter()
            .take(i)
            .any(|earlier| earlier.booking_id == id)
        {
            issues.push(Issue::new(
                path,
                format!("expected one result per booking, got {id} again"),
            ));
        }
    }
    let missing: Vec<String> = requested
        .iter()
        .filter(|id| results.iter().all(|r| r.booking_id != **id))
        .map(ToString::to_string)
        .collect();
    if !missing.is_empty() {
        issues.push(Issue::new(
            "",
            format!(
                "expected a result for every requested booking, none for {}",
                missing.join(", ")
            ),
        ));
    }
    issues
}
