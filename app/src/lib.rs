//! Causeway for people: the desktop window ([`window`], with the `window` feature, on by
//! default) and the command line ([`cli`]), both over the sync handle. Neither depends on
//! iroh, and neither has an async runtime of its own.
//!
//! Every word comes from the Fluent files in `assets/locales/` ([`i18n`]).

pub mod cli;
pub mod i18n;
#[cfg(feature = "window")]
pub mod window;

#[cfg(feature = "window")]
pub use window::{CAUSES, CausewayApp, Saved};

/// Turns an error message into a sentence for a person: capital first letter, final period.
pub fn sentence(msg: &str) -> String {
    let mut s = msg.to_string();
    if let Some(first) = s.get(..1) {
        s.replace_range(..1, &first.to_uppercase());
    }
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}
