#!/usr/bin/env bash
# A wall screen: Chromium in kiosk mode on one board, started again when it exits, and a watchdog
# that reopens the board when the page stops showing signs of life. See docs/displays.md.
#
#   scripts/display-launch.sh https://workshop.example.com/display
#
# Needs chromium, curl and jq (apt-get install chromium curl jq). Settings (environment):
#   CHROMIUM_BIN     the browser (default: chromium, chromium-browser or google-chrome, first found)
#   PROFILE_DIR      its own profile, which keeps the screen's pairing (localStorage) across restarts
#                    (default: $XDG_STATE_HOME/transparent-workshop-display)
#   DEBUG_PORT       Chromium's debugging port, bound to 127.0.0.1 (default 9222)
#   CHECK_SECONDS    how often the watchdog looks (default 15)
#   STALE_SECONDS    a page whose sign of life is older than this is reopened (default 90)
#   GRACE_SECONDS    how long a freshly opened page may take to show its first sign (default 60)
#   RESTART_SECONDS  pause before starting a browser that exited (default 3)
#   EXTRA_FLAGS      more Chromium flags, e.g. "--headless=new --no-sandbox" for a test
#                    (not CHROMIUM_FLAGS: Debian's chromium wrapper reads that one itself)
set -uo pipefail

URL=${1:-${DISPLAY_URL:-}}
if [ -z "$URL" ]; then
  echo "usage: $0 <board url>   e.g. https://workshop.example.com/display (see docs/displays.md)" >&2
  exit 2
fi
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "display-launch: $tool is missing (apt-get install $tool)" >&2; exit 2; }
done
if [ -z "${CHROMIUM_BIN:-}" ]; then
  for candidate in chromium chromium-browser google-chrome; do
    command -v "$candidate" >/dev/null && { CHROMIUM_BIN=$candidate; break; }
  done
fi
[ -n "${CHROMIUM_BIN:-}" ] || { echo "display-launch: no Chromium found (apt-get install chromium)" >&2; exit 2; }

PROFILE_DIR=${PROFILE_DIR:-${XDG_STATE_HOME:-$HOME/.local/state}/transparent-workshop-display}
DEBUG_PORT=${DEBUG_PORT:-9222}
CHECK_SECONDS=${CHECK_SECONDS:-15}
STALE_SECONDS=${STALE_SECONDS:-90}
GRACE_SECONDS=${GRACE_SECONDS:-60}
RESTART_SECONDS=${RESTART_SECONDS:-3}
DEBUG="http://127.0.0.1:$DEBUG_PORT"
# The server's origin, to ask whether it answers before reopening a page that could not reach it.
ORIGIN=$(printf '%s' "$URL" | sed -E 's#^([a-z]+://[^/]+).*#\1#')
PID_FILE="$PROFILE_DIR/chromium.pid"
REASON_FILE="$PROFILE_DIR/restart-reason"
mkdir -p "$PROFILE_DIR"

log() { echo "display-launch: $*"; }

FLAGS=(
  --kiosk
  --user-data-dir="$PROFILE_DIR"
  # The watchdog's only way in; Chromium binds it to 127.0.0.1.
  --remote-debugging-port="$DEBUG_PORT" --remote-debugging-address=127.0.0.1
  --no-first-run --no-default-browser-check --noerrdialogs --disable-infobars
  # After a crash or a power cut: no "Restore pages?" bubble over the board.
  --hide-crash-restore-bubble --disable-session-crashed-bubble
  --disable-features=Translate,TranslateUI,MediaRouter
  # A touch screen must not zoom or swipe back off the board.
  --disable-pinch --overscroll-history-navigation=0
  # The customer board's pickup chime plays with nobody to click first.
  --autoplay-policy=no-user-gesture-required
  # Nothing calls home (updates, sync, components): a shop's network may be closed, and a wall
  # screen gets its updates from the operating system.
  --disable-background-networking --disable-component-update --disable-sync --check-for-update-interval=31536000
  # No keyring prompt on a desktop session nobody unlocks.
  --password-store=basic
  # Keep running and painting when Chromium thinks nobody looks (screen off, window covered): the
  # board must be current the moment the screen is on again, and its sign of life keep moving.
  --disable-backgrounding-occluded-windows --disable-renderer-backgrounding --disable-background-timer-throttling
)
# shellcheck disable=SC2206 # word splitting of EXTRA_FLAGS is the point
[ -n "${EXTRA_FLAGS:-}" ] && FLAGS+=(${EXTRA_FLAGS})

keep_screen_on() {
  # X11: no screen saver, no blanking, no power saving. Under Wayland the compositor decides (docs/displays.md).
  if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null; then
    xset s off; xset s noblank; xset -dpms
  fi 2>/dev/null || true
}

mark_clean_exit() {
  # A killed Chromium records an unclean exit and offers to restore the session on the next start;
  # tell it the last exit was clean (the flags above hide the bubble in newer versions).
  local prefs="$PROFILE_DIR/Default/Preferences"
  [ -f "$prefs" ] && sed -i -e 's/"exited_cleanly":false/"exited_cleanly":true/' -e 's/"exit_type":"[^"]*"/"exit_type":"Normal"/' "$prefs"
  return 0
}

# --- the watchdog: reads every tab's title from Chromium's /json/list -------------------------
# The boards end their title with "[alive <unix seconds>]", moved by a timer every few seconds
# (web/live/sign-of-life.ts), so a stale or missing mark means the page stopped running
# (a hung main thread, a crashed renderer) or never loaded.

server_answers() { [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$ORIGIN/healthz")" != 000 ]; }

# Open the board in a new tab (the reason goes in the hash, for the fleet page), then close the old one.
reopen() {
  local old=$1 reason=$2
  log "reopening the board ($reason)"
  local tab
  # %23: curl would not send a literal "#"; Chromium unescapes the address it is given.
  tab=$(curl -fs -m 10 -X PUT "$DEBUG/json/new?$URL%23tw-reload=$reason" | jq -r .id) || return 1
  # In front, or Chromium treats it as a background tab that paints no frames.
  curl -fs -m 10 "$DEBUG/json/activate/$tab" -o /dev/null
  [ -n "$old" ] && curl -fs -m 10 "$DEBUG/json/close/$old" -o /dev/null
  return 0
}

# Kill the browser; the loop below starts it again on the board, saying why in the URL's hash.
restart_browser() {
  log "restarting the browser ($2)"
  echo "$1" >"$REASON_FILE"
  local pid
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 0
  kill "$pid" 2>/dev/null
  # A browser that does not end within 5 s is hung: kill it (that pid only; the loop may have
  # started the next one already).
  for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null
}

watchdog() {
  local browser_pid="" unanswered=0 reopened=0 id="" since=0 closed=""
  while sleep "$CHECK_SECONDS"; do
    local now pid list page tab url title beat
    now=$(date +%s)
    pid=$(cat "$PID_FILE" 2>/dev/null || true)
    if [ "$pid" != "$browser_pid" ]; then  # a new browser: give it time to open its page
      browser_pid=$pid unanswered=0 reopened=0 id="" since=$now
    fi
    if ! list=$(curl -fs -m 5 "$DEBUG/json/list"); then
      # Starting up, or hung: a browser that does not answer twice in a row is started again.
      unanswered=$((unanswered + 1))
      [ $unanswered -ge 2 ] && [ $((now - since)) -gt "$GRACE_SECONDS" ] && { restart_browser browser-restart "no answer on port $DEBUG_PORT"; unanswered=0; }
      continue
    fi
    unanswered=0
    # The page tab as "id<TAB>url<TAB>title" (a kiosk has one), not the one just closed: closing
    # a hung page can take Chromium a while.
    page=$(printf '%s' "$list" | jq -r --arg closed "$closed" \
      '[.[] | select(.type == "page" and .id != $closed)] | first | select(. != null) | [.id, .url, .title] | @tsv')
    IFS=$'\t' read -r tab url title <<<"$page"
    if [ -z "$page" ]; then
      server_answers && { reopen "" blank || restart_browser blank "cannot open a tab"; since=$now; }
      continue
    fi
    [ "$tab" != "$id" ] && { id=$tab; since=$now; }
    beat=$(printf '%s' "$title" | sed -nE 's/.*\[alive ([0-9]+)\]$/\1/p')
    local reason=""
    if [ -n "$beat" ]; then
      [ $((now - beat)) -gt "$STALE_SECONDS" ] && reason=frozen
    elif [ $((now - since)) -gt "$GRACE_SECONDS" ]; then
      reason=blank  # an error page, about:blank, or a board whose script never ran
    fi
    if [ -z "$reason" ]; then reopened=0; continue; fi
    # Reopening a page the server cannot serve only shows Chromium's error page again.
    if ! server_answers; then log "the page shows no sign of life ($reason, $url), but $ORIGIN does not answer; waiting"; continue; fi
    # A frozen page cannot be closed (its renderer never answers), so the browser goes; a blank
    # one is replaced by a new tab, and the browser goes only when that did not help.
    if [ $reason = frozen ] || [ $reopened -ge 3 ]; then
      restart_browser "$reason" "the board is $reason ($url)"
    elif reopen "$id" "$reason"; then
      reopened=$((reopened + 1)) since=$now closed=$id
    else
      restart_browser "$reason" "cannot open a tab"
    fi
  done
}

# --- the browser, started again whenever it exits ----------------------------------------------
stop() {
  trap - TERM INT
  [ -n "${WATCHDOG_PID:-}" ] && kill "$WATCHDOG_PID" 2>/dev/null
  local pid; pid=$(cat "$PID_FILE" 2>/dev/null) && kill "$pid" 2>/dev/null
  rm -f "$PID_FILE"
  exit 0
}
trap stop TERM INT

keep_screen_on
watchdog &
WATCHDOG_PID=$!
first=$URL
while true; do
  mark_clean_exit
  "$CHROMIUM_BIN" "${FLAGS[@]}" "$first" &
  echo $! >"$PID_FILE"
  log "browser started (pid $!) on $URL"
  wait $!
  log "browser exited (status $?); starting it again in ${RESTART_SECONDS}s"
  sleep "$RESTART_SECONDS"
  reason=$(cat "$REASON_FILE" 2>/dev/null || echo browser-restart)
  rm -f "$REASON_FILE"
  first="$URL#tw-reload=$reason"
done
