//! Roles and the permission table. ARCHITECTURE.md holds the same table in prose.

use std::fmt;

/// A member's role. The order matters: each role can do everything the ones before it can.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads, posts, comments, reacts; edits and deletes their own posts and comments.
    Member,
    /// A member who may also hide and unhide anyone's posts and comments.
    Moderator,
    /// A moderator who may also edit the group's description and add, remove and change the
    /// role of members and moderators.
    Admin,
    /// The group's creator: everything an admin can do, plus appointing and removing admins.
    /// Exactly one per group; the owner can be neither removed nor demoted.
    Owner,
}

impl Role {
    /// The word stored in the document.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
            Role::Owner => "owner",
        }
    }

    /// Parses the stored word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "member" => Role::Member,
            "moderator" => Role::Moderator,
            "admin" => Role::Admin,
            "owner" => Role::Owner,
            _ => return None,
        })
    }

    /// Whether someone with this role may set a person whose role is `target` (None: not a
    /// member, e.g. being added) to `new` (None: removed).
    ///
    /// Admins manage members and moderators; only the owner appoints, demotes or removes admins;
    /// nobody changes the owner, and nobody becomes owner after the group's creation.
    pub fn may_set_role(self, target: Option<Role>, new: Option<Role>) -> bool {
        if target == Some(Role::Owner) || new == Some(Role::Owner) {
            return false;
        }
        match self {
            Role::Owner => true,
            Role::Admin => {
                !matches!(target, Some(Role::Admin)) && !matches!(new, Some(Role::Admin))
            }
            Role::Moderator | Role::Member => false,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_may_appoint_and_remove_admins() {
        assert!(Role::Owner.may_set_role(Some(Role::Member), Some(Role::Admin)));
        assert!(Role::Owner.may_set_role(Some(Role::Admin), None));
    }

    #[test]
    fn admin_may_manage_members_and_moderators_but_not_admins() {
        assert!(Role::Admin.may_set_role(None, Some(Role::Member)));
        assert!(Role::Admin.may_set_role(Some(Role::Member), Some(Role::Moderator)));
        assert!(Role::Admin.may_set_role(Some(Role::Moderator), None));
        assert!(!Role::Admin.may_set_role(Some(Role::Member), Some(Role::Admin)));
        assert!(!Role::Admin.may_set_role(Some(Role::Admin), None));
    }

    #[test]
    fn nobody_may_touch_the_owner_or_create_another() {
        for r in [Role::Member, Role::Moderator, Role::Admin, Role::Owner] {
            assert!(!r.may_set_role(Some(Role::Owner), None));
            assert!(!r.may_set_role(Some(Role::Member), Some(Role::Owner)));
        }
    }

    #[test]
    fn members_and_moderators_may_not_manage_anyone() {
        for r in [Role::Member, Role::Moderator] {
            assert!(!r.may_set_role(None, Some(Role::Member)));
            assert!(!r.may_set_role(Some(Role::Member), None));
        }
    }
}
