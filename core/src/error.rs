//! Errors of the core crate.

use automerge::ChangeHash;

use crate::problem::Problem;

/// What went wrong in a core operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CoreError {
    /// Text that should be an id is not one.
    #[error("{what} {input:?} is not valid")]
    InvalidId {
        /// Which kind of id was expected.
        what: &'static str,
        /// The offending text (truncated).
        input: String,
    },
    /// A value a person typed is not acceptable; the problem says what to change.
    #[error("{0}")]
    InvalidInput(Problem),
    /// A signature does not verify against the claimed author.
    #[error("the signature does not match its author")]
    BadSignature,
    /// The local device's role does not allow this action.
    #[error("{0}")]
    NotPermitted(Problem),
    /// The thing acted on does not exist in this group.
    #[error("{0}")]
    NotFound(Problem),
    /// The stored document could not be read.
    #[error("the group document is damaged: {0}")]
    Document(String),
    /// A change the store holds is unknown to the document (internal inconsistency).
    #[error("change {0} is missing from the group document")]
    MissingChange(ChangeHash),
}

/// Why a change that arrived from elsewhere was not accepted. Every peer reaches the same verdict
/// for the same change, whatever order changes arrive in.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The bytes are not a well-formed Automerge change of the kind Causeway writes.
    #[error("malformed change: {0}")]
    Malformed(String),
    /// The signature does not verify against the author the change claims.
    #[error("signature does not match the claimed author")]
    BadSignature,
    /// Neither a signature nor a later signed change by the same author vouches for it.
    #[error("no signature from its author")]
    Unsigned,
    /// The author is not a member of the group at that point in its history.
    #[error("author is not a member of the group")]
    NotAMember,
    /// The author is a member but their role does not allow what the change does.
    #[error("not allowed: {0}")]
    NotPermitted(String),
    /// The change does something no role may do in this schema.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// The change builds on a change that was rejected.
    #[error("depends on a rejected change")]
    DependsOnRejected,
    /// A second root change, or a root change that is not this group's genesis.
    #[error("not part of this group")]
    WrongGroup,
    /// The change touches a collection that a schema version newer than this build's brought:
    /// it cannot be judged here. Such a change is not refused but *held* (kept and passed on,
    /// masked in every view); this is the reason an [`crate::IngestReport`] gives for it.
    #[error(
        "needs a newer version of Causeway (schema version {0} or later): kept and passed on, not shown"
    )]
    NewerSchema(i64),
}
