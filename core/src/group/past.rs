//! What a change needs of its causal past ([`Needs`]), checked against the document at the
//! change's dependencies: who organises an event there, whether a poll was closed there, how
//! many places a shift had left. The verdict depends on the change and its past only, so
//! every peer reaches the same one whatever arrived since.
//!
//! Values are read as recorded (a value a revoked change wrote still counts here), as the
//! ledger's permanent checks read roles.

use automerge::{Automerge, ChangeHash, ObjId as ExId, ReadDoc, ScalarValue, Value};

use crate::collections::attachments::{self, Attachments};
use crate::collections::polls::{CLOSED, MAX_OPTIONS, MULTIPLE, OPEN, OPTIONS};
use crate::collections::shifts::PLACES;
use crate::collections::{Collection, Needs, ObjRef};
use crate::error::Rejection;
use crate::identity::DeviceId;
use crate::ledger::Ledger;
use crate::role::Role;

/// Checks every need of a change by `author` made on `deps`.
pub(super) fn check(
    doc: &Automerge,
    ledger: &Ledger,
    author: DeviceId,
    deps: &[ChangeHash],
    needs: &[Needs],
) -> Result<(), Rejection> {
    let at = At { doc, deps };
    let me = author.to_hex();
    for need in needs {
        match need {
            Needs::Listed {
                obj,
                list,
                or_admin,
            } => {
                let listed = match list {
                    Some(k) => at.object(&obj.id(), k),
                    None => at.exists(obj).then(|| obj.id()),
                }
                .is_some_and(|l| at.flag(&l, &me));
                let admin = *or_admin
                    && ledger
                        .role_at(author, deps)
                        .is_some_and(|r| r >= Role::Admin);
                if !listed && !admin {
                    return Err(Rejection::NotPermitted(format!(
                        "the author is not among the {} in the change's past",
                        list.unwrap_or("people listed")
                    )));
                }
            }
            Needs::Vote { votes, options } => {
                let poll = at.open_poll(votes)?;
                let Some(listed) = at.object(&poll, OPTIONS) else {
                    return Err(gone());
                };
                if options.iter().any(|o| at.value(&listed, o).is_none()) {
                    return Err(Rejection::Forbidden(
                        "a vote for an option the poll does not have".into(),
                    ));
                }
                if options.len() > 1 && !at.flag(&poll, MULTIPLE) {
                    return Err(Rejection::Forbidden(
                        "more than one option in a single-choice poll".into(),
                    ));
                }
            }
            Needs::NewOption { options, creator } => {
                let poll = at.open_poll(options)?;
                if author != *creator && !at.flag(&poll, OPEN) {
                    return Err(Rejection::NotPermitted(
                        "this poll takes options from its creator only".into(),
                    ));
                }
                if at.keys(&options.id()) >= MAX_OPTIONS {
                    return Err(Rejection::Forbidden("the poll has all its options".into()));
                }
            }
            Needs::Files { largest, total } => {
                let mut roots: Vec<ExId> = at
                    .doc
                    .get_all_at(&automerge::ROOT, <Attachments as Collection>::KEY, deps)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(v, _)| matches!(v, Value::Object(_)))
                    .map(|(_, id)| id)
                    .collect();
                roots.sort();
                attachments::check_past(
                    &roots,
                    |root| {
                        at.doc
                            .keys_at(root, deps)
                            .filter_map(|k| at.object(root, &k))
                            .collect()
                    },
                    |obj, k| match at.value(obj, k) {
                        Some(Value::Scalar(s)) => s.as_i64(),
                        _ => None,
                    },
                    |obj, k| at.flag(obj, k),
                    *largest,
                    *total,
                )?;
            }
            Needs::Place { signups } => {
                let shift = at.parent(signups).ok_or_else(gone)?;
                let places = match at.value(&shift, PLACES) {
                    Some(Value::Scalar(s)) => match s.as_ref() {
                        ScalarValue::Int(n) => usize::try_from(*n).unwrap_or(0),
                        _ => 0,
                    },
                    _ => 0,
                };
                let list = signups.id();
                let taken = at
                    .doc
                    .keys_at(&list, deps)
                    .filter(|k| *k != me && at.flag(&list, k))
                    .count();
                if taken >= places {
                    return Err(Rejection::Forbidden(
                        "the shift was full in the sign-up's past".into(),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The refusal of a change whose object is not in its past.
fn gone() -> Rejection {
    Rejection::Forbidden("refers to an object its past does not hold".into())
}

/// The document as it was at some heads.
struct At<'a> {
    doc: &'a Automerge,
    deps: &'a [ChangeHash],
}

impl At<'_> {
    /// The winning value at `obj[k]` there.
    fn value(&self, obj: &ExId, k: &str) -> Option<Value<'_>> {
        self.doc
            .get_at(obj, k, self.deps)
            .ok()
            .flatten()
            .map(|(v, _)| v)
    }

    /// The object at `obj[k]` there.
    fn object(&self, obj: &ExId, k: &str) -> Option<ExId> {
        match self.doc.get_at(obj, k, self.deps) {
            Ok(Some((Value::Object(_), id))) => Some(id),
            _ => None,
        }
    }

    /// Whether `obj[k]` is `true` there.
    fn flag(&self, obj: &ExId, k: &str) -> bool {
        matches!(self.value(obj, k), Some(Value::Scalar(s)) if matches!(s.as_ref(), ScalarValue::Boolean(true)))
    }

    /// How many keys `obj` has there.
    fn keys(&self, obj: &ExId) -> usize {
        self.doc.keys_at(obj, self.deps).count()
    }

    /// Whether the object was made in the past (its parent holds it there).
    fn exists(&self, obj: &ObjRef) -> bool {
        self.parent(obj).is_some()
    }

    /// The object holding `obj`, if `obj` is in the past.
    fn parent(&self, obj: &ObjRef) -> Option<ExId> {
        let id = obj.id();
        let parent = self.doc.parents_at(&id, self.deps).ok()?.next()?;
        let automerge::Prop::Map(k) = &parent.prop else {
            return None;
        };
        (self.object(&parent.obj, k).as_ref() == Some(&id)).then_some(parent.obj)
    }

    /// The poll holding `obj` (its options or its votes), refused if it was closed there.
    fn open_poll(&self, obj: &ObjRef) -> Result<ExId, Rejection> {
        let poll = self.parent(obj).ok_or_else(gone)?;
        if self.flag(&poll, CLOSED) {
            return Err(Rejection::Forbidden(
                "the poll was closed in this change's past".into(),
            ));
        }
        Ok(poll)
    }
}
