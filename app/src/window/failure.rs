//! Failures and warnings from the node, worded in the person's language.

use causeway_sync::control::Failure;

use crate::i18n::I18n;

/// A failure in the person's language, with what to do: always the Fluent message the node
/// named, never the English sentence it keeps for logs.
pub(super) fn failure(i18n: &I18n, f: &Failure) -> String {
    i18n.told(f.key, &f.args)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use causeway_core::{CoreError, Profile};
    use causeway_sync::SyncError;

    use super::*;
    use crate::i18n::Lang;

    /// The failure the window gets when the node refuses a profile, as `submit` builds it.
    fn refused_profile(profile: &Profile) -> Failure {
        let e: CoreError = profile.validate().unwrap_err();
        Failure::from(&SyncError::from(e))
    }

    #[test]
    fn a_display_name_too_long_is_said_in_german_not_in_english() {
        let f = refused_profile(&Profile {
            display_name: "a".repeat(101),
            ..Profile::default()
        });
        let said = failure(&I18n::new(Lang::De), &f);
        assert_eq!(
            said,
            "Der Anzeigename ist länger als 100 Zeichen. Kürze ihn und versuch es noch einmal."
        );
        assert!(!said.contains(&f.message), "{said}");
        assert!(!said.contains("longer"), "{said}");
        assert_eq!(
            f.message, "the display name is longer than 100 characters",
            "the log keeps the English sentence"
        );
    }

    #[test]
    fn a_refusal_of_the_sync_layer_is_said_in_german_with_what_was_typed() {
        let settings = causeway_sync::NetworkSettings {
            relay: causeway_sync::Relay::Custom("not a url".into()),
            lan_discovery: true,
        };
        let f = Failure::from(&settings.validate().unwrap_err());
        let said = failure(&I18n::new(Lang::De), &f);
        assert_eq!(
            said,
            "„not a url“ ist keine Relais-Adresse. Eine Relais-Adresse sieht so aus: https://relay.example.org."
        );
        assert!(!said.contains("looks like"), "{said}");
    }

    #[test]
    fn a_limit_is_written_the_way_the_language_groups_digits() {
        let f = Failure::from(&SyncError::from(CoreError::InvalidInput(
            causeway_core::Problem::TooLong {
                field: causeway_core::Field::Mission,
                max: 5000,
            },
        )));
        assert!(failure(&I18n::new(Lang::En), &f).contains("5,000"));
        assert!(failure(&I18n::new(Lang::De), &f).contains("5.000"));
        assert!(failure(&I18n::new(Lang::Fr), &f).contains("5\u{202f}000"));
    }
}
