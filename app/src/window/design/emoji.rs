//! Emoji for reactions: the few offered under every post, and the whole set for the picker,
//! searchable by name (CLDR names, in English) and by GitHub shortcode. Drawn in colour by the
//! bundled Noto Color Emoji font, which covers Unicode 15.1: newer emoji are left out of the
//! picker, since they would show as empty boxes.

/// The reactions offered under every post and comment.
pub(crate) const QUICK: [&str; 6] = ["👍", "❤️", "🎉", "✊", "🙏", "😂"];

/// The newest emoji the bundled font draws.
const FONT_COVERS: emojis::UnicodeVersion = emojis::UnicodeVersion::new(15, 1);

/// Emoji whose name or shortcode contains every word of `query` (all of them for an empty
/// query), in the Unicode order (smileys first), at most `limit`.
pub(crate) fn search(query: &str, limit: usize) -> Vec<&'static str> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    emojis::iter()
        .filter(|e| e.unicode_version() <= FONT_COVERS)
        .filter(|e| {
            words.iter().all(|w| {
                e.name().to_lowercase().contains(w.as_str())
                    || e.shortcodes().any(|s| s.contains(w.as_str()))
            })
        })
        .map(|e| e.as_str())
        .take(limit)
        .collect()
}

/// The emoji's name, for its tooltip ("thumbs up").
pub(crate) fn name(emoji: &str) -> Option<&'static str> {
    emojis::get(emoji).map(|e| e.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_finds_by_name_and_shortcode() {
        assert!(search("thumbs up", 10).contains(&"👍"));
        assert!(search("tada", 10).contains(&"🎉"));
        assert!(search("HEART", 50).contains(&"❤️"));
        assert!(search("no such emoji at all", 10).is_empty());
        assert_eq!(search("", 30).len(), 30);
    }

    #[test]
    fn quick_reactions_have_names() {
        for e in QUICK {
            assert!(name(e).is_some(), "{e}");
        }
    }
}
