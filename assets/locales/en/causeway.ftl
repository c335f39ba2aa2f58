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
your-languages = Languages you read
name-needed = Write a name first: it is how others will recognise you.

## Sidebar
my-groups = My groups
all-groups = All groups
create-group = Create a group
join-group = Join a group
settings = Settings
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
tab-feed = Feed
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
delete-body = Its text is removed on every member’s device. This cannot be undone.
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
invite-used = used { $count } times
invite-used-of = used { $done } of { $total }
invite-until = until { $when }
invite-withdraw = Withdraw

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
error-other = Something went wrong.

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
