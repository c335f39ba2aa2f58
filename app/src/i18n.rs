//! The app's words in English, French, German and Portuguese, with Fluent (`assets/locales/`).
//!
//! Every string a person reads comes from a `.ftl` file. Numbers are grouped the way each
//! language writes them (1,240 · 1 240 · 1.240), dates and times too; plural forms follow each
//! language's rules (Fluent's, from CLDR). The language can change while the app runs.

use std::fmt::Write as _;

use causeway_core::{Arg, Timestamp};
use chrono::{Datelike, Local, TimeZone, Timelike};
use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};

/// A language the app speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
    /// German.
    De,
    /// Portuguese.
    Pt,
}

impl Lang {
    /// Every language, in the order the settings list them.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::De, Lang::Pt];

    /// BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Pt => "pt",
        }
    }

    /// The language's own name for itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::Pt => "Português",
        }
    }

    /// The language for a tag such as `fr-CA` or `pt_BR.UTF-8`; `None` if the app does not
    /// speak it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .split(['-', '_', '.'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The system's language if the app speaks it, else English.
    pub fn from_system() -> Lang {
        sys_locale::get_locale()
            .and_then(|l| Lang::from_tag(&l))
            .unwrap_or_default()
    }

    /// The `.ftl` source.
    pub fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../assets/locales/en/causeway.ftl"),
            Lang::Fr => include_str!("../../assets/locales/fr/causeway.ftl"),
            Lang::De => include_str!("../../assets/locales/de/causeway.ftl"),
            Lang::Pt => include_str!("../../assets/locales/pt/causeway.ftl"),
        }
    }

    /// How the language groups thousands and marks decimals.
    fn separators(self) -> (&'static str, &'static str) {
        match self {
            Lang::En => (",", "."),
            // French uses a narrow no-break space between thousands.
            Lang::Fr => ("\u{202f}", ","),
            Lang::De | Lang::Pt => (".", ","),
        }
    }
}

/// Writes an integer with the language's thousands separator.
pub fn group_digits(n: i64, lang: Lang) -> String {
    let (sep, _) = lang.separators();
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

fn format_number(v: &FluentValue, lang: Lang) -> Option<String> {
    match v {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            Some(group_digits(n.value as i64, lang))
        }
        FluentValue::Number(n) => Some(n.value.to_string().replace('.', lang.separators().1)),
        _ => None,
    }
}

type Memo = intl_memoizer::IntlLangMemoizer;

fn fmt_en(v: &FluentValue, _: &Memo) -> Option<String> {
    format_number(v, Lang::En)
}
fn fmt_fr(v: &FluentValue, _: &Memo) -> Option<String> {
    format_number(v, Lang::Fr)
}
fn fmt_de(v: &FluentValue, _: &Memo) -> Option<String> {
    format_number(v, Lang::De)
}
fn fmt_pt(v: &FluentValue, _: &Memo) -> Option<String> {
    format_number(v, Lang::Pt)
}

/// The app's words in one language.
pub struct I18n {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("lang", &self.lang).finish()
    }
}

impl I18n {
    /// Loads a language. The `.ftl` files are part of the program and checked by tests; a
    /// broken message shows its id instead of failing.
    pub fn new(lang: Lang) -> I18n {
        let (resource, errors) = match FluentResource::try_new(lang.source().to_string()) {
            Ok(r) => (r, Vec::new()),
            Err((r, e)) => (r, e),
        };
        for e in errors {
            tracing::warn!(lang = lang.tag(), error = ?e, "translation file has an error");
        }
        let id = lang
            .tag()
            .parse()
            .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
        let mut bundle = FluentBundle::new(vec![id]);
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match lang {
            Lang::En => fmt_en,
            Lang::Fr => fmt_fr,
            Lang::De => fmt_de,
            Lang::Pt => fmt_pt,
        }));
        if let Err(e) = bundle.add_resource(resource) {
            tracing::warn!(lang = lang.tag(), error = ?e, "translation not loaded");
        }
        I18n { lang, bundle }
    }

    /// The current language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message with arguments: `i18n.a("members-count", &[("count", 3.into())])`.
    pub fn a(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.format(id, Some(&fa))
    }

    /// A message named by core or sync (an error, a warning), with the arguments they give:
    /// numbers become Fluent numbers (grouped, and choosing plural forms), data stays as it is.
    pub fn told(&self, id: &str, args: &[(&'static str, Arg)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            match v {
                Arg::Number(n) => fa.set(*k, FluentValue::from(*n)),
                Arg::Text(t) => fa.set(*k, FluentValue::from(t.as_str())),
            }
        }
        self.format(id, Some(&fa))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            tracing::warn!(id, lang = self.lang.tag(), "missing translation");
            return id.to_string();
        };
        let mut errors = Vec::new();
        let out = self.bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(id, ?errors, "translation could not be filled in");
        }
        out.into_owned()
    }

    /// A whole number in this language (1,240 · 1 240 · 1.240).
    pub fn number(&self, n: usize) -> String {
        group_digits(i64::try_from(n).unwrap_or(i64::MAX), self.lang)
    }

    /// A date and time in the person's time zone, the way this language writes it.
    pub fn datetime(&self, t: Timestamp) -> String {
        let Some(local) = Local.timestamp_millis_opt(t.0).single() else {
            return String::new();
        };
        let (d, m, y) = (local.day(), local.month(), local.year());
        let (h, min) = (local.hour(), local.minute());
        let mut s = String::new();
        let _ = match self.lang {
            Lang::En => {
                let month = self.t(&format!("month-{m}"));
                write!(s, "{d} {month} {y}, {h:02}:{min:02}")
            }
            Lang::Fr => {
                let month = self.t(&format!("month-{m}"));
                write!(s, "{d} {month} {y} à {h:02}:{min:02}")
            }
            Lang::De => write!(s, "{d:02}.{m:02}.{y}, {h:02}:{min:02}"),
            Lang::Pt => write!(s, "{d:02}/{m:02}/{y} {h:02}:{min:02}"),
        };
        s
    }

    /// How long ago, for recent times ("5 minutes ago"), else the date.
    pub fn ago(&self, t: Timestamp, now: Timestamp) -> String {
        let secs = (now.0 - t.0).max(0) / 1000;
        match secs {
            0..60 => self.t("time-just-now"),
            60..3600 => self.a("time-minutes-ago", &[("count", (secs / 60).into())]),
            3600..86_400 => self.a("time-hours-ago", &[("count", (secs / 3600).into())]),
            _ => self.datetime(t),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;
    use fluent_syntax::ast;

    use super::*;

    /// Message ids of a locale (attributes are not used).
    fn ids(lang: Lang) -> BTreeSet<String> {
        let res = FluentResource::try_new(lang.source().to_string())
            .unwrap_or_else(|(_, e)| panic!("{}: the .ftl file does not parse: {e:?}", lang.tag()));
        res.entries()
            .filter_map(|e| match e {
                ast::Entry::Message(m) => Some(m.id.name.to_string()),
                ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_translation_file_loads_whole_with_each_key_once() {
        for lang in Lang::ALL {
            let res = FluentResource::try_new(lang.source().to_string())
                .unwrap_or_else(|(_, e)| panic!("{}: does not parse: {e:?}", lang.tag()));
            let mut bundle: FluentBundle<FluentResource> = FluentBundle::new(vec![]);
            if let Err(e) = bundle.add_resource(res) {
                panic!("{}: not loaded: {e:?}", lang.tag());
            }
        }
    }

    #[test]
    fn every_language_has_exactly_the_english_keys() {
        let en = ids(Lang::En);
        assert!(en.len() > 100, "English has {} messages", en.len());
        for lang in Lang::ALL {
            let l = ids(lang);
            let missing: Vec<_> = en.difference(&l).collect();
            let unknown: Vec<_> = l.difference(&en).collect();
            assert!(
                missing.is_empty() && unknown.is_empty(),
                "{}: missing {missing:?}, unknown {unknown:?}",
                lang.tag()
            );
        }
    }

    #[test]
    fn every_key_the_code_uses_exists_in_english() {
        let en = ids(Lang::En);
        let mut used = BTreeSet::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![dir];
        while let Some(p) = files.pop() {
            if p.is_dir() {
                files.extend(std::fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            for call in [".t(\"", ".a(\""] {
                for part in text.split(call).skip(1) {
                    let id = part.split('"').next().unwrap();
                    if !id.contains('{') && !id.is_empty() {
                        used.insert(id.to_string());
                    }
                }
            }
        }
        let missing: Vec<_> = used.difference(&en).collect();
        assert!(missing.is_empty(), "used but not in en: {missing:?}");
        assert!(used.len() > 50, "found only {} keys in use", used.len());
    }

    #[test]
    fn every_message_formats_in_every_language_without_errors() {
        for lang in Lang::ALL {
            let i = I18n::new(lang);
            for id in ids(lang).into_iter().filter(|i| !i.starts_with('-')) {
                let mut args = FluentArgs::new();
                for k in [
                    "count",
                    "name",
                    "total",
                    "done",
                    "group",
                    "when",
                    "role",
                    "error",
                    "path",
                    "names",
                    "others",
                    "emoji",
                    "max",
                    "detail",
                    "url",
                    "input",
                    "offset",
                    "copy",
                    "version",
                    "title",
                    "markdown",
                    "automerge",
                    "refused",
                    "weekday",
                    "day",
                    "month",
                    "year",
                    "first",
                    "last",
                    "going",
                    "places",
                    "waiting",
                    "maybe",
                    "no",
                    "place",
                    "taken",
                    "given",
                    "zone",
                    "min",
                    "mb",
                    "kb",
                    "here",
                    "all",
                    "max_mb",
                    "size",
                    "reason",
                    "action",
                    "other",
                    "kind",
                    "number",
                    "listed",
                    "held",
                ] {
                    args.set(k, FluentValue::from(2));
                }
                let msg = i.bundle.get_message(&id).unwrap();
                if let Some(p) = msg.value() {
                    let mut errors = Vec::new();
                    let _ = i.bundle.format_pattern(p, Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{}: {id}: {errors:?}", lang.tag());
                }
            }
        }
    }

    /// A message named by core or sync, formatted with exactly the arguments they give; fails
    /// on a missing message, a missing argument or any other Fluent error.
    fn strictly_told(i: &I18n, id: &str, args: &[(&'static str, Arg)]) -> String {
        let msg = i
            .bundle
            .get_message(id)
            .unwrap_or_else(|| panic!("{}: no message {id}", i.lang.tag()));
        let pattern = msg
            .value()
            .unwrap_or_else(|| panic!("{}: {id} has no value", i.lang.tag()));
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            match v {
                Arg::Number(n) => fa.set(*k, FluentValue::from(*n)),
                Arg::Text(t) => fa.set(*k, FluentValue::from(t.as_str())),
            }
        }
        let mut errors = Vec::new();
        let out = i.bundle.format_pattern(pattern, Some(&fa), &mut errors);
        assert!(errors.is_empty(), "{}: {id}: {errors:?}", i.lang.tag());
        out.into_owned()
    }

    #[test]
    fn every_error_kind_and_warning_is_worded_in_every_language() {
        use causeway_sync::{ErrorKind, Warning};
        use strum::IntoEnumIterator;

        // Every variant (strum walks them; a new one is included without touching this test),
        // with one and with many for the plural forms.
        let mut told: Vec<(&'static str, Vec<(&'static str, Arg)>)> = Vec::new();
        for kind in ErrorKind::examples() {
            told.push((kind.key(), kind.args()));
        }
        for w in Warning::iter() {
            told.push((w.key(), w.args()));
        }
        let mut with_one = Vec::new();
        for (key, args) in &told {
            if args.iter().any(|(_, a)| matches!(a, Arg::Number(_))) {
                let one = args
                    .iter()
                    .map(|(k, a)| match a {
                        Arg::Number(_) => (*k, Arg::Number(1)),
                        other => (*k, other.clone()),
                    })
                    .collect();
                with_one.push((*key, one));
            }
        }
        told.extend(with_one);
        assert!(told.len() > 60, "only {} messages", told.len());
        let en = I18n::new(Lang::En);
        for lang in Lang::ALL {
            let i = I18n::new(lang);
            for (key, args) in &told {
                let said = strictly_told(&i, key, args);
                assert!(said.ends_with('.'), "{}: {key}: {said}", lang.tag());
                if lang != Lang::En {
                    assert_ne!(
                        said,
                        strictly_told(&en, key, args),
                        "{}: {key} is not translated",
                        lang.tag()
                    );
                }
            }
        }
    }

    #[test]
    fn numbers_and_plurals_follow_the_language() {
        assert_eq!(group_digits(1_240, Lang::En), "1,240");
        assert_eq!(group_digits(1_240, Lang::Fr), "1\u{202f}240");
        assert_eq!(group_digits(3_000_000, Lang::De), "3.000.000");
        assert_eq!(group_digits(-999, Lang::Pt), "-999");
        let en = I18n::new(Lang::En);
        assert_eq!(en.a("members-count", &[("count", 1.into())]), "1 member");
        assert_eq!(
            en.a("members-count", &[("count", 1240.into())]),
            "1,240 members"
        );
        let fr = I18n::new(Lang::Fr);
        assert_eq!(fr.a("members-count", &[("count", 1.into())]), "1 membre");
        let de = I18n::new(Lang::De);
        assert_eq!(
            de.a("members-count", &[("count", 1240.into())]),
            "1.240 Mitglieder"
        );
    }

    #[test]
    fn languages_are_found_from_system_tags() {
        assert_eq!(Lang::from_tag("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_tag("pt_BR.UTF-8"), Some(Lang::Pt));
        assert_eq!(Lang::from_tag("DE"), Some(Lang::De));
        assert_eq!(Lang::from_tag("ja-JP"), None);
    }
}
