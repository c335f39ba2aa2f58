#!/usr/bin/env bash
# Starts the real `causeway` binary under Xvfb, walks through the main screens, and saves
# screenshots to docs/screenshots/ (the README shows them). Installs Xvfb, ImageMagick and
# xdotool if missing (scripts/setup.sh screen).
#
#   scripts/screenshots.sh            # release build
#   CAUSEWAY_PROFILE=dev scripts/screenshots.sh   # reuse the debug build (faster)
#
# Everything stays on this machine: the nodes run in loopback mode (CAUSEWAY_NETWORK=loopback).
# The walk clicks at fixed points of a 1000×700 window (dialogs open at a fixed place near the
# top, so their buttons stay put); after each click it waits until the
# picture has changed and then stopped changing, and fails if it never changes (the layout moved:
# update the points below).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/setup.sh screen

profile=${CAUSEWAY_PROFILE:-release}
cargo build --locked --profile "$profile" -p causeway-app --bin causeway
case "$profile" in dev) dir=debug ;; *) dir=$profile ;; esac
bin="$root/target/$dir/causeway"
out="$root/docs/screenshots"
mkdir -p "$out"

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export CAUSEWAY_NETWORK=loopback
a() { "$bin" --data-dir "$work/amara" "$@"; }
b() { "$bin" --data-dir "$work/bruno" "$@"; }

wait_for_line() { # file: wait until the node printed its id
  for _ in $(seq 100); do [[ -s "$1" ]] && return 0; sleep 0.1; done
  echo "the node did not start" >&2
  exit 1
}

echo "Seeding two people's data folders..." >&2
a profile set-name Amara >/dev/null
a profile set-bio "Organises the monthly clean-up of the Saône banks. Ask me about gloves and bags." >/dev/null
river=$(a group create "River clean-up" --mission "Keep the Saône and its banks clean, one Saturday a month." \
  --cause environment --cause neighbourhood --region Lyon --language fr --language en --visibility request)
tools=$(a group create "Tool library" --mission "Lend and borrow tools instead of buying them." \
  --cause neighbourhood --region Croix-Rousse)
"$bin" --data-dir "$work/amara" node >"$work/amara-node.out" 2>/dev/null &
node=$!
pids+=("$node")
wait_for_line "$work/amara-node.out"
b profile set-name Bruno >/dev/null
b profile set-bio "Cargo bike on Saturdays; fixes bikes at the tool library." >/dev/null
# Bruno's device stays on throughout, so Amara's window later finds him where he was.
"$bin" --data-dir "$work/bruno" node >"$work/bruno-node.out" 2>/dev/null &
pids+=("$!")
wait_for_line "$work/bruno-node.out"
b join "$(a invite create "$river" --uses 5)" >/dev/null
b join "$(a invite create "$tools")" >/dev/null
a member approve "$river" "$(b id | cut -d' ' -f1)" >/dev/null
b sync >/dev/null
first=$(a post "$river" "Meet at the Pont Bonaparte at 10. Gloves and bags are provided; bring water." --title "Saturday clean-up")
b post "$river" "I'll bring the cargo bike for the heavy bags." >/dev/null
b sync >/dev/null
a post "$tools" "We now have a second ladder and a tile cutter." --title "New tools" >/dev/null
a comment "$river" "$first" "Great, see you there!" >/dev/null
a pin "$river" "$first" >/dev/null
a react "$river" "$first" "👍" >/dev/null
b sync >/dev/null
b react "$river" "$first" "🎉" >/dev/null
b comment "$river" "$first" "Can I bring my kids?" >/dev/null
b sync >/dev/null
# Chloé asks to join the request-to-join group; her request waits for an admin.
"$bin" --data-dir "$work/chloe" profile set-name Chloé >/dev/null
"$bin" --data-dir "$work/chloe" join "$(a invite create "$river")" >/dev/null
kill -TERM "$node"
wait "$node" || true

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
pids+=("$!")
export DISPLAY=$display
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done

win=""
grab() { import -window root -crop 1000x700+0+0 png:- ; }
digest() { grab | md5sum | cut -d' ' -f1; }
changed_since() { # wait until the window changed from $1 (5 s at most), then let it settle
  local before=$1
  for _ in $(seq 20); do
    if [[ "$(digest)" != "$before" ]]; then
      sleep 0.5
      return 0
    fi
    sleep 0.25
  done
  return 1
}
stuck() {
  import -window root "$work/../causeway-screenshots-failed.png"
  echo "the window did not change after the last step; the layout may have moved (see $work/../causeway-screenshots-failed.png)" >&2
  exit 1
}
settle() { changed_since "$1" || changed_since "$1" || stuck; }
open_window() { # data folder
  local blank
  blank=$(digest)
  "$bin" --data-dir "$1" >"$work/app.log" 2>&1 &
  app=$!
  pids+=("$app")
  win=$(timeout 30 xdotool search --sync --name Causeway | head -1) || true
  if [[ -z "$win" ]]; then
    echo "the window did not open:" >&2
    cat "$work/app.log" >&2
    exit 1
  fi
  xdotool windowmove "$win" 0 0
  # Under Xvfb there is no window manager: give the window the keyboard and pointer focus.
  xdotool windowfocus --sync "$win"
  settle "$blank"
}
close_window() {
  kill -TERM "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
}
click() { # x y; a click that changes nothing is tried again (the first one may only focus)
  local before
  before=$(digest)
  for _ in 1 2 3; do
    # egui needs to see the pointer arrive before the press.
    xdotool mousemove "$1" "$2"
    sleep 0.2
    xdotool click 1
    changed_since "$before" && return 0
  done
  stuck
}
key() { # a key (xdotool's name) that must change the picture
  local before
  before=$(digest)
  xdotool key "$1"
  changed_since "$before" || stuck
}
type_text() {
  local before
  before=$(digest)
  xdotool type --delay 5 "$1"
  settle "$before"
}
shot() { grab >"$out/$1.png"; echo "docs/screenshots/$1.png" >&2; }

echo "Walking through the screens..." >&2
# The window's own settings (theme, language) live in a folder of this run, not the user's.
export XDG_DATA_HOME="$work/xdg-data" XDG_CONFIG_HOME="$work/xdg-config"
open_window "$work/newcomer"
shot first-run
click 336 420     # Continue without a name: a message says what to do, over nothing
shot first-run-message
close_window

# Under Xvfb the system has no theme preference: egui's is dark. Light follows below.
open_window "$work/amara"
shot all-groups
click 95 95       # River clean-up in the sidebar
click 497 372     # open the comments of "Saturday clean-up"
shot group-feed
click 409 372     # the reaction picker
sleep 2           # (a debug build takes a moment to draw 240 colour emoji the first time)
shot emoji-picker
key Escape        # it closes
click 716 372     # Delete on "Saturday clean-up": it asks first
shot confirm-delete
key Escape        # and nothing is deleted
click 354 162     # Members tab
shot members
click 437 162     # About tab
shot about
click 935 32      # Invite people
click 346 140     # Create invite
shot invite
key Escape        # the dialog closes
click 62 208      # Join a group: the invite field has the keyboard
type_text "cw1 this is not a whole invite"
click 315 260     # Join
shot join-error
key Escape
click 70 176      # Create a group
shot create-group
click 47 677      # Settings
shot settings
click 121 677     # Help
shot help
click 47 677      # Settings
click 428 446     # Theme
click 375 510     # Light
shot settings-light
click 95 95       # River clean-up, comments still open
shot group-feed-light
click 354 162     # Members tab
shot members-light
click 49 57       # All groups
shot all-groups-light
click 47 677      # Settings
click 388 414     # the language list
click 375 478     # Français
click 95 95       # River clean-up
shot french
close_window
echo "Screenshots saved in docs/screenshots/." >&2
