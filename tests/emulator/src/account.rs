//! Who the emulator's bearer tokens act as.
//!
//! A token is read from `Authorization: bearer <token>` (the scheme in any case, one space or
//! tab before the token, white space around it ignored). Every accepted token grants the scope
//! `account_phonechat_bookings` and acts as one [`Account`]:
//!
//! | token                                             | account                                      |
//! |---------------------------------------------------|----------------------------------------------|
//! | `test-token`, or any token starting `ok-`         | 424242 `BookingClient`, the client           |
//! | `performer-token`, or any starting `performer-`   | 3004 `LateNightLaura`, a performer           |
//! | `manager-token`, or any starting `manager-`       | 717171 `GroupManager`, manager of [`GROUP`]  |
//! | `member-token`, or any starting `member-`         | 616161 `GroupMember`, its member (a client)  |
//! | `noscope-token`, or any token starting `noscope-` | none: a token without the scope (`403`)      |
//! | anything else, or no `Authorization`              | none: `401`                                  |
//!
//! Tokens never reach the stderr lines (see [`crate::server`]); the control API's request log
//! keeps every header, `Authorization` included, for tests to read.

use http::header::AUTHORIZATION;
use http::HeaderMap;

use crate::seed::LATE_NIGHT_LAURA;
use crate::state::{
    CLIENT_BALANCE, CLIENT_NICKNAME, CLIENT_USER_ID, MANAGER_USER_ID, MEMBER_USER_ID,
};

/// A user an accepted token acts as.
#[derive(Debug)]
pub struct Account {
    /// The user ID (the owner of the bookings the user makes).
    pub user_id: i64,
    /// The nickname (what `CancelledBy` says after the user cancels).
    pub nickname: &'static str,
    /// The credit balance (what a reschedule needs).
    pub balance: f64,
    /// The PhoneChat number of the user's settings (`GetSettings`).
    pub phone_chat_number: &'static str,
    /// Whether the settings show that number (`GetSettings`).
    pub show_phone_chat_number: bool,
    /// The token that acts as this account.
    token: &'static str,
    /// Any token starting with this acts as this account too.
    prefix: &'static str,
}

impl Account {
    /// Whether `token` acts as this account.
    fn accepts(&self, token: &str) -> bool {
        token == self.token || token.starts_with(self.prefix)
    }
}

/// The client: every seeded booking but 2001 is theirs.
pub static CLIENT: Account = Account {
    user_id: CLIENT_USER_ID,
    nickname: CLIENT_NICKNAME,
    balance: CLIENT_BALANCE,
    phone_chat_number: "447700900123",
    show_phone_chat_number: false,
    token: "test-token",
    prefix: "ok-",
};

/// The performer: 3004 LateNightLaura, one of the PhoneChat users clients book, who receives
/// the bookings made with her (1004, 1101–1105, and any the client creates with her).
pub static PERFORMER: Account = Account {
    user_id: LATE_NIGHT_LAURA.id() as i64,
    nickname: LATE_NIGHT_LAURA.nickname(),
    balance: 100.0,
    phone_chat_number: "447700900404",
    show_phone_chat_number: true,
    token: "performer-token",
    prefix: "performer-",
};

/// The manager of the seeded group ([`GROUP`]); makes no bookings of their own.
pub static MANAGER: Account = Account {
    user_id: MANAGER_USER_ID,
    nickname: "GroupManager",
    balance: 100.0,
    phone_chat_number: "447700900717",
    show_phone_chat_number: false,
    token: "manager-token",
    prefix: "manager-",
};

/// The member of the seeded group, a client who made bookings 2101 and 2102.
pub static MEMBER: Account = Account {
    user_id: MEMBER_USER_ID,
    nickname: "GroupMember",
    balance: 100.0,
    phone_chat_number: "447700900616",
    show_phone_chat_number: false,
    token: "member-token",
    prefix: "member-",
};

/// The accounts tokens act as.
pub static ACCOUNTS: [&Account; 4] = [&CLIENT, &PERFORMER, &MANAGER, &MEMBER];

/// A group: its manager may act for its members through the `/v1/Groups/...` endpoints.
#[derive(Debug)]
pub struct Group {
    /// The manager's user ID.
    pub manager: i64,
    /// The members' user IDs.
    pub members: &'static [i64],
}

impl Group {
    /// Whether `user` is a member.
    pub fn has_member(&self, user: i64) -> bool {
        self.members.contains(&user)
    }
}

/// The seeded group: [`MANAGER`] manages it, [`MEMBER`] is its only member (the client, the
/// performer and the other client are not members).
pub static GROUP: Group = Group {
    manager: MANAGER_USER_ID,
    members: &[MEMBER_USER_ID],
};

/// The groups.
pub static GROUPS: [&Group; 1] = [&GROUP];

impl Account {
    /// The group this account manages, if it is a group manager.
    pub fn managed_group(&self) -> Option<&'static Group> {
        GROUPS
            .iter()
            .copied()
            .find(|group| group.manager == self.user_id)
    }
}

/// What the `Authorization` header of a request grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No bearer token, or one the emulator does not know: `401`.
    Denied,
    /// A known token without the scope: `403`.
    NoScope,
    /// The scope, acting as this account.
    Granted(&'static Account),
}

impl PartialEq for Account {
    fn eq(&self, other: &Account) -> bool {
        self.user_id == other.user_id
    }
}

impl Eq for Account {}

/// What the request's `Authorization` header grants.
pub fn access(headers: &HeaderMap) -> Access {
    let Some(value) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Access::Denied;
    };
    let Some((scheme, token)) = value.trim().split_once([' ', '\t']) else {
        return Access::Denied;
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Access::Denied;
    }
    let token = token.trim();
    if token == "noscope-token" || token.starts_with("noscope-") {
        return Access::NoScope;
    }
    match ACCOUNTS.iter().find(|account| account.accepts(token)) {
        Some(account) => Access::Granted(account),
        None => Access::Denied,
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    #[test]
    fn only_the_manager_manages_the_group() {
        assert!(std::ptr::eq(MANAGER.managed_group().unwrap(), &GROUP));
        for account in [&CLIENT, &PERFORMER, &MEMBER] {
            assert!(account.managed_group().is_none(), "{}", account.nickname);
        }
        assert!(GROUP.has_member(MEMBER.user_id));
        for account in [&CLIENT, &PERFORMER, &MANAGER] {
            assert!(!GROUP.has_member(account.user_id), "{}", account.nickname);
        }
        let ids: Vec<i64> = ACCOUNTS.iter().map(|a| a.user_id).collect();
        assert_eq!(ids, [424_242, 3004, 717_171, 616_161]);
    }

    fn with(value: &str) -> Access {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        access(&headers)
    }

    #[test]
    fn tokens_act_as_their_accounts() {
        assert_eq!(access(&HeaderMap::new()), Access::Denied);
        for value in [
            "bearer test-token",
            "Bearer ok-1",
            "BEARER\tok-",
            " bearer  test-token ",
        ] {
            assert_eq!(with(value), Access::Granted(&CLIENT), "{value}");
        }
        for value in ["bearer performer-token", "Bearer performer-2"] {
            assert_eq!(with(value), Access::Granted(&PERFORMER), "{value}");
        }
        assert_eq!(with("bearer manager-token"), Access::Granted(&MANAGER));
        assert_eq!(with("bearer manager-1"), Access::Granted(&MANAGER));
        assert_eq!(with("bearer member-token"), Access::Granted(&MEMBER));
        assert_eq!(with("bearer member-1"), Access::Granted(&MEMBER));
        for value in ["bearer noscope-token", "bearer noscope-x"] {
            assert_eq!(with(value), Access::NoScope, "{value}");
        }
        for value in [
            "bearer",
            "test-token",
            "Basic test-token",
            "bearer wrong",
            "bearer OK-1",
        ] {
            assert_eq!(with(value), Access::Denied, "{value}");
        }
    }
}
