//! The requests and answers as the socket carries them.
#![allow(clippy::unwrap_used)]
use super::*;

#[test]
fn requests_and_answers_survive_the_socket() {
    let g = GroupId::from_bytes([1; 32]);
    let req = Request::MemberRole {
        group: g,
        member: DeviceId::from_bytes([2; 32]),
        role: Role::Moderator,
    };
    let line = serde_json::to_string(&req).unwrap();
    assert!(line.contains(r#""cmd":"member-role""#) && line.contains(r#""role":"moderator""#));
    assert_eq!(serde_json::from_str::<Request>(&line).unwrap(), req);
    let out = Output::Members(vec![
        MemberLine {
            device_id: DeviceId::from_bytes([2; 32]),
            name: "Bruno".into(),
            role: Standing::Role(Role::Admin),
            bio: "Bikes".into(),
        },
        MemberLine {
            device_id: DeviceId::from_bytes([3; 32]),
            name: "Chloé".into(),
            role: Standing::AskingToJoin,
            bio: String::new(),
        },
    ]);
    let line = serde_json::to_string(&out).unwrap();
    assert_eq!(serde_json::from_str::<Output>(&line).unwrap(), out);
    let data = out.data();
    assert_eq!(data[0]["role"], "admin");
    assert_eq!(data[1]["role"], "asking-to-join");
    assert_eq!(data[0]["bio"], "Bikes");
    assert_eq!(Output::Saved.data(), serde_json::Value::Null);
}

#[test]
fn a_request_with_a_bad_id_is_not_understood() {
    let line = r#"{"cmd":"feed","group":"riverside"}"#;
    assert!(serde_json::from_str::<Request>(line).is_err());
    let line = r#"{"cmd":"member-role","group":"0101010101010101010101010101010101010101010101010101010101010101","member":"0202020202020202020202020202020202020202020202020202020202020202","role":"king"}"#;
    assert!(serde_json::from_str::<Request>(line).is_err());
}
