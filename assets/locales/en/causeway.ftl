# Causeway — English. Every language file has exactly these keys (a test checks).

## General
opening = Opening your groups…
dismiss = Dismiss
continue = Continue
save = Save
create = Create
cancel = Cancel
edit = Edit
delete = Delete
remove = Remove
add = Add
copy = Copy
close = Close
copied = Copied. Paste it into a message to the person you invite.

## First run
welcome-title = Welcome to Causeway
welcome-name-help = Choose the name other members of your groups will see. You can change it later in Settings.
your-name = Your name
your-bio = A few words about you
your-bio-optional = A few words about you (optional)
your-bio-hint = Members of your groups see these words in the members list and when they point at your name.
your-languages = Languages you read
name-needed = Write a name first: it is how others will recognise you.

## Sidebar
my-groups = My groups
all-groups = All groups
create-group = Create a group
join-group = Join a group
settings = Settings
help = Help
help-shortcuts = Keyboard shortcuts
keys-ctrl-enter = Ctrl+Enter
shortcut-post = Posts what you are writing
keys-enter = Enter
shortcut-comment = Sends a comment or a reply
keys-escape = Escape
shortcut-close = Closes a dialog, a question or a menu without changing anything
keys-tab = Tab, Shift+Tab
shortcut-tab = Moves to the next or the previous field and button
keys-zoom = Ctrl+Plus, Ctrl+Minus
shortcut-zoom = Makes everything bigger or smaller (the text size is also in Settings)
keys-select-all = Ctrl+A
shortcut-select-all = Selects all the text of a field
help-formatting = Formatting posts and comments
help-formatting-body = Posts and comments understand Markdown. A link opens in your browser only when you click it; the address shows when you point at it.
help-formatting-example = **bold**, *italic*, [a link](https://example.org)
    - a list
    - of things
help-formatting-shows = Shows as:
seen-as = Others see you as { $name }
members-connected-short = { $count ->
    [0] Nobody else is connected right now
    [one] One other member is connected
   *[other] { $count } other members are connected
}
group-unread = { $count ->
    [one] { $name }, 1 unread post
   *[other] { $name }, { $count } unread posts
}

## A group
group-arriving = Waiting for the group to arrive
group-arriving-help = This group's history has not arrived yet. It will appear as soon as another member's device can be reached.
no-longer-member = You are no longer a member of this group. You can still read what was shared before.
invite-people = Invite people
bundle-title = Carry this group without a network
bundle-help = Where there is no internet and no shared network, the group travels on a USB stick: write a bundle here, read it on another member’s device. Every change in it is checked there as if it had come over the network.
bundle-write = Write a bundle
bundle-read = Read a bundle…
bundle-drop = Or drop a bundle file on this window. Bundles are written into the export folder chosen in Settings.
bundle-files = Causeway bundles
bundle-no-picker = No file picker could be opened on this computer. Drop the bundle file on this window instead.
bundle-written = The bundle was written to { $path } ({ $count } changes).
bundle-taken = The bundle brought { $count ->
    [0] nothing new to { $group }
    [one] 1 new change to { $group }
   *[other] { $count } new changes to { $group }
}{ $refused ->
    [0] .
   *[other] ; { $refused } were refused (not signed by a member, or not allowed).
}
tab-feed = Feed
tab-documents = Documents
docs-new-title = Title of a new document
docs-new = New document
docs-new-from-file = From a Markdown file…
docs-new-from-file-help = Or drop a Markdown file on this window.
docs-no-picker = No file picker could be opened on this computer. Drop the Markdown file on this window instead.
docs-markdown-files = Markdown and text files
docs-file-unreadable = The file { $path } could not be read ({ $detail }). Check that it is still there and that you may open it, or choose another.
docs-none = No documents yet
docs-none-help = A document is text the whole group writes together: the campaign plan, the minutes, a flyer. Give one a title above to start it.
docs-by = by { $name }, { $when }
docs-last = last changed by { $name }, { $when } · { $count ->
    [one] 1 character
   *[other] { $count } characters
}
docs-archived = archived
docs-hidden = hidden by a moderator: { $detail }
doc-back = ← All documents
doc-export = Export…
doc-export-help = Writes the document as Markdown and as an Automerge file into the export folder chosen in Settings.
doc-exported = “{ $title }” was written as { $markdown } (Markdown) and { $automerge } (Automerge).
doc-settings = Document settings
doc-title = Title
doc-rename = Rename
doc-archive = Archive
doc-unarchive = Take out of the archive
doc-hide = Hide
doc-unhide = Show again
doc-hide-title = Hide “{ $name }”?
doc-hide-body = Members will no longer see this document in the list; moderators still do. Say why: members can read it.
doc-editors = Who may edit
doc-editors-all = Every member
doc-editors-admins = Admins only
doc-editors-listed = The members listed
doc-text = Document text
doc-bold = Bold
doc-italic = Italic
doc-link = Link…
doc-link-address = Link address
doc-link-apply = Set link
doc-link-remove = Remove link
doc-kind = Kind of paragraph
doc-kind-paragraph = Paragraph
doc-kind-heading = Heading { $count }
doc-kind-bullet = Bulleted list
doc-kind-numbered = Numbered list
doc-kind-quote = Quote
doc-history = History
doc-history-close = Close history
doc-who-wrote = Who wrote what
doc-version = Version { $count } by { $name }, { $when }
doc-show-version = Show
doc-restore = Restore
doc-compare = Compare with now
doc-comparing = What changed since version { $count } (struck through: taken out; underlined: added)
doc-back-to-now = Back to the text now
doc-read-only = You can read this document. Its creator or an admin can let you edit it.
doc-masked = Edits by someone who may no longer edit this document are hidden, so it is shown here without editing. The command line can still change it.
doc-also-here = Also here: { $names }
tab-members = Members
tab-about = About
members-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
members-connected = { $total ->
    [0] You are the only member so far
    [one] { $count ->
        [0] The other member is not connected
       *[other] The other member is connected
    }
   *[other] { $count } of { $total } other members connected
}
syncing = Syncing…
last-sync = Last synced { $when }
never-synced = Not synced with anyone yet
connection-details = Connection details
reach-you = This device
reach-direct = Connected directly
reach-relay = Connected through a relay
reach-seen = Last seen { $when }
reach-unreachable = Unreachable since { $when }
reach-unknown = Not reached yet

## Feed
write-post = Write a post
post-title = Title (optional)
post-body = Your post
post-language = Language
post-send = Post
post-shortcut = Ctrl+Enter posts
post-later = Later
write-post-draft = Continue your draft
post-empty = Write something before posting.
post-edit-title = Edit the title
post-edit-body = Edit the text
post-edited = edited
post-pinned = Pinned
post-pin = Pin
post-unpin = Unpin
group-held = { $count ->
    [one] One change in this group needs a newer Causeway: it is kept and passed on, and shows once you update.
   *[other] { $count } changes in this group need a newer Causeway: they are kept and passed on, and show once you update.
}
no-posts = No posts yet
no-posts-help = Write the first one above. It reaches every member’s device as soon as it is connected.
show-more = Show more
show-less = Show less
react-add = Add a reaction
reacted-with = { $others ->
    [0] { $names } reacted with { $emoji }
    [one] { $names } and one other reacted with { $emoji }
   *[other] { $names } and { $others } others reacted with { $emoji }
}
emoji-search = Search emoji by English name
emoji-none = No emoji matches this search.
comments = { $count ->
    [0] Comment
    [one] 1 comment
   *[other] { $count } comments
}
comment-write = Write a comment
reply = Reply
reply-write = Write a reply
comment-send = Send

## Members
requests = Asking to join
approve = Approve
decline = Decline
decline-title = Turn down { $name }’s request?
decline-body = Their request is forgotten. They can ask again with an invite.
remove-title = Remove { $name } from the group?
remove-body = They stop receiving the group’s posts, and what they write from now on is refused by every member. Members can read the reason you give.
reason-label = Reason (members can read it)
chars-left = { $count ->
    [one] 1 character left
   *[other] { $count } characters left
}
delete-post-title = Delete this post?
delete-comment-title = Delete this comment?
delete-body = Its text is removed on every member’s device. You can undo it for a few seconds afterwards.
undo = Undo
post-deleted = Post deleted.
comment-deleted = Comment deleted.
withdraw-title = Withdraw this invite?
withdraw-body = Whoever has it can no longer join with it. People who already joined stay members.
role-owner = Owner
role-admin = Admin
role-moderator = Moderator
role-member = Member
role-removed = No longer a member
roles-explained = What each role may do
role-owner-help = Created the group. Does everything an admin does, and no one can remove them.
role-admin-help = Invites people, approves requests, changes roles, removes members, edits the group’s description and pins posts.
role-moderator-help = Hides posts and comments that break the group’s rules, with a reason members can read.
role-member-help = Reads, posts, comments and reacts.
role-removed-help = Can read what was shared before, but no longer receives or sends anything.

## About and group form
group-name = Group name
group-name-needed = Give the group a name first.
group-mission = Mission
group-causes = Causes
group-tag = Other cause
group-region = Region
group-languages = Languages
group-visibility = Who can join
group-created = Created
visibility-invite = Only people we invite
visibility-request = Anyone can ask; an admin approves
visibility-open = Anyone with an invite joins at once
cause-environment = Environment
cause-housing = Housing
cause-education = Education
cause-health = Health
cause-food = Food
cause-migration = Migration
cause-animals = Animals
cause-culture = Culture
cause-human-rights = Human rights
cause-neighbourhood = Neighbourhood

## All groups
no-groups = You are not in any group yet. Create a group for your cause, or join one with an invite you received.
no-groups-title = No groups yet
filter-group = Group
filter-cause = Cause
filter-language = Language
filter-any = Any
no-posts-filtered = No posts match these filters.
no-posts-filtered-title = Nothing here

## Invite dialog
invite-title = Invite people to { $group }
invite-uses = Can be used
invite-uses-n = { $count ->
    [one] once
   *[other] { $count } times
}
invite-uses-any = any number of times
invite-expires = Expires
invite-days = { $count ->
    [one] after 1 day
   *[other] after { $count } days
}
invite-never = never
invite-create = Create invite
invite-share = Send this invite to the person you want in the group, or let them scan the code. Anyone who has it can join, so share it privately.
invite-ticket = Invite
invite-qr = Invite as a QR code
invite-open = Open invites
invite-used = { $count ->
    [0] not used yet
    [one] used once
   *[other] used { $count } times
}
invite-used-of = used { $done } of { $total }
invite-until = until { $when }
invite-withdraw = Withdraw
invite-show = Show again

## Join dialog
join-title = Join a group
join-help = Paste the invite someone sent you. The person who invited you needs to have Causeway open, on the same network or online.
join-paste = Invite
join-button = Join
join-reaching = Reaching the inviting device and receiving the group…
join-invited-by = { $name } invites you to { $group }
join-reaching-name = Reaching { $name }’s device…
join-receiving = Receiving the group: { $done } of { $total } changes
join-waiting-approval = You asked to join. An admin of the group will approve you; the group appears here then.

## Settings
settings-language = Language
settings-profile = Your profile
settings-look = Appearance
settings-theme = Theme
theme-system = Same as the system
theme-light = Light
theme-dark = Dark
settings-text-size = Text size
text-small = Small
text-normal = Normal
text-large = Large
text-larger = Larger
settings-notifications = Notifications
choose-folder = Choose…
export-folder-needed = Choose a folder to export into first.
save-profile = Save
settings-network = Connections
running-title = In use now
running-loopback = This computer only (a test or a demonstration): nothing leaves it.
running-relay-default = Causeway's public relays when a direct connection is not possible
running-relay-custom = Your own relay, { $url }, when a direct connection is not possible
running-relay-none = Direct connections only, no relay
running-lan-on = Looking for members on the local network
running-lan-off = Not looking for members on the local network
running-relay-connected = Connected to the relay { $url }
running-relay-waiting = Not connected to a relay right now: members reach this device only directly
saved-title = For the next start
relay-default = Use Causeway's public relays when a direct connection is not possible
relay-custom = Use our own relay
relay-url = Relay address
relay-none = Direct connections only (no relay)
lan-discovery = Find members on the local network
settings-network-save = Save connection settings
settings-network-restart = Saved. The new connection settings apply the next time Causeway starts.
notify-title = { $name } in { $group }
notify-more = { $count ->
    [one] and 1 more new post
   *[other] and { $count } more new posts
}
settings-notify = Show a desktop notification for new posts in my groups
settings-reminders = Remind me before the events I go to:
settings-remind-day = a day before
settings-remind-hour = an hour before
settings-remind-quarter = 15 minutes before
settings-data-folder = Where your data is kept
settings-export = Export a group
settings-export-help = Saves the group as a readable JSON file and as an Automerge file, into this folder.
settings-export-folder = Folder
settings-export-group = Export { $group }
settings-exported = { $group } was exported to { $path }.

## Errors: what happened and what to do
error-unreachable = The other device could not be reached. Check that it is switched on with Causeway open, and that you are online or on the same network, then try again.
error-not-member = That device no longer counts you as a member of this group.
error-refused = The other device is busy. Causeway will try again by itself.
error-invite-expired = This invite has expired. Ask for a new one.
error-invite-used-up = This invite has been used as many times as allowed. Ask for a new one.
error-invite-revoked = This invite was withdrawn. Ask for a new one.
error-invite-unknown = This invite is not valid. Check that you copied all of it, or ask for a new one.
error-too-many-requests = This group has too many requests waiting for an admin to answer. Try again in a few days.
error-inviter-not-admin = The person who invited you can no longer add members. Ask an admin of the group for a new invite.
error-bad-ticket = This is not a complete Causeway invite. Copy the whole invite again and paste it.
error-disk = Causeway could not save to disk: it is probably full. What you just did is kept, and saved as soon as there is room again: free some space, and keep Causeway open until then.
error-disk-read-only = Causeway cannot write to its data folder: it is read-only or belongs to another user. Nothing saved before was lost. Make the folder writable, or start Causeway with another folder (--data-dir).
error-name-required = A display name is required. Type the name other members will see.
error-name-before-creating = Choose a display name before creating a group: type the name other members will see in Settings.
error-name-before-joining = Choose a display name before joining a group: type the name other members will see in Settings.
error-group-name-required = The group has no name yet. Give it a name.
error-too-long-display-name = The display name is longer than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}. Shorten it and try again.
error-too-long-bio = The text about you is longer than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}. Shorten it and try again.
error-too-long-group-name = The group’s name is longer than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}. Shorten it and try again.
error-too-long-mission = The mission is longer than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}. Shorten it and try again.
error-too-long-region = The region is longer than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}. Shorten it and try again.
error-too-long-title = The title is longer than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}. Shorten it and try again.
error-too-long-post-text = The text of the post is longer than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}. Shorten it, or split it into several posts.
error-too-long-comment = The comment is longer than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}. Shorten it, or split it into several comments.
error-too-long-reason = The reason is longer than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}. Shorten it and try again.
error-bad-tag = Each cause and each language must have 1 to { $max ->
    [one] { $max } character
   *[other] { $max } characters
}. Remove the empty or long ones.
error-post-empty = The post is empty. Write a title or some text first.
error-comment-empty = The comment is empty. Write something first.
error-bad-reaction = A reaction is one short emoji or word. Choose another one.
error-remove-yourself = You cannot remove yourself from the group. To go, leave the group instead.
error-nothing-to-change = Nothing was changed. Change something first, then save.
error-not-a-member = You are not a member of this group (any more), so you cannot do this. Ask an admin to invite you again.
error-not-yours = You can only change your own posts and comments. Ask the person who wrote it.
error-only-admins-upgrade = Only admins and the owner can upgrade a group. Ask one of them.
error-only-admins-pin = Only admins and the owner can pin or unpin posts. Ask one of them.
error-only-admins-invite = Only admins of the group can invite people. Ask an admin for an invite.
error-role-does-not-allow = Your role in this group does not allow this. Ask an admin if you need it.
error-change-refused = Causeway refused this change because it breaks the group’s rules ({ $detail }). Nothing was changed; please report this.
error-not-arrived = This group has not arrived on this device yet. If you asked to join, an admin has to approve you first. Try again once it shows its posts.
error-needs-upgrade = This group has no pinned posts yet: it needs an upgrade first. Ask an admin to upgrade it.
error-already-newest = This group is already up to date. There is nothing to upgrade.
error-pin-hidden-post = This post is deleted or hidden. Only a post everyone sees can be pinned.
error-already-pinned = This post is already pinned. There is nothing to do.
error-not-pinned = This post is not pinned. There is nothing to unpin.
error-post-not-found = That post was not found in this group. Wait until the group has synced, then try again.
error-member-not-found = That person is not a member of this group. Check the list of members and try again.
error-item-not-found = That post or comment was not found in this group. Wait until the group has synced, then try again.
error-document-not-empty = Causeway could not take the group’s whole history, because it already holds part of it. Sync again; if this keeps happening, please report it.
error-not-an-editor = You may not edit this document. Ask its creator or an admin to add you as an editor.
error-doc-not-arrived = This document has not arrived on this device yet. Try again once it shows its text.
error-doc-too-long = A document can hold at most { $max } characters. Split it into two documents.
error-position-past-end = That place is no longer in the document (someone else changed it). Try again.
error-bad-link = A link must be a web address (https://…) or a mail address (mailto:…).
error-doc-not-found = That document was not found in this group.
error-doc-title-required = Give the document a title.
error-only-stewards = Only the document’s creator and admins can rename it, archive it or choose who edits it.
error-markdown-too-large = The file is larger than { $max } bytes, more than any document can hold. Split it, or import a part of it.
error-markdown-not-text = That file is not a text file. Choose a Markdown (.md) or plain text file.
error-no-such-version = The document has no version “{ $version }”. Its history lists the versions it has.
error-not-a-bundle = That file is not a Causeway bundle. A bundle is written with “Write a bundle” or `causeway bundle write`.
error-bundle-too-new = The bundle was written by a newer Causeway. Update Causeway on this device to read it.
error-bundle-damaged = The bundle is damaged or cut short (perhaps the stick was pulled out while it was written). Nothing of it was taken in; write it again on the device it came from.
error-bundle-too-large = The bundle is larger than { $max } bytes. Write only what the member lacks (--for), or one group at a time.
error-bundle-other-group = The bundle is for a group this device is not in ({ $group }). Join the group first, then read the bundle again.
error-bundle-unreadable = The file { $path } could not be read ({ $detail }). Check that the stick is still plugged in and the file is there.
error-bad-relay-address = “{ $url }” is not a relay address. A relay address looks like https://relay.example.org.
error-other-process-silent = Another Causeway uses this data folder but does not answer ({ $detail }). Close it and try again.
error-export-folder = The folder { $path } could not be created ({ $detail }). Choose another folder.
error-export-write = The file { $path } could not be written ({ $detail }). Check that there is space and that the folder can be written, or choose another folder.
error-unknown-invite = This device does not know that invite. Check that it is one you sent from here.
error-invite-for-other-group = That invite is for another group. Withdraw it from that group’s list of invites.
error-owner-role-not-given = The owner’s role cannot be given to anyone. Choose member, moderator or admin.
error-no-such-request = That request to join is no longer waiting. Someone may have answered it already.
error-peer-lacks-group = The other device does not have this group. Try with another member’s device.
error-disk-failed = Causeway could not use the file { $path } ({ $detail }). Nothing saved before was lost. Check the disk, then try again.
error-data-folder-in-use = The data folder { $path } is already used by another Causeway. Close that one first, or start Causeway with another folder (--data-dir).
error-key-damaged = The device key file { $path } holds { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
} instead of 32, and was left untouched. Restore it from a backup, or move it away to start this device with a new identity.
error-file-damaged = The file { $path } is damaged and was left untouched. Restore it from a backup, or move the group’s folder away to fetch the group again from other members.
error-newer-format = The file { $path } was written by a newer version of Causeway. Update Causeway.
error-restart-needed = An earlier write to { $path } failed and could not be undone. Restart Causeway to reload the group.
error-invalid-id = “{ $input }” is not a valid id. Copy it again, whole.
error-bad-signature = A signature does not match its author, so the change was not accepted. If this keeps happening, please report it.
error-group-damaged = The group { $group } could not be opened ({ $detail }). It was left as it is on disk; please report this.
error-unknown-group = There is no group { $group } on this device. Check which group you meant, or join it first.
error-bad-profile = Your profile file is damaged ({ $detail }). Set your name again in Settings.
error-protocol = The other device sent something Causeway does not understand ({ $detail }). Check that both devices run the same version of Causeway.
error-randomness = The system could not provide random numbers ({ $detail }). Restart the computer, then try again.
error-internal = Something went wrong inside Causeway ({ $detail }). Please report this, then try again.
warning-invites-unreadable = Your list of invites could not be read ({ $detail }). Invites you sent earlier may need to be sent again.
warning-group-not-opened = The group { $group } could not be opened and was left as it is on disk ({ $detail }). Restore it from a backup, or move its folder away to fetch it again from other members.
warning-log-tail-set-aside = The end of { $path } was damaged, probably by an interrupted write. { $count ->
    [one] { $count } byte from position { $offset } was
   *[other] { $count } bytes from position { $offset } were
} moved to { $copy }, and the log was cut back to its last good record. Nothing else is needed.
warning-log-records-skipped = In { $path }, { $count ->
    [one] { $count } damaged byte at position { $offset } was
   *[other] { $count } damaged bytes at position { $offset } were
} skipped and copied to { $copy }. The good records after them were kept; nothing else is needed.

## Time
time-just-now = just now
time-minutes-ago = { $count ->
    [one] 1 minute ago
   *[other] { $count } minutes ago
}
time-hours-ago = { $count ->
    [one] 1 hour ago
   *[other] { $count } hours ago
}
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## Events, polls, tasks and shifts: what core refuses
error-too-long-place = The place is longer than { $max } characters. Shorten it and try again.
error-too-long-time-zone = That is not a time zone’s name. Use a name such as Europe/Paris.
error-too-long-question = The question is longer than { $max } characters. Shorten it and try again.
error-too-long-option = An option is longer than { $max } characters. Shorten it and try again.
error-too-long-notes = The notes are longer than { $max } characters. Shorten them and try again.
error-end-before-start = The end is before the start. Give an end after the start.
error-date-out-of-range = That date is out of range. Give a date from 1970 on, lasting at most a year.
error-event-not-found = That event was not found in this group.
error-poll-not-found = That poll was not found in this group.
error-task-not-found = That task was not found in this group.
error-shift-not-found = That shift was not found in this group.
error-event-title-required = Give the event a title.
error-not-an-organiser = Only the event’s organisers and admins can change it.
error-event-cancelled = This event is cancelled; it takes no more answers.
error-bad-capacity = The number of places must be from 1 to { $max }.
error-poll-options = A poll has from { $min } to { $max } options, none of them empty.
error-question-required = Write the poll’s question first.
error-poll-closed = This poll is closed; its results are final.
error-no-such-option = That option is not in this poll. Pick one of its options.
error-single-choice = This poll takes one answer only. Pick one option.
error-no-new-options = Only the poll’s creator can add options to this poll.
error-only-creator-or-admin = Only its creator or an admin can do this.
error-task-title-required = Give the task a title.
error-not-on-task = Only the task’s creator, the people doing it and admins can change it. Take the task first.
error-shift-full = This shift is full. Pick another shift, or ask its organiser for one more place.
error-shift-title-required = Give the shift a title.
error-bad-date = “{ $given }” is not a date. Write it as 2026-12-12 10:00, or 2026-12-12 for a whole day.
error-unknown-zone = “{ $zone }” is not a time zone. Write it as Europe/Paris or America/Sao_Paulo.
error-no-such-time = { $given } does not exist in { $zone }: the clocks skip that hour. Pick another time.

## Events, polls, tasks and shifts in the window
tab-events = Events
tab-polls = Polls
tab-tasks = Tasks
agenda = Agenda
agenda-none = Nothing planned yet
agenda-none-body = Events of all your groups show here. Create one in a group’s Events tab.
agenda-mine = You are going
agenda-upcoming = Coming up
agenda-past = Past
coming-up = Coming up
coming-up-all = All events
events-list = List
events-month = Month
events-past = Past events too
events-none = No events coming up
events-none-body = Plan the next clean-up, workshop or meeting with “New event”.
event-new = New event
event-edit-title = Change the event
event-title = Title
event-all-day = All day
event-date = Date
event-last-day = Last day
event-starts = Starts
event-ends = Ends
event-zone = Time zone
event-date-hint = Dates as 2026-12-12, times as 10:00.
event-place-label = Place (an address)
event-online-label = Online link
event-capacity = Places (leave empty for no limit)
event-capacity-bad = Write a number of places, or leave it empty.
event-body = What it is about
event-create = Create the event
event-save = Save
event-edit = Change
event-cancel = Cancel the event
event-uncancel = Take the cancellation back
event-cancel-title = Cancel “{ $name }”?
event-cancel-body = Everyone who answered sees that it is cancelled. You can take it back later.
event-organisers = Organised by { $names }
event-add-organiser = Add an organiser
event-cancelled = Cancelled
event-moved = Moved: it was { $when }
event-place = Where: { $place }
event-online = Join online
event-counts = { $going } going · { $maybe } maybe · { $no } can’t go
event-counts-places = { $going } of { $places } places taken · { $waiting } waiting · { $maybe } maybe · { $no } can’t go
event-going = Going: { $names }
event-waiting = Waiting for a place: { $names }
event-you-wait = The places are taken: you are on the waiting list, and move up if someone can’t go.
event-ics = Add to my calendar (.ics)
ics-written = Saved as { $path }. Open it to add it to your calendar.
rsvp-yes = Going
rsvp-maybe = Maybe
rsvp-no = Can’t go
month-before = The month before
month-after = The month after
month-day-empty = Nothing planned that day.
month-today = Today
month-title = { $month } { $year }
date-short = { $weekday } { $day } { $month }
when-all-day = { $day }, all day
when-days = { $first } – { $last }
weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun
month-long-1 = January
month-long-2 = February
month-long-3 = March
month-long-4 = April
month-long-5 = May
month-long-6 = June
month-long-7 = July
month-long-8 = August
month-long-9 = September
month-long-10 = October
month-long-11 = November
month-long-12 = December
shifts = Shifts
shifts-none = No shifts planned. Make one for the market stand or the workshop door.
shift-new = New shift
shift-title = What it is
shift-places-label = Places
shift-places-bad = Write how many people it needs (1 or more).
shift-create = Create the shift
shift-places = { $taken } of { $places } places taken
shift-standing-by = Standing by: { $names }
shift-you-are-in = You have a place.
shift-you-stand-by = You signed up when it was full: you stand by.
shift-join = Sign up
shift-leave = Withdraw
shift-cancel = Cancel the shift
shift-cancel-title = Cancel “{ $name }”?
shift-cancel-body = Everyone who signed up sees that it is cancelled. You can take it back later.
shift-full = Full
poll-new = New poll
poll-not-secret = Votes are not secret: every member sees who voted what.
polls-none = No polls yet
polls-none-body = Ask the group a question with “New poll”.
poll-question = Question
poll-option-n = Option { $count }
poll-remove-option = Remove this option
poll-more-options = Another option
poll-multiple = Members may choose several options
poll-open = Members may add options
poll-create = Ask the group
poll-closed = Closed
poll-how-single = One answer · { $count ->
    [one] { $count } member voted
   *[other] { $count } members voted
}
poll-how-multiple = Several answers · { $count ->
    [one] { $count } member voted
   *[other] { $count } members voted
}
poll-vote = Vote
poll-change-vote = Change my vote
poll-withdraw = Take my vote back
poll-close = Close the poll
poll-close-title = Close “{ $name }”?
poll-close-body = Nobody can vote or change a vote afterwards; the results are final.
poll-add-option = A new option
poll-add = Add
tasks-none = No tasks yet
tasks-none-body = Add what needs doing; any member can take a task.
task-new = New task
task-due-label = Due
task-add = Add the task
task-open = open
task-doing = doing
task-done = done
task-due = Due { $when }
task-on-it = On it: { $names }
task-take = I’ll do it
task-let-go = Let it go
task-mark-doing = Started
task-mark-done = Done
task-reopen = Open again
remind-soon-minutes = { $name } starts in { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
remind-soon-hours = { $name } starts in { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
remind-soon-days = { $name } starts in { $count ->
    [one] { $count } day
   *[other] { $count } days
}
remind-moved = { $name } was moved
remind-moved-to = It is now { $when }.
remind-cancelled = { $name } is cancelled

## Pictures and files
attach-files = Attach pictures or files…
attach-drop = Drop the files to attach them to your post
attach-remove = Take { $name } off
attach-privacy = Location and camera details are taken out of photos before they are shared.
file-download = Download
file-open = Open
file-save = Save
file-waiting = Not here yet: it comes from a member who has it, as soon as one is online.
file-lies = This file is not what the group says it is, so it was not kept.
file-saved = Saved to { $path }
picture-loading = Loading the picture…
picture-damaged = This picture cannot be shown: it is damaged or not really a picture.
picture-too-large = This picture is too large to show.
picture-kind = Pictures
picture-no-picker = No file picker could be opened on this computer.
size-mb = { $mb } MB
size-kb = { $kb } kB
size-bytes = { $count ->
    [one] { $count } byte
   *[other] { $count } bytes
}
avatar-label = Your picture
avatar-choose = Choose a picture…
avatar-remove = Remove the picture
group-picture = Group picture
group-picture-choose = Choose a picture…
group-picture-remove = Remove the picture
settings-files = Pictures and files
settings-auto-download = Download pictures by themselves up to
settings-auto-download-help = Thumbnails and members’ pictures always come by themselves. Larger pictures and other files download when you open them.
settings-space = { $group }: { $here } here of { $all }
settings-free-space = Free space
settings-free-space-help = Removes from this device the files that no group uses any more.
settings-freed = Freed { $size }.
error-file-empty = This file is empty.
error-file-too-large = This file is larger than this group takes ({ $max_mb } MB). An admin can raise the limit in the group’s settings.
error-group-files-full = This group’s files would pass its limit of { $max_mb } MB. Remove old files, or ask an admin to raise the limit.
error-file-limit-out-of-range = A limit on files is from 1 MB to { $max_mb } MB.
error-bad-file-name = A file name cannot hold folders or control characters, and has at most { $max } characters. Rename the file and try again.
error-not-a-file-type = Causeway does not know what kind of file this is.
error-not-an-image = This is not a picture Causeway can show. Choose a PNG, JPEG, WebP or GIF file.
error-too-many-files = At most { $max } files at once.
error-attachment-not-found = This file is no longer in the group.
error-file-unreadable = { $path } could not be read ({ $detail }). Check the file and try again.
error-file-not-here = { $name } has not arrived yet, and no member who has it is online. Try again later.
error-file-not-as-referenced = { $name } was not what the group says it is, so it was not kept.

## Moderation: hiding and showing again
hide = Hide
unhide = Show again
hide-post-title = Hide this post by { $name }?
hide-comment-title = Hide this comment by { $name }?
hide-body = Members will no longer see it; moderators still do, and can show it again. Say why: members can read the reason.
reason-needed = Write a reason first: members read it, and so does the person who wrote it.
a-moderator = a moderator
hidden-by = Hidden by { $name }
hidden-by-because = Hidden by { $name }: { $reason }
tab-moderation = Moderation
moderation-nothing-hidden = Nothing is hidden
moderation-nothing-hidden-help = When a moderator hides a post or a comment, it shows here with the reason, and any moderator can show it again.
moderation-hidden-posts = { $count ->
    [one] One hidden post
   *[other] { $count } hidden posts
}
moderation-hidden-comments = { $count ->
    [one] One hidden comment
   *[other] { $count } hidden comments
}
moderation-on-post = On { $name }’s post

unhide-title = Show this again?
unhide-body = Members will see it in the feed again. Say why: the group’s log keeps the reason.
## The moderation log
tab-log = Log
log-filter = Which decisions
log-filter-all = All decisions
log-filter-hide = Hidden
log-filter-unhide = Shown again
log-filter-remove = Removals
log-filter-role = Role changes
log-filter-withdraw = Invites withdrawn
log-export = Export the log
log-export-help = Writes the log with the group’s signed history into the export folder, so that anyone can check it with `causeway log verify`. It holds the group’s posts too: share it only with people the group would show them to.
log-help = Every decision of the group’s moderators and admins, with who took it, in which role, and why. Every member’s device reads it from its own copy of the group.
log-empty = No decisions yet
log-empty-help = When a moderator hides something, or an admin removes someone or changes a role, it is written here for every member to read.
log-hid = { $name } hid { $other }’s { $kind ->
    [post] post
    [comment] comment
    [attachment] file
    [document] document
   *[other] item
} “{ $title }”
log-unhid = { $name } showed { $other }’s { $kind ->
    [post] post
    [comment] comment
    [attachment] file
    [document] document
   *[other] item
} “{ $title }” again
log-removed = { $name } removed { $other } from the group
log-role = { $name } made { $other } { $role }
log-withdrew = { $name } withdrew the invite “{ $title }”
log-other = { $name } took a decision this version of Causeway cannot show
log-exported = The log ({ $count } entries) is in { $path }.
error-not-a-log-file = That file is not a moderation log. A log is written with “Export the log” or `causeway log export`.
error-log-file-too-new = The log file was written by a newer Causeway. Update this one to check it.
error-log-history-broken = The group’s history in the log file does not hold together ({ $refused } changes refused, { $waiting } missing what they build on): the file was damaged or changed.
error-log-entry-altered = Entry { $number } of the log file is not what the group’s signed history says: the file was changed.
error-log-entries-missing = The log file lists { $listed } entries but the group’s signed history holds { $held }: the file was changed.

## Reports
error-report-not-found = That report was not found in this group.
error-report-unreadable = That report cannot be opened on this device: it was sealed to the moderators of its day. Another moderator opens it and hands you its key.
error-report-too-long = A report’s words are at most { $max } characters.
error-unknown-category = “{ $given }” is not a kind of report. Choose hate, sexual, violence, doxing, harassment, spam, illegal or other.
error-unknown-verdict = “{ $given }” is not a decision on a report. Choose hide, dismiss, warn or remove.
error-unknown-report-target = “{ $given }” names nothing to report. Report a post, a comment or a member.
report = Report
report-post-of = { $name }’s post
report-comment-of = { $name }’s comment
report-title = Report { $name }
report-help = Only the group’s moderators, admins and owner read your report; nobody else learns that you made it. You will see what they decide.
report-pick = Choose why.
report-words = In your words (optional)
report-send = Send the report
report-sealed = Your report is sealed for the moderators; it goes to the first of their devices this one reaches.
report-filed = Your report is with the moderators.
category-hate = Discrimination or hate
category-sexual = Sexual content
category-violence = Glorifying violence
category-doxing = Private details published (doxing)
category-harassment = Harassment or stalking
category-spam = Spam or advertising
category-illegal = Illegal content
category-other = Something else
queue-title = { $count ->
    [0] No reports to decide
    [one] One report to decide
   *[other] { $count } reports to decide
}
queue-empty = When a member reports something, it shows here, oldest first.
report-about = { $kind ->
    [post] { $name }’s post “{ $title }”
    [comment] { $name }’s comment “{ $title }”
    [member] { $name }
   *[other] Something of { $name }
}
report-by = { $name } reported it: { $kind }
warn-words = Private note to its author (for a warning; only they and the moderators read it)
report-dismiss = Dismiss
report-warn = Warn
my-reports = Your reports
my-report-open = { $kind } · waiting for a moderator
my-report-decided = { $kind } · { $action ->
    [hide] hidden by a moderator
    [dismiss] dismissed by a moderator
    [warn] its author was warned
    [remove] its author was removed
   *[other] decided
}: { $reason }
tab-moderation-count = Moderation ({ $count })
group-reports-waiting = { $name }, { $count ->
    [one] one report to decide
   *[other] { $count } reports to decide
}
reports-waiting = { $count ->
    [one] One report waits for a moderator
   *[other] { $count } reports wait for a moderator
}
log-dismissed = { $name } dismissed a report
log-warned = { $name } warned { $other }
log-filter-dismiss = Reports dismissed
log-filter-warn = Warnings
removed-by = You were removed from { $group } by { $name }. What you had stays readable here; what you write no longer reaches the group.
removed-by-because = You were removed from { $group } by { $name }: { $reason }. What you had stays readable here; what you write no longer reaches the group.
warned-you = { $name } warned you, in words only you and the moderators read:

## Blocking and muting
block = Block
unblock = Unblock
block-help = Their posts, comments and reactions disappear from all your groups, and their device can no longer sync with yours. Only you know.
mute = Mute
unmute = Unmute
mute-help = Their posts, comments and reactions disappear from your feed. Only you know.
blocked-mark = Blocked by you
muted-mark = Muted by you
thread-mute = Mute thread
thread-mute-help = Fold this post and its comments into one line. Only you know.
thread-muted = You muted this thread: { $name }
thread-unmute = Show again
group-mute = Mute this group’s news (no notifications)
group-mute-help = New posts in this group no longer notify you. Only you know.
block-title = Block { $name }?
block-body = Their posts, comments and reactions disappear from all your groups on this device, and their device can no longer sync with yours. The groups keep what they wrote, and they are not told. You can unblock them in Settings.
block-reason-label = Why (optional; only you read it)
settings-blocks = Blocked and muted
settings-blocks-help = Only on this device. Nobody is told.
settings-blocks-none = You have not blocked or muted anyone or anything.
blocked-line = Blocked: { $name }
blocked-line-because = Blocked: { $name } ({ $reason })
muted-person-line = Muted: { $name }
muted-thread-line = Muted thread: { $name }
muted-group-line = Muted group: { $name }
error-cannot-block-self = You cannot block or mute yourself.
error-unknown-person = That person is not a member of any of your groups. Name a member.
error-unknown-post = That post is not in this group; it may have been deleted.
error-block-reason-too-long = The reason is too long: { $count } characters at most.
error-unknown-mute-target = “{ $given }” names nothing to mute. Name a member, a group or a post.
warning-blocks-unreadable = Your list of blocked and muted people could not be read ({ $detail }). Block or mute them again in Settings.

## Leaving a group
leave = Leave this group
leave-and-delete = Leave and delete my copy
leave-title = Leave { $name }?
leave-body = The members are told that you left. You no longer receive or send anything in this group; what you have stays readable on this device.
delete-copy = Delete my copy
delete-copy-title = Delete your copy of { $name }?
delete-copy-body = Everything this device holds of the group goes: posts, comments, documents, files. If you are still a member, you leave first, and the copy goes once a member has learnt it. This cannot be undone on this device.
error-leave-not-delivered = No member could be reached to learn that you left, so your copy is kept to tell them. Try again when a member is online.
erase-mine = Delete all my posts and comments
erase-mine-title = Delete all your posts and comments in { $name }?
erase-mine-body = Their text is cleared on every member’s device, as when you delete one. Your reactions and the documents you wrote in stay. This cannot be undone.

## Handing a group over
error-hand-over-to-yourself = You own the group already. Hand it over to an admin.
error-hand-over-to-admin = The group can be handed over only to an admin. Make them an admin first.
error-only-owner-hands-over = Only the owner can hand the group over.
hand-over = Hand the group over
hand-over-title = Hand { $name } over to { $other }?
hand-over-body = They become the owner, and you an admin. Only they can hand it back. Every member sees it in the group’s log.
error-too-many-open-reports = You have { $max } reports the moderators have not decided yet. Wait for their decisions before reporting more.
hidden-yours = { $name } hid your post: the other members no longer see it; you and the moderators do.
hidden-yours-because = { $name } hid your post: { $reason }. The other members no longer see it; you and the moderators do.
request-via = through { $name }’s invite
