//! What a person types: the commands and options of `causeway`. Groups, members and items
//! are named as a person knows them (a name, an id or the start of one); [`super::ask`]
//! finds what they mean.
use std::path::PathBuf;

use causeway_core::{Role, Visibility};
use clap::{Parser, Subcommand};

/// Causeway: your cause groups, on your devices.
#[derive(Parser, Debug)]
#[command(name = "causeway", version)]
pub struct Cli {
    /// Where Causeway keeps this device's data (default: the platform's data folder). Use another
    /// folder to run several identities on one machine.
    #[arg(long, global = true, env = "CAUSEWAY_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Use this self-hosted relay instead of the public ones.
    #[arg(long, global = true, value_name = "URL", conflicts_with = "no_relay")]
    pub relay: Option<String>,
    /// Never go through a relay: direct connections only.
    #[arg(long, global = true)]
    pub no_relay: bool,
    /// Do not look for members' devices on the local network (mDNS).
    #[arg(long, global = true)]
    pub no_lan: bool,
    /// Print data as JSON.
    #[arg(long, global = true)]
    pub json: bool,
    /// What to do; without a command, the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// This device's id and display name.
    Id,
    /// Your profile.
    #[command(subcommand)]
    Profile(ProfileCmd),
    /// Create and list groups.
    #[command(subcommand)]
    Group(GroupCmd),
    /// Invite people to a group (admins).
    #[command(subcommand)]
    Invite(InviteCmd),
    /// Join a group with an invite.
    Join {
        /// The invite text (starts with cw1).
        ticket: String,
    },
    /// Write a post.
    Post {
        /// Group id (or a unique prefix, or the exact name).
        group: String,
        /// The text.
        text: String,
        /// An optional title.
        #[arg(long, default_value = "")]
        title: String,
        /// The language it is written in, e.g. fr (members filter their feed by it).
        #[arg(long, default_value = "")]
        lang: String,
        /// A picture or file to attach (repeat for several). A photo's location and camera
        /// data are taken out before it is shared.
        #[arg(long = "attach", value_name = "FILE")]
        attach: Vec<PathBuf>,
    },
    /// Change one of your posts or comments.
    Edit {
        /// Group id, prefix or name.
        group: String,
        /// The post's or comment's id (or its start), as `feed` shows it.
        item: String,
        /// The new text.
        text: String,
        /// A new title (posts only; without it the title stays).
        #[arg(long)]
        title: Option<String>,
    },
    /// Delete one of your posts or comments.
    Delete {
        /// Group id, prefix or name.
        group: String,
        /// The post's or comment's id (or its start).
        item: String,
    },
    /// Hide a post or comment from the group's feed, with a reason members can read
    /// (moderators).
    Hide {
        /// Group id, prefix or name.
        group: String,
        /// The post's or comment's id (or its start).
        item: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Pin a post to the top of the group's feed (admins). The group's first pin also
    /// upgrades the group so that it has pinned posts; devices with an older Causeway keep
    /// syncing but do not show the pin.
    Pin {
        /// Group id, prefix or name.
        group: String,
        /// The post's id (or its start), as `feed` shows it.
        post: String,
    },
    /// Unpin a pinned post (admins).
    Unpin {
        /// Group id, prefix or name.
        group: String,
        /// The post's id (or its start).
        post: String,
    },
    /// Show a hidden post or comment again (moderators), with a reason members can read in
    /// the group's moderation log.
    Unhide {
        /// Group id, prefix or name.
        group: String,
        /// The post's or comment's id (or its start).
        item: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Comment on a post (or, with --reply-to, answer a comment).
    Comment {
        /// Group id, prefix or name.
        group: String,
        /// The post's id (or its start), as `post` and `feed` print it.
        post: String,
        /// The text.
        text: String,
        /// The comment this answers (its id or start).
        #[arg(long)]
        reply_to: Option<String>,
    },
    /// React to a post or comment with an emoji (or take your reaction back with --remove).
    React {
        /// Group id, prefix or name.
        group: String,
        /// The post's or comment's id (or its start).
        item: String,
        /// The reaction, e.g. 👍.
        #[arg(required_unless_present = "remove")]
        reaction: Option<String>,
        /// Take my reaction back.
        #[arg(long)]
        remove: bool,
    },
    /// Show a group's posts, newest first, with their comments and reactions.
    Feed {
        /// Group id, prefix or name.
        group: String,
    },
    /// Show a group's members.
    Members {
        /// Group id, prefix or name.
        group: String,
    },
    /// Remove members or change their role (admins).
    #[command(subcommand)]
    Member(MemberCmd),
    /// One sync round with every member whose device can be reached, all at once, then
    /// exit. Prints each member's outcome as it ends. Exits with 0 when at least one
    /// member's device synced with this one (or there is no one else to reach), and with 2
    /// when none did (none could be reached, or all refused).
    Sync {
        /// Only this group.
        group: Option<String>,
        /// Give up on members that have not answered after this many seconds.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
    /// What the running node is doing: connections from other devices, and what it refused
    /// them since it started (changes, sessions, joins, connections over the limits).
    Status,
    /// Stay up, serve and sync all groups (an always-on device). Stops on Ctrl-C or SIGTERM.
    Node,
    /// Write a group as JSON and as an .automerge file other Automerge tools open.
    Export {
        /// Group id, prefix or name.
        group: String,
        /// Folder to write to.
        dir: PathBuf,
    },
    /// The group's shared documents: rich text that members write together.
    #[command(subcommand)]
    Doc(DocCmd),
    /// Carry a group on a USB stick where there is no network: write it to a file on one
    /// device, read the file on another.
    #[command(subcommand)]
    Bundle(BundleCmd),
    /// Report a post, a comment or a member to the group's moderators: only they (and you)
    /// read the report, and nobody else learns that you made it.
    Report {
        /// Group id, prefix or name.
        group: String,
        /// The post's or comment's id (or its start), or a member's name.
        item: String,
        /// Why: hate, sexual, violence, doxing, harassment, spam, illegal or other.
        #[arg(long)]
        category: String,
        /// In your words (optional).
        #[arg(long)]
        words: Option<String>,
    },
    /// The reports you can read: for moderators, the group's queue; for members, the reports
    /// you made and what became of them.
    Reports {
        /// Group id, prefix or name.
        group: String,
    },
    /// The warnings the group's moderators wrote to you, with their words (only you and the
    /// moderators read them).
    Warnings {
        /// Group id, prefix or name.
        group: String,
    },
    /// Decide a report (moderators): hide the item, dismiss the report, warn its author
    /// (--words, read only by them and the moderators) or remove them (admins).
    Moderate {
        /// Group id, prefix or name.
        group: String,
        /// The report's id, as `reports` lists it.
        report: String,
        /// hide, dismiss, warn or remove.
        #[arg(value_parser = ["hide", "dismiss", "warn", "remove"])]
        verdict: String,
        /// Why (members read it in the group's log).
        #[arg(long)]
        reason: String,
        /// A warning's words, for the person warned.
        #[arg(long)]
        words: Option<String>,
    },
    /// Block a person on this device: their posts, comments and reactions disappear from
    /// every group here, and their device can no longer sync with yours. Without a name:
    /// everyone and everything you blocked or muted.
    Block {
        /// Their name or device id (as `members GROUP` shows it).
        who: Option<String>,
        /// Why, for your own list.
        #[arg(long)]
        reason: Option<String>,
    },
    /// Unblock a person.
    Unblock {
        /// Their name or device id.
        who: String,
    },
    /// Mute a person (their words disappear from your feed), a post's thread, or a group's
    /// news (no notifications). Others are not told.
    Mute {
        /// A group, a person, or a post's id (or its start).
        what: String,
        /// The group of the post or person, when the name alone is not clear.
        #[arg(long)]
        group: Option<String>,
    },
    /// Undo a mute.
    Unmute {
        /// A group, a person, or a post's id (or its start).
        what: String,
        /// The group of the post or person.
        #[arg(long)]
        group: Option<String>,
    },
    /// The group's moderation log: every decision, who took it in which role, and why;
    /// export it as a file that anyone can check offline.
    Log(super::log::LogArgs),
    /// The group's pictures and files: list them, fetch one, see the space they take.
    #[command(subcommand)]
    Attachment(super::files::AttachmentCmd),
    /// The group's events: meetings, clean-ups, workshops, with answers and places.
    #[command(subcommand)]
    Event(super::kit::EventCmd),
    /// Your agenda: the events of all your groups in the coming days.
    Agenda {
        /// How many days ahead.
        #[arg(long, default_value_t = 30)]
        days: u32,
        /// Also the events of as many days past.
        #[arg(long)]
        past: bool,
    },
    /// Polls: questions the group answers (members can see who voted what).
    #[command(subcommand)]
    Poll(super::kit::PollCmd),
    /// The group's task list.
    #[command(subcommand)]
    Task(super::kit::TaskCmd),
    /// Shifts: time slots with a number of places that members sign up for.
    #[command(subcommand)]
    Shift(super::kit::ShiftCmd),
}

/// `causeway bundle ...`.
#[derive(Subcommand, Debug)]
pub enum BundleCmd {
    /// Write everything this device holds of a group (its posts, members, documents) to a
    /// file; with --for, only what that member lacks as far as this device knows.
    Write {
        /// Group id, prefix or name.
        group: String,
        /// The file to write.
        file: PathBuf,
        /// A member (device id, its start, or name) to write only what they lack.
        #[arg(long = "for", value_name = "MEMBER")]
        for_member: Option<String>,
    },
    /// Take in a bundle file: every change in it is checked as if a member's device had sent
    /// it (signatures, roles, limits).
    Read {
        /// The bundle file.
        file: PathBuf,
    },
}

/// `causeway doc ...`. A document is named by its id (or its start) or its exact title.
#[derive(Subcommand, Debug)]
pub enum DocCmd {
    /// Create a document; prints its id.
    New {
        /// Group id, prefix or name.
        group: String,
        /// Its title.
        title: String,
        /// A Markdown file to start from.
        #[arg(long = "from", value_name = "FILE.md")]
        from: Option<PathBuf>,
    },
    /// List the group's documents.
    List {
        /// Group id, prefix or name.
        group: String,
    },
    /// Print a document's text.
    Show {
        /// Group id, prefix or name.
        group: String,
        /// The document's id (or its start) or title.
        doc: String,
        /// The text as it was at this version (its number or tag, as `doc history` shows).
        #[arg(long, value_name = "VERSION")]
        at: Option<String>,
        /// Print it as Markdown (headings, emphasis, links and lists marked).
        #[arg(long)]
        markdown: bool,
    },
    /// Make the text what a Markdown file says, with as few edits as can be found, so what
    /// others write elsewhere in it meanwhile survives.
    Edit {
        /// Group id, prefix or name.
        group: String,
        /// The document's id (or its start) or title.
        doc: String,
        /// The Markdown file.
        #[arg(long = "from", value_name = "FILE.md")]
        from: PathBuf,
    },
    /// List a document's versions: edits grouped by author and by pauses.
    History {
        /// Group id, prefix or name.
        group: String,
        /// The document's id (or its start) or title.
        doc: String,
    },
    /// Make the text what it was at a version. This writes a new version; nothing is lost.
    Restore {
        /// Group id, prefix or name.
        group: String,
        /// The document's id (or its start) or title.
        doc: String,
        /// The version's number or tag, as `doc history` shows it.
        version: String,
    },
    /// Write the document as DOC.md and DOC.automerge (which Automerge tools open).
    Export {
        /// Group id, prefix or name.
        group: String,
        /// The document's id (or its start) or title.
        doc: String,
        /// Folder to write to.
        dir: PathBuf,
    },
    /// Archive a document (it stays readable, listed apart), or take it out with --undo.
    Archive {
        /// Group id, prefix or name.
        group: String,
        /// The document's id (or its start) or title.
        doc: String,
        /// Take it out of the archive.
        #[arg(long)]
        undo: bool,
    },
    /// Hide a document from members, with a reason (moderators); --undo shows it again.
    Hide {
        /// Group id, prefix or name.
        group: String,
        /// The document's id (or its start) or title.
        doc: String,
        /// Why (members can read it).
        #[arg(long, default_value = "")]
        reason: String,
        /// Show it again.
        #[arg(long)]
        undo: bool,
    },
    /// Choose who may edit: all (every member), admins, or the members named.
    Editors {
        /// Group id, prefix or name.
        group: String,
        /// The document's id (or its start) or title.
        doc: String,
        /// all, admins, or members' device ids (or their starts) or names.
        #[arg(required = true)]
        who: Vec<String>,
    },
}

/// `causeway profile ...`: the command names are the ones people type (`set-name`).
#[derive(Subcommand, Debug)]
#[allow(clippy::enum_variant_names)]
pub enum ProfileCmd {
    /// Set the name other members see.
    SetName {
        /// The name.
        name: String,
    },
    /// Say a few words about yourself.
    SetBio {
        /// The text (empty to clear it).
        bio: String,
    },
    /// Set the languages you read, e.g. fr,en.
    SetLanguages {
        /// Language tags, separated by commas.
        #[arg(value_delimiter = ',')]
        languages: Vec<String>,
    },
    /// Set your picture, shown in every group you are in (PNG, JPEG, WebP or GIF). Its
    /// location and camera data are taken out first.
    SetAvatar {
        /// The picture.
        #[arg(required_unless_present = "remove")]
        file: Option<PathBuf>,
        /// Take your picture away instead.
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
}

/// `causeway group ...`.
#[derive(Subcommand, Debug)]
pub enum GroupCmd {
    /// Create a group; prints its id.
    Create {
        /// Its name.
        name: String,
        /// What it is for.
        #[arg(long, default_value = "")]
        mission: String,
        /// A cause it works on (repeat for several).
        #[arg(long = "cause")]
        causes: Vec<String>,
        /// Who may join: open (anyone with its address), request (an admin approves) or invite.
        #[arg(long, default_value = "invite", value_parser = parse_visibility)]
        visibility: Visibility,
        /// Where it works.
        #[arg(long, default_value = "")]
        region: String,
        /// A language it works in, e.g. fr (repeat for several).
        #[arg(long = "language")]
        languages: Vec<String>,
    },
    /// List my groups.
    List,
    /// Change a group's description (admins). Only what is given changes.
    Edit {
        /// Group id, prefix or name.
        group: String,
        /// A new name.
        #[arg(long)]
        name: Option<String>,
        /// What it is for.
        #[arg(long)]
        mission: Option<String>,
        /// Where it works.
        #[arg(long)]
        region: Option<String>,
        /// The causes it works on, all of them (repeat for several).
        #[arg(long = "cause")]
        causes: Option<Vec<String>>,
        /// The languages it works in, all of them (repeat for several).
        #[arg(long = "language")]
        languages: Option<Vec<String>>,
        /// Who may join: open, request or invite.
        #[arg(long, value_parser = parse_visibility)]
        visibility: Option<Visibility>,
    },
    /// Set the group's picture, its logo or banner (admins).
    SetPicture {
        /// Group id, prefix or name.
        group: String,
        /// The picture.
        #[arg(required_unless_present = "remove")]
        file: Option<PathBuf>,
        /// Take the group's picture away instead.
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
    /// Set how large the group's files may be (admins).
    SetFileLimits {
        /// Group id, prefix or name.
        group: String,
        /// The largest file, in megabytes.
        #[arg(long)]
        max_file_mb: Option<u64>,
        /// All the group's files together, in megabytes.
        #[arg(long)]
        max_total_mb: Option<u64>,
    },
    /// Hand the group over to one of its admins (owners only): they become the owner, you an
    /// admin. Every member sees it in the group's log.
    Transfer {
        /// Group id, prefix or name.
        group: String,
        /// The admin's name or device id.
        to: String,
    },
    /// Delete all your posts and comments in a group (their text is cleared, as deleting one
    /// does; reactions and documents stay).
    EraseMine {
        /// Group id, prefix or name.
        group: String,
    },
    /// Leave a group. Members see that you left (they are told at once); your copy stays
    /// here, read-only, unless you delete it.
    Leave {
        /// Group id, prefix or name.
        group: String,
        /// Also delete this device's copy of the group (its posts, documents, files), once a
        /// member has learnt that you left. Also for a group you were removed from.
        #[arg(long)]
        delete_local: bool,
        /// With --delete-local: delete it even when no member could be told.
        #[arg(long, requires = "delete_local")]
        anyway: bool,
    },
}

/// `causeway invite ...`.
#[derive(Subcommand, Debug)]
pub enum InviteCmd {
    /// Create an invite; prints the text to give to the person invited.
    Create {
        /// Group id, prefix or name.
        group: String,
        /// How many people may use it.
        #[arg(long)]
        uses: Option<u32>,
        /// How long it stays valid, e.g. 30m, 12h, 7d.
        #[arg(long, value_parser = parse_duration)]
        expires: Option<u64>,
    },
    /// Withdraw an invite.
    Revoke {
        /// Group id, prefix or name.
        group: String,
        /// The invite text.
        ticket: String,
    },
}

/// `causeway member ...`.
#[derive(Subcommand, Debug)]
pub enum MemberCmd {
    /// Remove a member.
    Remove {
        /// Group id, prefix or name.
        group: String,
        /// Their device id (or its start), or their name, as `members` shows them.
        member: String,
        /// Why (members can read it).
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Change a member's role (member, moderator, admin).
    Role {
        /// Group id, prefix or name.
        group: String,
        /// Their device id (or its start), or their name.
        member: String,
        /// The new role: member, moderator or admin.
        #[arg(value_parser = parse_role)]
        role: Role,
    },
    /// Let in someone who asked to join (`members` lists them as "asking to join").
    Approve {
        /// Group id, prefix or name.
        group: String,
        /// Their device id (or its start), or the name they gave.
        member: String,
    },
    /// Turn down someone who asked to join (they may ask again with a valid invite).
    Decline {
        /// Group id, prefix or name.
        group: String,
        /// Their device id (or its start), or the name they gave.
        member: String,
    },
}

fn parse_duration(s: &str) -> Result<u64, String> {
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a duration like 30m, 12h or 7d"))?;
    let mult = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("{s:?} is not a duration like 30m, 12h or 7d")),
    };
    Ok(n.saturating_mul(mult))
}

fn parse_visibility(s: &str) -> Result<Visibility, String> {
    Visibility::parse(s).ok_or_else(|| format!("{s:?}: who may join is open, request or invite"))
}

fn parse_role(s: &str) -> Result<Role, String> {
    match Role::parse(s) {
        Some(r) if r != Role::Owner => Ok(r),
        _ => Err(format!("{s:?}: the role is member, moderator or admin")),
    }
}
